import { type RunningServer, startServer } from '../support/server-process'

let server: RunningServer
beforeAll(async () => {
  server = await startServer()
})
afterAll(async () => {
  await server?.stop()
})

/** Each demo account, and where it lands: where its work is. */
const demoAccounts: Record<string, string> = {
  'admin@example.com': '/admin',
  'trainer@example.com': '/learn',
  'manager@example.com': '/team',
  'manager2@example.com': '/team',
  'learner@example.com': '/learn',
}

async function signIn(email: string, password = 'servewell-demo') {
  return fetch(`${server.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url },
    body: new URLSearchParams({ email, password }),
  })
}

describe('the running server', () => {
  it('is healthy after migrating and seeding an empty database', async () => {
    const res = await fetch(`${server.url}/healthz`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok', db: 'ok' })
    expect(server.output()).toMatch(/Seeded the demo organisation/)
  })

  it('signs in every demo account over HTTP', async () => {
    for (const [email, landsOn] of Object.entries(demoAccounts)) {
      const res = await signIn(email)
      expect(res.status, email).toBe(302)
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
      const home = await fetch(`${server.url}/`, { headers: { Cookie: cookie }, redirect: 'manual' })
      expect(home.status).toBe(302)
      expect(home.headers.get('location'), email).toBe(landsOn)
      const landing = await fetch(`${server.url}${home.headers.get('location')}`, { headers: { Cookie: cookie } })
      expect(landing.status, email).toBe(200)
    }
  })

  it('puts a nonce-based CSP and nosniff on every HTML page, with the nonce on every script', async () => {
    for (const path of ['/login', '/no-such-page']) {
      const res = await fetch(`${server.url}${path}`)
      const csp = res.headers.get('content-security-policy') ?? ''
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
      expect(nonce, path).toBeTruthy()
      expect(csp).not.toMatch(/unsafe-eval/)
      expect(csp).toMatch(/frame-ancestors 'none'/)
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      const html = await res.text()
      const scripts = html.match(/<script\b[^>]*>/g) ?? []
      expect(scripts.length).toBeGreaterThan(0)
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`)
    }
  })

  it('gives a fresh nonce per request', async () => {
    const a = (await fetch(`${server.url}/login`)).headers.get('content-security-policy')
    const b = (await fetch(`${server.url}/login`)).headers.get('content-security-policy')
    expect(a).not.toBe(b)
  })

  it('refuses a POST from a foreign origin with 403', async () => {
    const res = await fetch(`${server.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example' },
      body: new URLSearchParams({ email: 'learner@example.com', password: 'servewell-demo' }),
    })
    expect(res.status).toBe(403)
    expect(res.headers.get('set-cookie')).toBeNull()
    const viaFetchMetadata = await fetch(`${server.url}/logout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Sec-Fetch-Site': 'cross-site' },
    })
    expect(viaFetchMetadata.status).toBe(403)
  })

  it('shows a friendly 404 page', async () => {
    const res = await fetch(`${server.url}/definitely/not/here`)
    expect(res.status).toBe(404)
    const html = await res.text()
    expect(html).toContain('Page not found')
    expect(html).not.toMatch(/at .*\.js:\d+/)
  })

  it('answers bad sign-in input with 4xx and readable messages, never 500', async () => {
    const cases: Record<string, string>[] = [
      {},
      { email: '', password: '' },
      { email: 'x'.repeat(10_240), password: 'a' },
      { email: 'learner@example.com', password: 'wrong-password' },
    ]
    for (const fields of cases) {
      const res = await fetch(`${server.url}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url },
        body: new URLSearchParams(fields),
      })
      expect(res.status).toBe(400)
      const html = await res.text()
      expect(html).toMatch(/Enter your email address|too long|The email or password is wrong/)
    }
    const forged = await fetch(`${server.url}/learn`, {
      headers: { Cookie: 'servewell_session=forged.value' },
      redirect: 'manual',
    })
    expect(forged.status).toBe(302)
    expect(forged.headers.get('location')).toMatch(/^\/login\?redirectTo=/)
  })
})

describe('shutdown', () => {
  it('finishes the in-flight request and exits cleanly on SIGTERM', async () => {
    const own = await startServer()
    const inFlight = signInOn(own.url)
    await new Promise((r) => setTimeout(r, 20))
    const exitCode = await own.stop('SIGTERM')
    const res = await inFlight
    expect(res.status).toBe(302)
    expect(exitCode).toBe(0)
    expect(own.output()).toMatch(/Stopped cleanly/)
  })
})

function signInOn(url: string) {
  return fetch(`${url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: url },
    body: new URLSearchParams({ email: 'learner@example.com', password: 'servewell-demo' }),
  })
}
