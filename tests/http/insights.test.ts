import { eq } from 'drizzle-orm'
import { courseFeedback, courses } from '#db/schema'
import { seedDemoOrganisation } from '#db/seed'
import { syncContent } from '~/content/sync.server'
import { useAppServer } from '../support/app-server'
import { useTestDatabase } from '../support/database'
import { lessonClient, quizSubmission } from '../support/lesson-actions'
import { decodeHtml } from '../support/lesson-secrets'
import { freshLearner, sessionCookieFor } from '../support/requests'

// The insights pages as a browser reaches them: only trainers and admins get in, and what they
// get is totals. Six learners take the demo quiz (figures shown), four play the role-play and
// four rate the course (both too few: nothing shown), and none of them appears anywhere.
const database = useTestDatabase()
const app = useAppServer()
const db = () => database.handle.db

const routes = [
  '/author/insights',
  '/author/insights/demo-course',
  '/author/insights/demo-course/promises',
  '/author/insights/demo-course/listening',
  '/author/insights/demo-course/promises/items.csv',
]
const cookies: Record<string, string> = {}
const learners: { name: string; email: string }[] = []

beforeAll(async () => {
  await seedDemoOrganisation(db())
  await syncContent(db(), 'tests/fixtures/content')
  for (const who of ['trainer', 'admin', 'manager', 'learner'])
    cookies[who] = await sessionCookieFor(`${who}@example.com`)
  const promises = lessonClient('demo-course', 'promises')
  const listening = lessonClient('demo-course', 'listening')
  const [course] = await db().select().from(courses).where(eq(courses.slug, 'demo-course'))
  for (let i = 0; i < 6; i++) {
    const learner = await freshLearner(`insight-${i}`)
    learners.push({ name: `Test insight-${i}`, email: learner.email })
    const page = await promises.open(learner.cookie)
    const answers: [string, string][] =
      i < 4
        ? [
            ['q:when', 'time'],
            ['q:slip', 'warn'],
            ['q:slip', 'new-time'],
          ]
        : [
            ['q:when', 'soon'],
            ['q:slip', 'hide'],
          ]
    expect((await promises.post(learner.cookie, quizSubmission(page, answers))).status).toBe(302)
    if (i >= 4) continue
    // Four runs of the role-play, and four ratings with a comment.
    const opened = await listening.open(learner.cookie)
    await listening.post(learner.cookie, {
      intent: 'start-roleplay',
      rolePlayId: 'angry-caller',
      versionId: opened.lesson.versionId,
    })
    for (const optionId of ['acknowledge', 'plan']) {
      const run = (await listening.open(learner.cookie)).assessments.rolePlays[0]!.run!
      await listening.post(learner.cookie, {
        intent: 'choose',
        rolePlayId: 'angry-caller',
        attemptId: run.attemptId,
        sceneId: run.scene!.id,
        optionId,
        step: String(run.step),
      })
    }
    await db()
      .insert(courseFeedback)
      .values({ userId: learner.id, courseId: course!.id, score: 9, comment: `SMALL-GROUP-COMMENT-${i}` })
  }
})

const open = (url: string, who: string | null) =>
  fetch(`${app.url}${url}`, { headers: who ? { Cookie: cookies[who]! } : {}, redirect: 'manual' })

describe('the insights pages over HTTP', () => {
  it('refuse learners and managers with 403 on every route, and send the signed-out to sign in', async () => {
    for (const url of routes) {
      for (const who of ['learner', 'manager']) expect((await open(url, who)).status, `${url} as ${who}`).toBe(403)
      const signedOut = await open(url, null)
      expect(signedOut.status, `${url} signed out`).toBe(302)
      expect(signedOut.headers.get('Location')).toMatch(/^\/login\?redirectTo=/)
    }
  })

  it('open for trainers and admins', async () => {
    for (const url of routes)
      for (const who of ['trainer', 'admin']) expect((await open(url, who)).status, `${url} as ${who}`).toBe(200)
  })

  it('show a trainer totals, never a learner: no name, no email, and no figures for a group of four', async () => {
    const pages = await Promise.all(routes.map(async (url) => decodeHtml(await (await open(url, 'trainer')).text())))
    for (const [i, html] of pages.entries())
      for (const learner of learners) {
        expect(html, routes[i]).not.toContain(learner.email)
        expect(html, routes[i]).not.toContain(learner.name)
      }
    const [overview, course, quiz, rolePlay] = pages
    // Six learners took the quiz: 4 of 6 right on "when" (66.7 %).
    expect(quiz).toContain('66.7%')
    expect(overview).toContain('Fewer than 5 learners — figures hidden')
    // Four ratings and four runs: no NPS, no comment, no ending, no choice counts.
    expect(course).toContain('Ratings and comments: fewer than 5 learners — figures hidden')
    expect(course).not.toContain('SMALL-GROUP-COMMENT')
    expect(rolePlay).toContain('Runs counted: fewer than 5 learners — figures hidden')
    expect(rolePlay).not.toContain('Back on track')
  })

  it('serve the item statistics as a CSV download', async () => {
    const response = await open('/author/insights/demo-course/promises/items.csv', 'trainer')
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('Content-Disposition')).toMatch(
      /^attachment; filename="item-statistics-demo-course-promises-v1\.csv"$/,
    )
    const text = await response.text()
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(1 + 5)
  })
})
