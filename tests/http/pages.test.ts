import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import { useAppServer } from '../support/app-server'
import { useTestDatabase } from '../support/database'
import { decodeHtml } from '../support/lesson-secrets'
import { type Who, emails, ids, notPages, pages, preparePages } from '../support/pages'
import { sessionCookieFor } from '../support/requests'

const database = useTestDatabase()
const app = useAppServer()

const cookies: Partial<Record<Who, string>> = { anonymous: '' }

beforeAll(async () => {
  await preparePages(database.handle.db)
  for (const [who, email] of Object.entries(emails)) cookies[who as Who] = await sessionCookieFor(email)
})

const open = (url: string, who: Who) =>
  fetch(`${app.url}${url}`, { headers: { Cookie: cookies[who] ?? '' }, redirect: 'manual' })

function headingsOf(html: string) {
  return [...html.matchAll(/<h1\b[^>]*>([\s\S]*?)<\/h1>/g)].map((m) => decodeHtml(m[1]!.replace(/<[^>]+>/g, '')).trim())
}

describe('every page, opened over HTTP as its user opens it', () => {
  it('lists every page route of the build, so a new page cannot go untested', async () => {
    const build = (await import(pathToFileURL(path.resolve('build/index.js')).href)) as ServerBuild
    const pageRoutes = Object.values(build.routes)
      .filter((r) => typeof r.module.default === 'function' && !notPages.has(r.id))
      .map((r) => r.id)
    expect(pageRoutes.sort()).toEqual(Object.keys(pages).sort())
  })

  it.each(Object.entries(pages))('%s shows its own heading', async (_route, page) => {
    const res = await open(page.url(), page.as)
    const html = await res.text()
    expect(res.status, page.url()).toBe(page.url() === '/no/such/page' ? 404 : 200)
    expect(headingsOf(html)).toEqual([
      expect.stringMatching(typeof page.heading === 'string' ? `^${escape(page.heading)}$` : page.heading),
    ])
  })

  it('sends someone signed out to sign in, and refuses other roles with 403', async () => {
    for (const [route, page] of Object.entries(pages)) {
      if (page.as === 'anonymous' || route === 'routes/$') continue
      const signedOut = await open(page.url(), 'anonymous')
      expect(signedOut.status, `${page.url()} signed out`).toBe(302)
      expect(signedOut.headers.get('Location')).toMatch(/^\/login\?redirectTo=/)
    }
    const forbidden: [string, Who][] = [
      ['/team', 'learner'],
      ['/team/coaching', 'trainer'],
      ['/team/trends', 'learner'],
      [`/team/people/${ids.learner}`, 'learner'],
      ['/admin/users', 'manager'],
      ['/admin/users/import', 'learner'],
      ['/author/preview', 'learner'],
      ['/author/preview', 'manager'],
      ['/author/lessons', 'learner'],
      ['/author/lessons', 'manager'],
      ['/author/lessons/demo-course/promises', 'learner'],
      ['/author/lessons/demo-course/promises', 'manager'],
      ['/author/lessons/demo-course/promises/history', 'learner'],
      ['/author/lessons/demo-course/promises/history', 'manager'],
      [`/author/lessons/demo-course/promises/review/${ids.admin}`, 'learner'],
      [`/author/lessons/demo-course/promises/review/${ids.admin}`, 'manager'],
      ['/author/insights', 'learner'],
      ['/author/insights/demo-course/promises', 'manager'],
    ]
    for (const [url, who] of forbidden) expect((await open(url, who)).status, `${url} as ${who}`).toBe(403)
  })
})

describe('the studio editor, as its author reopens it', () => {
  it('says their draft waits for a review, and does not offer to publish it meanwhile', async () => {
    const html = await (await open('/author/lessons/demo-course/promises', 'admin')).text()
    expect(decodeHtml(html.replace(/<[^>]+>/g, ''))).toMatch(/You asked for a review \d{1,2} \w{3} \d{4}, \d{2}:\d{2}/)
    const publish = /<button[^>]*>(?:Publish|Ask for review)<\/button>/.exec(html)?.[0] ?? ''
    expect(publish).toContain('disabled')
  })
})

describe('the admin area', () => {
  it('answers 403 to a learner, a manager and a trainer on every admin page and the import error report', async () => {
    const adminPages = Object.entries(pages).filter(([route]) => route.startsWith('routes/admin'))
    expect(adminPages.length).toBeGreaterThan(8)
    for (const who of ['learner', 'manager', 'trainer'] as const) {
      for (const [, page] of adminPages)
        expect((await open(page.url(), who)).status, `${page.url()} as ${who}`).toBe(403)
      const data = new FormData()
      data.append('csv', 'name,email\nMallory,mallory@example.com\n')
      const report = await fetch(`${app.url}/admin/users/import/problems.csv`, {
        method: 'POST',
        headers: { Cookie: cookies[who] ?? '' },
        body: data,
        redirect: 'manual',
      })
      expect(report.status, `error report as ${who}`).toBe(403)
    }
  })

  it('opens the lists whatever their query says, never with a 500', async () => {
    const odd = [
      'q=%00',
      'q=%25%5C_',
      `q=${'x'.repeat(3000)}`,
      'team=not-a-team',
      'team=00000000-0000-4000-8000-000000000000',
      'role=root',
      'status=%E2%80%AE',
      'sort=1;drop',
      'dir=up',
      'page=-5',
      'page=99999999999999999999',
      'page=2&page=x',
      'kind=__proto__',
      'person=%00%01',
      '%ZZ=1',
    ]
    for (const path of ['/admin/users', '/admin/audit'])
      for (const query of odd) {
        const res = await open(`${path}?${query}`, 'admin')
        expect(res.status, `${path}?${query}`).toBe(200)
        expect(headingsOf(await res.text())).toEqual([path === '/admin/users' ? 'People' : 'Audit log'])
      }
  })
})

function escape(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
