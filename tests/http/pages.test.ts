import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import { eq } from 'drizzle-orm'
import { courses, lessonCompletions, lessons, users } from '#db/schema'
import { seedDemoOrganisation } from '#db/seed'
import { syncContent } from '~/content/sync.server'
import { certificateFor } from '~/models/certificates.server'
import { openLesson, requestReview, saveDraft } from '~/models/studio.server'
import { useAppServer } from '../support/app-server'
import { useTestDatabase } from '../support/database'
import { decodeHtml } from '../support/lesson-secrets'
import { lessonClient, quizSubmission } from '../support/lesson-actions'
import { sessionCookieFor } from '../support/requests'

const database = useTestDatabase()
const app = useAppServer()
const db = () => database.handle.db

type Who = 'anonymous' | 'learner' | 'manager' | 'trainer' | 'admin'
interface PageVisit {
  url: () => string
  as: Who
  /** The page's own <h1>: a parent layout, the wrong child or an error page shows another. */
  heading: string | RegExp
}

const ids = { learner: '', attempt: '', admin: '', certificate: '' }

/** Every page of the app, keyed by its route id, opened as the role it is for. */
const pages: Record<string, PageVisit> = {
  'routes/login': { url: () => '/login', as: 'anonymous', heading: 'Sign in to Servewell' },
  'routes/$': { url: () => '/no/such/page', as: 'learner', heading: 'Page not found' },
  'routes/learn': { url: () => '/learn', as: 'learner', heading: /^Welcome, Lena/ },
  'routes/learn_.certificates.$course': {
    url: () => '/learn/certificates/demo-course',
    as: 'learner',
    heading: 'Lena Fischer',
  },
  'routes/verify._index': { url: () => '/verify', as: 'anonymous', heading: 'Check a certificate' },
  'routes/verify.$code': {
    url: () => `/verify/${ids.certificate}`,
    as: 'anonymous',
    heading: 'This certificate is valid',
  },
  'routes/me.competencies': { url: () => '/me/competencies', as: 'learner', heading: 'My competencies' },
  'routes/courses._index': { url: () => '/courses', as: 'learner', heading: 'Courses' },
  'routes/courses.$course._index': { url: () => '/courses/demo-course', as: 'learner', heading: 'Demo Course' },
  'routes/courses.$course.$lesson': { url: () => '/courses/demo-course/promises', as: 'learner', heading: 'Promises' },
  'routes/courses.$course.$lesson_.attempts.$attemptId': {
    url: () => `/courses/demo-course/promises/attempts/${ids.attempt}`,
    as: 'learner',
    heading: 'Quiz result',
  },
  'routes/team._index': { url: () => '/team', as: 'manager', heading: 'Team' },
  'routes/team.assign': { url: () => '/team/assign', as: 'manager', heading: 'Assign work' },
  'routes/team.coaching': { url: () => '/team/coaching', as: 'manager', heading: 'Coaching queue' },
  'routes/team.trends': { url: () => '/team/trends', as: 'manager', heading: 'Trends' },
  'routes/team.people.$userId': { url: () => `/team/people/${ids.learner}`, as: 'manager', heading: 'Lena Fischer' },
  'routes/author._index': { url: () => '/author', as: 'trainer', heading: 'Author' },
  'routes/author.preview': { url: () => '/author/preview', as: 'trainer', heading: 'Preview a lesson' },
  'routes/author.lessons._index': { url: () => '/author/lessons', as: 'trainer', heading: 'Lessons' },
  'routes/author.lessons.$course.$lesson': {
    url: () => '/author/lessons/demo-course/promises',
    as: 'trainer',
    heading: 'Promises',
  },
  'routes/author.lessons.$course.$lesson_.review.$authorId': {
    url: () => `/author/lessons/demo-course/promises/review/${ids.admin}`,
    as: 'trainer',
    heading: 'Review Amira Haddad’s draft',
  },
  'routes/author.lessons.$course.$lesson_.history': {
    url: () => '/author/lessons/demo-course/promises/history',
    as: 'trainer',
    heading: 'History of promises',
  },
  'routes/author.insights._index': { url: () => '/author/insights', as: 'trainer', heading: 'Insights' },
  'routes/author.insights.$course._index': {
    url: () => '/author/insights/demo-course',
    as: 'trainer',
    heading: 'Demo Course',
  },
  'routes/author.insights.$course.$lesson': {
    url: () => '/author/insights/demo-course/promises',
    as: 'trainer',
    heading: 'Promises',
  },
  'routes/admin._index': { url: () => '/admin', as: 'admin', heading: 'Admin' },
  'routes/admin.users._index': { url: () => '/admin/users', as: 'admin', heading: 'People' },
  'routes/admin.users.new': { url: () => '/admin/users/new', as: 'admin', heading: 'Add a person' },
  'routes/admin.users.$userId': { url: () => `/admin/users/${ids.learner}`, as: 'admin', heading: 'Lena Fischer' },
  'routes/admin.users.import': { url: () => '/admin/users/import', as: 'admin', heading: 'Import people from CSV' },
  'routes/admin.teams': { url: () => '/admin/teams', as: 'admin', heading: 'Teams' },
  'routes/admin.onboarding': { url: () => '/admin/onboarding', as: 'admin', heading: 'Onboarding path' },
  'routes/admin.mission': { url: () => '/admin/mission', as: 'admin', heading: 'Service mission' },
  'routes/admin.outbox': { url: () => '/admin/outbox', as: 'admin', heading: 'Outbox' },
  'routes/admin.audit': { url: () => '/admin/audit', as: 'admin', heading: 'Audit log' },
}

/** Routes with markup that are not pages of their own: layouts, and the benchmark's baseline. */
const notPages = new Set(['root', 'routes/admin', 'routes/team', 'routes/author', 'routes/bench.static'])

const emails: Record<Exclude<Who, 'anonymous'>, string> = {
  learner: 'learner@example.com',
  manager: 'manager@example.com',
  trainer: 'trainer@example.com',
  admin: 'admin@example.com',
}
const cookies: Partial<Record<Who, string>> = { anonymous: '' }

beforeAll(async () => {
  await seedDemoOrganisation(db())
  await syncContent(db(), 'tests/fixtures/content')
  for (const [who, email] of Object.entries(emails)) cookies[who as Who] = await sessionCookieFor(email)
  const [learner] = await db().select({ id: users.id }).from(users).where(eq(users.email, emails.learner))
  ids.learner = learner!.id

  const promises = lessonClient('demo-course', 'promises')
  const page = await promises.open(cookies.learner!)
  const submitted = await promises.post(
    cookies.learner!,
    quizSubmission(page, [
      ['q:when', 'time'],
      ['q:slip', 'warn'],
    ]),
  )
  ids.attempt = submitted.headers.get('Location')!.split('/').pop()!

  // An admin's draft waits for a trainer's review.
  const [admin] = await db().select({ id: users.id }).from(users).where(eq(users.email, emails.admin))
  ids.admin = admin!.id
  const at = { courseSlug: 'demo-course', lessonSlug: 'promises' }
  const opened = await openLesson(ids.admin, at.courseSlug, at.lessonSlug)
  const draft = await saveDraft(ids.admin, at, {
    source: `${opened.source}\nOne more line.\n`,
    revision: 0,
    problemCount: 0,
  })
  await requestReview(ids.admin, at, draft)

  // A certificate is issued for a completed course.
  const courseLessons = await db()
    .select({ id: lessons.id, versionId: lessons.publishedVersionId })
    .from(lessons)
    .innerJoin(courses, eq(courses.id, lessons.courseId))
    .where(eq(courses.slug, 'demo-course'))
  await db()
    .insert(lessonCompletions)
    .values(courseLessons.map((l) => ({ userId: ids.learner, lessonId: l.id, lessonVersionId: l.versionId! })))
    .onConflictDoNothing()
  ids.certificate = (await certificateFor(ids.learner, 'demo-course'))!.code
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
