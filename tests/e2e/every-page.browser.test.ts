import path from 'node:path'
import { eq } from 'drizzle-orm'
import type { Browser, BrowserContextOptions } from 'playwright-core'
import type { Db } from '#db/client'
import { users } from '#db/schema'
import { seedDemo } from '~/models/demo.server'
import { PHONE, checkedPage, launchBrowser, signedInPage, withoutOwnStatus } from '../support/browser'
import { type Who, emails, pages, preparePages } from '../support/pages'
import { type RunningServer, startServer } from '../support/server-process'

let fixture: RunningServer
let demo: RunningServer
let browser: Browser
let lena = ''

beforeAll(async () => {
  const prepareDemo = async (db: Db) => {
    await seedDemo(db, { contentRoot: path.resolve('content') })
    lena = (await db.select({ id: users.id }).from(users).where(eq(users.email, emails.learner)))[0]!.id
  }
  // One after the other: each `prepare` holds the app's one database handle while it runs.
  const servers = async (): Promise<[RunningServer, RunningServer]> => [
    // The fixture course of tests/http/pages.test.ts, not content/: the table's addresses point into it.
    await startServer({ CONTENT_SYNC_ON_START: 'false' }, { prepare: preparePages }),
    await startServer({}, { prepare: prepareDemo }),
  ]
  ;[[fixture, demo], browser] = await Promise.all([servers(), launchBrowser()])
})
afterAll(async () => {
  await browser?.close()
  await Promise.all([fixture?.stop(), demo?.stop()])
})

const viewports: Record<string, BrowserContextOptions> = { 'desktop (1280×800)': {}, 'phone (390×844)': PHONE }

type Session = Awaited<ReturnType<typeof checkedPage>> & { reported: number }
const sessions = new Map<string, Promise<Session>>()

/** One context per server, role and viewport; its sign-in and landing pages count towards its first page. */
function sessionFor(server: RunningServer, who: Who, viewport: string) {
  const key = `${server.url} ${who} ${viewport}`
  if (!sessions.has(key)) {
    const options = viewports[viewport]
    const opened =
      who === 'anonymous' ? checkedPage(browser, options) : signedInPage(browser, server.url, emails[who], options)
    sessions.set(
      key,
      opened.then((s) => ({ ...s, reported: 0 })),
    )
  }
  return sessions.get(key)!
}

/** Opens a page and answers what its checks found that earlier pages of the same context did not. */
async function visit(server: RunningServer, who: Who, viewport: string, address: string) {
  const session = await sessionFor(server, who, viewport)
  const url = `${server.url}${address}`
  await session.page.goto(url)
  const problems = await session.problems()
  const found = problems.slice(session.reported)
  session.reported = problems.length
  return withoutOwnStatus(found, url)
}

/** Pages whose width grows with the curriculum and the team: the demo organisation on content/. */
const demoPages: [string, Who][] = [
  ['/learn', 'learner'],
  ['/me/competencies', 'learner'],
  ['/courses/service-culture-foundations/precise-commitments', 'learner'],
  ['/team', 'manager'],
  ['/team/people/:lena', 'manager'],
  ['/author/lessons', 'trainer'],
  ['/author/insights/service-culture-foundations', 'trainer'],
  ['/author/insights/service-culture-foundations/precise-commitments', 'trainer'],
]

describe.each(Object.keys(viewports))('at %s', (viewport) => {
  for (const [route, page] of Object.entries(pages)) {
    it(`${route} has no serious accessibility problem and fits the window`, async () => {
      expect(await visit(fixture, page.as, viewport, page.url())).toEqual([])
    })
  }

  it.each(demoPages)('%s on the demo organisation has no serious accessibility problem and fits', async (url, who) => {
    expect(await visit(demo, who, viewport, url.replace(':lena', lena))).toEqual([])
  })
})
