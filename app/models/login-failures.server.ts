import { and, desc, eq, gt, lt, sql } from 'drizzle-orm'
import { loginFailures } from '#db/schema'
import { LOGIN_MAX_FAILURES, LOGIN_WINDOW_MS, throttleDecision } from '~/domain/login-throttle'
import { getDb } from '~/utils/db.server'

/**
 * Claims one password check for this account and client address, or says when the next one
 * is allowed. The claim is stored as a failure before the password is checked (a right
 * password clears it), counted and written under a lock on the pair: however many tries
 * arrive at once, no more than the limit get their password checked.
 */
export async function claimPasswordCheck(email: string, clientAddress: string, now: Date) {
  return getDb().transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${email}\n${clientAddress}`}, 0))`)
    const recent = await tx
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
    const decision = throttleDecision(
      recent.map((r) => r.failedAt),
      now,
    )
    if (!decision.allowed) return decision
    await tx.insert(loginFailures).values({ email, clientAddress, failedAt: now })
    await tx.delete(loginFailures).where(lt(loginFailures.failedAt, new Date(now.getTime() - 2 * LOGIN_WINDOW_MS)))
    return decision
  })
}

export async function clearLoginFailures(email: string, clientAddress: string) {
  await getDb()
    .delete(loginFailures)
    .where(and(eq(loginFailures.email, email), eq(loginFailures.clientAddress, clientAddress)))
}
