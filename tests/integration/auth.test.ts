import { eq } from 'drizzle-orm'
import { sessions, users } from '#db/schema'
import { seedDemoOrganisation } from '#db/seed'
import { loader as learnLoader } from '~/routes/learn'
import { action as loginAction, loader as loginLoader } from '~/routes/login'
import { action as logoutAction, loader as logoutLoader } from '~/routes/logout'
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, readSessionId } from '~/utils/session.server'
import { useTestDatabase } from '../support/database'
import { formRequest, getRequest, jsonOf, respond, sessionCookieFor, testContext } from '../support/requests'

const database = useTestDatabase()
beforeAll(async () => {
  await seedDemoOrganisation(database.handle.db)
})

const signIn = (fields: Record<string, string>, clientAddress = '198.51.100.1', cookie?: string) =>
  respond(() =>
    loginAction({
      request: formRequest('/login', fields, cookie),
      params: {},
      context: testContext({ clientAddress }),
    }),
  )

const sessionIdOf = async (cookie: string) => {
  const id = await readSessionId(new Request('http://localhost/', { headers: { Cookie: cookie } }))
  if (!id) throw new Error('cookie carries no session id')
  return id
}

const cookieOf = (response: Response) => (response.headers.get('Set-Cookie') ?? '').split(';')[0] ?? ''

describe('sign-in', () => {
  it('signs in every demo account and redirects with a session cookie', async () => {
    for (const email of [
      'admin@example.com',
      'trainer@example.com',
      'manager@example.com',
      'manager2@example.com',
      'learner@example.com',
    ]) {
      const response = await signIn({ email, password: 'servewell-demo' })
      expect(response.status).toBe(302)
      const setCookie = response.headers.get('Set-Cookie') ?? ''
      expect(setCookie).toMatch(/HttpOnly/)
      expect(setCookie).toMatch(/SameSite=Lax/)
    }
  })

  it('accepts the email in any case and with surrounding spaces', async () => {
    const response = await signIn({ email: '  Learner@EXAMPLE.com ', password: 'servewell-demo' })
    expect(response.status).toBe(302)
  })

  it('gives a new session id at every sign-in and ends the previous one', async () => {
    const first = await signIn({ email: 'learner@example.com', password: 'servewell-demo' })
    const second = await signIn(
      { email: 'learner@example.com', password: 'servewell-demo' },
      '198.51.100.1',
      cookieOf(first),
    )
    expect(cookieOf(first)).not.toBe(cookieOf(second))
    const stale = await respond(() =>
      learnLoader({ request: getRequest('/learn', cookieOf(first)), params: {}, context: testContext() }),
    )
    expect(stale.status).toBe(302)
    const fresh = await respond(() =>
      learnLoader({ request: getRequest('/learn', cookieOf(second)), params: {}, context: testContext() }),
    )
    expect(fresh.status).toBe(200)
  })

  it('says the same thing for a wrong password and an unknown email', async () => {
    const wrongPassword = await signIn({ email: 'learner@example.com', password: 'not-the-password' }, '192.0.2.10')
    const unknownEmail = await signIn({ email: 'nobody@example.com', password: 'servewell-demo' }, '192.0.2.10')
    expect(wrongPassword.status).toBe(400)
    expect(unknownEmail.status).toBe(400)
    const a = await jsonOf<{ formError: string }>(wrongPassword)
    const b = await jsonOf<{ formError: string }>(unknownEmail)
    expect(a.formError).toBe('The email or password is wrong.')
    expect(b.formError).toBe(a.formError)
    expect(wrongPassword.headers.get('Set-Cookie')).toBeNull()
  })

  it('asks for missing fields and refuses a 10 KB email without a server error', async () => {
    const empty = await signIn({ email: '', password: '' })
    expect(empty.status).toBe(400)
    const body = await jsonOf<{ fieldErrors: Record<string, string[]> }>(empty)
    expect(body.fieldErrors.email?.[0]).toMatch(/email/i)
    expect(body.fieldErrors.password?.[0]).toMatch(/password/i)

    const huge = await signIn({ email: `${'a'.repeat(10 * 1024)}@example.com`, password: 'servewell-demo' })
    expect(huge.status).toBe(400)
    expect((await jsonOf<{ fieldErrors: Record<string, string[]> }>(huge)).fieldErrors.email?.[0]).toMatch(/too long/)
  })

  it('throttles repeated failures per account and client address, not per address alone', async () => {
    const office = '203.0.113.50'
    for (let i = 0; i < 5; i++) {
      const r = await signIn({ email: 'omar@example.com', password: `wrong-${i}` }, office)
      expect(r.status).toBe(400)
    }
    const blocked = await signIn({ email: 'omar@example.com', password: 'servewell-demo' }, office)
    expect(blocked.status).toBe(429)
    expect((await jsonOf<{ formError: string }>(blocked)).formError).toMatch(
      /Too many failed sign-ins.*Try again in \d+ minute/,
    )

    const colleague = await signIn({ email: 'grace@example.com', password: 'servewell-demo' }, office)
    expect(colleague.status).toBe(302)
    const sameAccountElsewhere = await signIn(
      { email: 'omar@example.com', password: 'servewell-demo' },
      '198.51.100.77',
    )
    expect(sameAccountElsewhere.status).toBe(302)
  })

  it('ignores a redirectTo that leaves the site', async () => {
    const evil = await signIn({
      email: 'learner@example.com',
      password: 'servewell-demo',
      redirectTo: 'https://evil.example',
    })
    expect(evil.headers.get('Location')).toBe('/')
    const protocolRelative = await signIn({
      email: 'learner@example.com',
      password: 'servewell-demo',
      redirectTo: '//evil.example',
    })
    expect(protocolRelative.headers.get('Location')).toBe('/')
    const local = await signIn({
      email: 'learner@example.com',
      password: 'servewell-demo',
      redirectTo: '/me/competencies',
    })
    expect(local.headers.get('Location')).toBe('/me/competencies')
  })

  it('sends signed-in people away from the sign-in page', async () => {
    const cookie = await sessionCookieFor('learner@example.com')
    const response = await respond(() =>
      loginLoader({ request: getRequest('/login', cookie), params: {}, context: testContext() }),
    )
    expect(response.status).toBe(302)
  })
})

describe('sessions', () => {
  const openLearn = (cookie?: string) =>
    respond(() => learnLoader({ request: getRequest('/learn?tab=1', cookie), params: {}, context: testContext() }))

  it('redirects to sign-in with the page to come back to when there is no session', async () => {
    const response = await openLearn()
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/login?redirectTo=%2Flearn%3Ftab%3D1')
  })

  it('treats a forged or tampered cookie as signed out', async () => {
    const real = await sessionCookieFor('learner@example.com')
    const [name, value = ''] = real.split('=')
    const tampered = `${name}=${value.slice(0, -3)}abc`
    expect((await openLearn(tampered)).status).toBe(302)
    expect((await openLearn(`${name}=made-up-session-id`)).status).toBe(302)
    expect((await openLearn('servewell_session=%%%')).status).toBe(302)
  })

  it('ends sessions that were idle too long or reached their absolute lifetime', async () => {
    const idleCookie = await sessionCookieFor('learner@example.com')
    const expiredCookie = await sessionCookieFor('learner@example.com')
    expect((await openLearn(idleCookie)).status).toBe(200)
    const now = Date.now()
    await database.handle.db
      .update(sessions)
      .set({ lastSeenAt: new Date(now - SESSION_IDLE_MS - 60_000) })
      .where(eq(sessions.id, await sessionIdOf(idleCookie)))
    await database.handle.db
      .update(sessions)
      .set({ expiresAt: new Date(now - 1000), createdAt: new Date(now - SESSION_ABSOLUTE_MS - 1000) })
      .where(eq(sessions.id, await sessionIdOf(expiredCookie)))
    expect((await openLearn(idleCookie)).status).toBe(302)
    expect((await openLearn(expiredCookie)).status).toBe(302)
  })

  it('ends every session of a deactivated person', async () => {
    const cookie = await sessionCookieFor('sam@example.com')
    expect((await openLearn(cookie)).status).toBe(200)
    await database.handle.db.update(users).set({ deactivatedAt: new Date() }).where(eq(users.email, 'sam@example.com'))
    expect((await openLearn(cookie)).status).toBe(302)
    const refused = await signIn({ email: 'sam@example.com', password: 'servewell-demo' }, '192.0.2.99')
    expect(refused.status).toBe(403)
  })

  it('tells a deactivated person so only after the right password; a wrong one hears what anyone hears', async () => {
    await database.handle.db
      .update(users)
      .set({ deactivatedAt: new Date() })
      .where(eq(users.email, 'jonas@example.com'))
    const right = await signIn({ email: 'jonas@example.com', password: 'servewell-demo' }, '192.0.2.98')
    expect(right.status).toBe(403)
    expect(right.headers.get('Set-Cookie')).toBeNull()
    expect((await jsonOf<{ formError: string }>(right)).formError).toMatch(/^Your account has been deactivated/)

    const wrong = await signIn({ email: 'jonas@example.com', password: 'not-the-password' }, '192.0.2.98')
    const stranger = await signIn({ email: 'nobody@example.com', password: 'not-the-password' }, '192.0.2.98')
    expect(wrong.status).toBe(400)
    expect(wrong.headers.get('Set-Cookie')).toBeNull()
    const message = (await jsonOf<{ formError: string }>(wrong)).formError
    expect(message).toBe('The email or password is wrong.')
    expect((await jsonOf<{ formError: string }>(stranger)).formError).toBe(message)
    expect(
      await database.handle.db
        .select()
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(eq(users.email, 'jonas@example.com')),
    ).toHaveLength(0)
  })

  it('signs out by POST only, ending the server-side session', async () => {
    const cookie = await sessionCookieFor('priya@example.com')
    const viaGet = await respond(() => logoutLoader())
    expect(viaGet.status).toBe(302)
    expect((await openLearn(cookie)).status).toBe(200)

    const out = await respond(() =>
      logoutAction({ request: formRequest('/logout', {}, cookie), params: {}, context: testContext() }),
    )
    expect(out.headers.get('Location')).toBe('/login')
    expect(out.headers.get('Set-Cookie')).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/)
    expect((await openLearn(cookie)).status).toBe(302)
  })
})
