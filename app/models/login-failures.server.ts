import { and, desc, eq, gt, lt } from 'drizzle-orm'
import { loginFailures } from '#db/schema'
import { LOGIN_MAX_FAILURES, LOGIN_WINDOW_MS } from '~/domain/login-throttle'
import { getDb } from '~/utils/db.server'

export async function recentLoginFailures(email: string, clientAddress: string, now: Date) {
  const rows = await getDb()
    .select({ failedAt: loginFailures.failedAt })
    .from(loginFailures)
    .where(
      and(
        eq(loginFailures.email, email),
        eq(loginFailures.clientAddress, clientAddress),
        gt(loginFailures.failedAt, new Date(now.getTime() - LOGIN_WINDOW_MS)),
      ),
    )
    .orderBy(desc(loginFailures.failedAt))
    .limit(LOGIN_MAX_FAILURES)
  return rows.map((r) => r.failedAt)
}

export async function recordLoginFailure(email: string, clientAddress: string, now: Date) {
  const db = getDb()
  await db.insert(loginFailures).values({ email, clientAddress, failedAt: now })
  await db.delete(loginFailures).where(lt(loginFailures.failedAt, new Date(now.getTime() - 2 * LOGIN_WINDOW_MS)))
}

export async function clearLoginFailures(email: string, clientAddress: string) {
  await getDb()
    .delete(loginFailures)
    .where(and(eq(loginFailures.email, email), eq(loginFailures.clientAddress, clientAddress)))
}
