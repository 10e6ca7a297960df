import { eq } from 'drizzle-orm'
import { openDatabase } from '#db/client'
import { users } from '#db/schema'
import { DEMO_PASSWORD, seedDemoOrganisation } from '#db/seed'
import { syncContent } from '~/content/sync.server'
import { setDatabase } from '~/utils/db.server'
import { DEFAULT_BODY_LIMIT } from '~/utils/request-limits.server'
import { type FormUser, appForms, demoEmails, submitForm } from '../support/app-forms'
import { useAppServer } from '../support/app-server'
import { useTestDatabase } from '../support/database'
import { snapshotRows } from '../support/db-snapshot'
import { rawRequest } from '../support/raw-http'
import { sessionCookieFor } from '../support/requests'

const database = useTestDatabase()
const app = useAppServer()
const db = () => database.handle.db
const cookies: Partial<Record<FormUser, string>> = { anonymous: '' }
const ids = { learner: '' }

beforeAll(async () => {
  await seedDemoOrganisation(db())
  await syncContent(db(), 'tests/fixtures/content')
  for (const [who, email] of Object.entries(demoEmails)) cookies[who as FormUser] = await sessionCookieFor(email)
  const [learner] = await db().select({ id: users.id }).from(users).where(eq(users.email, demoEmails.learner))
  ids.learner = learner!.id
})

const MB = 1024 * 1024

describe('methods', () => {
  it.each(['TRACE', 'PUT', 'DELETE', 'PATCH', 'PROPFIND'])(
    'answers %s with 405 and the methods it takes',
    async (method) => {
      const res = await rawRequest(`${app.url}/`, { method })
      expect(res.status).toBe(405)
      expect(res.headers.allow).toBe('GET, HEAD, POST')
      expect(res.body).toMatch(/is not supported here/)
    },
  )
})

describe('request bodies', () => {
  it('refuses a 50 MB sign-in with 413 before reading it', async () => {
    const chunk = Buffer.alloc(MB, 'a')
    const res = await rawRequest(`${app.url}/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(50 * MB) },
      chunks: [Buffer.from('email='), ...Array.from({ length: 50 }, () => chunk)],
    })
    expect(res.status).toBe(413)
    expect(res.body).toMatch(/larger than 256 KB/)
    expect(res.bytesSentBeforeAnswer).toBeLessThan(10 * MB)
  })

  it('stops reading a chunked body once it passes the limit', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'a')
    const res = await rawRequest(`${app.url}/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Transfer-Encoding': 'chunked' },
      chunks: [Buffer.from('email='), ...Array.from({ length: 800 }, () => chunk)],
    })
    expect(res.status).toBe(413)
    expect(res.bytesSentBeforeAnswer).toBeLessThan(10 * MB)
  })

  it('still takes a form just under the limit, and a CSV of about a megabyte on the import page', async () => {
    const nearLimit = await fetch(`${app.url}/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'x'.repeat(DEFAULT_BODY_LIMIT - 100), password: 'p' }).toString(),
      redirect: 'manual',
    })
    expect(nearLimit.status).toBe(400)
    expect(await nearLimit.text()).toMatch(/That email address is too long/)

    const csv = `name,email\n${'Ada Lovelace,ada@example.com\n'.repeat(30_000)}`
    expect(csv.length).toBeGreaterThan(0.8 * MB)
    const data = new FormData()
    data.append('intent', 'preview')
    data.append('file', new File([csv], 'people.csv', { type: 'text/csv' }))
    const preview = await fetch(`${app.url}/admin/users/import`, {
      method: 'POST',
      headers: { Cookie: cookies.admin! },
      body: data,
    })
    expect(preview.status).toBe(200)
  })
})

describe('control characters', () => {
  it('refuses a NUL byte in any field of any form with a 400 that says so, and changes nothing', async () => {
    const before = await snapshotRows(db())
    let checked = 0
    for (const form of appForms(ids)) {
      for (const field of form.fields) {
        const values = Object.fromEntries(form.fields.map((f) => [f, f === field ? 'text\u0000more' : 'x']))
        const { response: res } = await submitForm(app.url, form, values, cookies[form.as] ?? '')
        const text = await res.text()
        expect(res.status, `${form.path} ${field}`).toBe(400)
        expect(text, `${form.path} ${field}`).toMatch(/control character/)
        checked++
      }
    }
    expect(checked).toBeGreaterThan(50)
    expect(await snapshotRows(db())).toEqual(before)
  })

  it('refuses other control characters too, but keeps tabs and line breaks', async () => {
    for (const bad of ['\u0001', '\u001b[31m', '\u007f', '\u000b']) {
      const res = await post('/admin/teams', { name: `Night${bad}Shift` }, 'admin')
      expect(res.status, JSON.stringify(bad)).toBe(400)
    }
    const ok = await post(
      '/admin/mission',
      { intent: 'save', text: 'We greet everyone.\r\n\tWe keep our promises.' },
      'admin',
    )
    expect(ok.status).toBeLessThan(400)
  })
})

describe('caching', () => {
  it('marks signed-in pages private and never stored, and keeps long caching on built assets', async () => {
    for (const [path, who] of [
      ['/learn', 'learner'],
      ['/team', 'manager'],
      ['/admin/users', 'admin'],
      ['/learn?_data=routes%2Flearn', 'learner'],
    ] as const) {
      const res = await fetch(`${app.url}${path}`, { headers: { Cookie: cookies[who]! } })
      expect(res.status, path).toBe(200)
      expect(res.headers.get('cache-control'), path).toBe('private, no-store')
    }
    const html = await (await fetch(`${app.url}/login`)).text()
    const asset = /href="(\/build\/[^"]+\.css)"/.exec(html)?.[1]
    expect(asset).toBeTruthy()
    const res = await fetch(`${app.url}${asset}`)
    expect(res.headers.get('cache-control')).toMatch(/max-age=31536000/)
    expect(res.headers.get('cache-control')).toMatch(/immutable/)
  })
})

describe('sign-in redirects', () => {
  it.each(['/.//evil.example', '/..//evil.example', '/%2e//evil.example', '//evil.example', '/\\evil.example'])(
    'never sends a signed-in person off-site for redirectTo=%s',
    async (redirectTo) => {
      const res = await fetch(`${app.url}/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: 'omar@example.com', password: DEMO_PASSWORD, redirectTo }).toString(),
        redirect: 'manual',
      })
      expect(res.status).toBe(302)
      expect(res.headers.get('location')).toBe('/')
    },
  )

  it('still follows a same-site target', async () => {
    const res = await post(
      '/login',
      { email: 'omar@example.com', password: DEMO_PASSWORD, redirectTo: '/courses/demo-course' },
      'anonymous',
    )
    expect(res.headers.get('location')).toBe('/courses/demo-course')
  })
})

describe('error pages', () => {
  it('shows the message a loader gave with its 4xx, not only the stock text', async () => {
    // What a reader sees: the markup, not the data behind it in the page's scripts.
    const visible = async (res: Response) => (await res.text()).replace(/<script\b[\s\S]*?<\/script>/g, '')
    const certificate = await fetch(`${app.url}/learn/certificates/demo-course`, {
      headers: { Cookie: cookies.learner! },
    })
    expect(certificate.status).toBe(404)
    expect(await visible(certificate)).toMatch(/it is issued when every lesson is complete/)
    const lesson = await fetch(`${app.url}/courses/demo-course/no-such-lesson`, {
      headers: { Cookie: cookies.learner! },
    })
    expect(lesson.status).toBe(404)
    expect(await visible(lesson)).toMatch(/No such lesson/)
  })

  it('never shows a stack trace or SQL when something breaks', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const broken = await openDatabase({ kind: 'pglite-memory' })
    await broken.close()
    setDatabase(broken)
    try {
      for (const path of ['/learn', '/learn?_data=routes%2Flearn', '/learn?_data=root']) {
        const res = await fetch(`${app.url}${path}`, { headers: { Cookie: cookies.learner! } })
        const body = await res.text()
        expect(res.status, path).toBe(500)
        // The failing query, the driver's message and a stack frame are all internals.
        expect(body, path).not.toMatch(
          /Failed query|select "|"sessions"|PGlite|DrizzleQueryError|\bat \S+ \(\S+:\d+:\d+\)/,
        )
      }
      // Logged on the server, where it belongs.
      expect(logged).toHaveBeenCalled()
    } finally {
      setDatabase(database.handle)
      logged.mockRestore()
    }
    expect((await fetch(`${app.url}/learn`, { headers: { Cookie: cookies.learner! } })).status).toBe(200)
  })
})

function post(path: string, fields: Record<string, string>, who: FormUser) {
  return fetch(`${app.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookies[who] ?? '' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  })
}

describe('response bodies', () => {
  // server/app.ts gathers a response's pieces into few socket writes: every byte still arrives,
  // compressed or not, for a rendered page and for a streamed export.
  async function both(path: string, who: FormUser) {
    const headers = { Cookie: cookies[who] ?? '' }
    const plain = await rawRequest(`${app.url}${path}`, {
      method: 'GET',
      headers: { ...headers, 'Accept-Encoding': 'identity' },
    })
    const zipped = await fetch(`${app.url}${path}`, { headers: { ...headers, 'Accept-Encoding': 'gzip' } })
    expect(plain.status).toBe(200)
    expect(zipped.headers.get('content-encoding')).toBe('gzip')
    return {
      plain: plain.body,
      unzipped: new TextDecoder('utf-8', { ignoreBOM: true }).decode(await zipped.arrayBuffer()),
    }
  }

  it('sends a whole lesson page, with and without gzip', async () => {
    const { plain, unzipped } = await both('/courses/demo-course/promises', 'learner')
    expect(plain.length).toBeGreaterThan(10_000)
    expect(plain.trimEnd()).toMatch(/<\/html>$/)
    // The same document, but for what is new with each request: the nonce and idempotency keys.
    const fixed = (html: string) => html.replace(/[0-9a-f-]{36}|nonce="[^"]+"/g, '…')
    expect(fixed(unzipped)).toBe(fixed(plain))
  })

  it('streams a whole export, with and without gzip', async () => {
    const { plain, unzipped } = await both('/team/export/assignments.csv', 'admin')
    expect(plain.split('\n')[0]).toMatch(/,/)
    expect(plain.endsWith('\n')).toBe(true)
    expect(unzipped).toBe(plain)
  })
})
