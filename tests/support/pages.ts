import { eq } from 'drizzle-orm'
import type { Db } from '#db/client'
import { courses, lessonCompletions, lessons, users } from '#db/schema'
import { seedDemoOrganisation } from '#db/seed'
import { syncContent } from '~/content/sync.server'
import { certificateFor } from '~/models/certificates.server'
import { openLesson, requestReview, saveDraft } from '~/models/studio.server'
import { lessonClient, quizSubmission } from './lesson-actions'
import { sessionCookieFor } from './requests'

export type Who = 'anonymous' | 'learner' | 'manager' | 'trainer' | 'admin'
export interface PageVisit {
  url: () => string
  as: Who
  /** The page's own <h1>: a parent layout, the wrong child or an error page shows another. */
  heading: string | RegExp
}

export const ids = { learner: '', attempt: '', admin: '', certificate: '' }

/** Every page of the app, keyed by its route id, opened as the role it is for. */
export const pages: Record<string, PageVisit> = {
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
export const notPages = new Set(['root', 'routes/admin', 'routes/team', 'routes/author', 'routes/bench.static'])

export const emails: Record<Exclude<Who, 'anonymous'>, string> = {
  learner: 'learner@example.com',
  manager: 'manager@example.com',
  trainer: 'trainer@example.com',
  admin: 'admin@example.com',
}

/**
 * Fills a database so that every page above has something to show: the demo organisation, the
 * fixture course, a quiz attempt, an admin's draft waiting for review and a certificate. Models
 * and routes are called, so `db` must be the app's database (`setDatabase`).
 */
export async function preparePages(db: Db) {
  await seedDemoOrganisation(db)
  await syncContent(db, 'tests/fixtures/content')
  const learnerCookie = await sessionCookieFor(emails.learner)
  const [learner] = await db.select({ id: users.id }).from(users).where(eq(users.email, emails.learner))
  ids.learner = learner!.id

  const promises = lessonClient('demo-course', 'promises')
  const page = await promises.open(learnerCookie)
  const submitted = await promises.post(
    learnerCookie,
    quizSubmission(page, [
      ['q:when', 'time'],
      ['q:slip', 'warn'],
    ]),
  )
  ids.attempt = submitted.headers.get('Location')!.split('/').pop()!

  // An admin's draft waits for a trainer's review.
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, emails.admin))
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
  const courseLessons = await db
    .select({ id: lessons.id, versionId: lessons.publishedVersionId })
    .from(lessons)
    .innerJoin(courses, eq(courses.id, lessons.courseId))
    .where(eq(courses.slug, 'demo-course'))
  await db
    .insert(lessonCompletions)
    .values(courseLessons.map((l) => ({ userId: ids.learner, lessonId: l.id, lessonVersionId: l.versionId! })))
    .onConflictDoNothing()
  ids.certificate = (await certificateFor(ids.learner, 'demo-course'))!.code
}
