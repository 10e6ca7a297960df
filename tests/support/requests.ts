import type { AppLoadContext } from '@remix-run/node'
import { findUserByEmail } from '~/models/users.server'
import { createSession } from '~/utils/session.server'

const ORIGIN = 'http://localhost'

export function testContext(overrides: Partial<AppLoadContext> = {}): AppLoadContext {
  return { cspNonce: 'test-nonce', clientAddress: '203.0.113.7', ...overrides }
}

/** A cookie header for a fresh session of the named (seeded) user. */
export async function sessionCookieFor(email: string) {
  const user = await findUserByEmail(email)
  if (!user) throw new Error(`No user ${email}`)
  const { setCookie } = await createSession(user.id)
  return setCookie.split(';')[0] ?? ''
}

export function getRequest(path: string, cookie?: string) {
  return new Request(`${ORIGIN}${path}`, { headers: cookie ? { Cookie: cookie } : {} })
}

export function formRequest(path: string, fields: Record<string, string>, cookie?: string) {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' }
  if (cookie) headers.Cookie = cookie
  return new Request(`${ORIGIN}${path}`, { method: 'POST', headers, body: new URLSearchParams(fields).toString() })
}

/** Runs a loader or action and returns its Response, whether it was returned or thrown. */
export async function respond(run: () => Promise<unknown>): Promise<Response> {
  try {
    const result = await run()
    if (result instanceof Response) return result
    throw new Error(`Expected a Response, got ${typeof result}`)
  } catch (error) {
    if (error instanceof Response) return error
    throw error
  }
}

export async function jsonOf<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T
}

/** A brand-new learner in the demo organisation (seed it first), signed in: for tests that need a clean record. */
export async function freshLearner(label = 'learner') {
  const { getDb } = await import('~/utils/db.server')
  const { organisations, users } = await import('#db/schema')
  const db = getDb()
  const [org] = await db.select({ id: organisations.id }).from(organisations).limit(1)
  if (!org) throw new Error('Seed the demo organisation first')
  const email = `${label}-${crypto.randomUUID().slice(0, 8)}@example.com`
  const [user] = await db
    .insert(users)
    .values({ organisationId: org.id, email, name: `Test ${label}`, passwordHash: 'unused', role: 'learner' })
    .returning({ id: users.id })
  if (!user) throw new Error('insert failed')
  return { id: user.id, email, cookie: await sessionCookieFor(email) }
}
