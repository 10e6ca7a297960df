import fs from 'node:fs'
import path from 'node:path'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { eq } from 'drizzle-orm'
import { assignments, courses, users } from '#db/schema'
import { seedDemoOrganisation } from '#db/seed'
import { syncContent } from '~/content/sync.server'
import { loader as learnLoader } from '~/routes/learn'
import { loader as dashboardLoader } from '~/routes/team._index'
import { copyContent } from '../support/content'
import { useTestDatabase } from '../support/database'
import { type LessonPageData, lessonClient, quizSubmission } from '../support/lesson-actions'
import { countQueries } from '../support/query-budget'
import { freshLearner, getRequest, respond, sessionCookieFor, testContext } from '../support/requests'

// Statements per request, counted at the database handle. Each page has a budget, and the
// count must not grow with what the page shows (assessments, people, history): a query per
// item is the mistake these catch. docs/decisions/006 records the counts.
// A quiz submission or a role-play's ending that completes its lesson also marks the
// assignments that completes: one statement more, once.
const BUDGET = {
  lesson: 2,
  learn: 3,
  team: 11,
  quizSubmission: 7,
  quizCompletingLesson: 8,
  rolePlayChoice: 7,
  rolePlayEnding: 12,
}

const database = useTestDatabase()
const db = () => database.handle.db
const content = copyContent()
afterAll(() => content.remove())
const cookies: Record<string, string> = {}

/** A copy of an assessment block with every id it declares (and every reference to one) suffixed. */
function copyOf(block: string, suffix: string) {
  const ids = [...block.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]!)
  return ids.reduce((text, id) => text.replaceAll(`"${id}"`, `"${id}${suffix}"`), block)
}
const blockOf = (file: string, tag: string) => {
  const text = fs.readFileSync(content.lessonPath('demo-course', file), 'utf8')
  return text.slice(text.indexOf(`<${tag} `), text.indexOf(`</${tag}>`) + `</${tag}>`.length)
}

beforeAll(async () => {
  // "many": the promises quiz and the listening role-play, three of each.
  const quiz = blockOf('promises', 'Quiz')
  const rolePlay = blockOf('listening', 'RolePlay')
  const header = fs.readFileSync(content.lessonPath('demo-course', 'promises'), 'utf8').split('---\n\n')[0]
  fs.writeFileSync(
    content.lessonPath('demo-course', 'many'),
    `${header!.replace('title: Promises', 'title: Many')}---\n\n## Practise\n\n${[1, 2, 3]
      .map((n) => `${copyOf(quiz, `-${n}`)}\n\n${copyOf(rolePlay, `-${n}`)}`)
      .join('\n\n')}\n`,
  )
  const courseFile = path.join(content.dir, 'courses/demo-course/course.yml')
  fs.writeFileSync(courseFile, fs.readFileSync(courseFile, 'utf8').replace('[listening]', '[listening, many]'))
  await seedDemoOrganisation(db())
  const report = await syncContent(db(), content.dir)
  expect(report.failed).toEqual([])
  for (const who of ['learner', 'manager']) cookies[who] = await sessionCookieFor(`${who}@example.com`)
})

/** A request's statements once caches are warm: what every later request costs. */
async function statements(request: () => Promise<unknown>) {
  await request()
  return (await countQueries(request)).queries.length
}
const get = (loader: (args: LoaderFunctionArgs) => Promise<unknown>, path: string, cookie: string) => () =>
  respond(() => loader({ request: getRequest(path, cookie), params: {}, context: testContext() }))

describe('query budgets', () => {
  it('opens a lesson in the same few statements however many quizzes and role-plays it holds', async () => {
    const one = await statements(() => lessonClient('demo-course', 'promises').open(cookies.learner!))
    const many = lessonClient('demo-course', 'many')
    const six = await statements(() => many.open(cookies.learner!))
    expect(one).toBeLessThanOrEqual(BUDGET.lesson)
    expect(six).toBe(one)

    // With a run under way in each of the three role-plays, one of them chosen in: no more.
    const { versionId } = (await many.open(cookies.learner!)).lesson
    for (const n of [1, 2, 3])
      await many.post(cookies.learner!, { intent: 'start-roleplay', rolePlayId: `angry-caller-${n}`, versionId })
    const run = (await many.open(cookies.learner!)).assessments.rolePlays[0]!.run!
    const chosen = await many.post(cookies.learner!, {
      intent: 'choose',
      rolePlayId: 'angry-caller-1',
      attemptId: run.attemptId,
      sceneId: run.scene!.id,
      step: String(run.step),
      optionId: 'policy-1',
    })
    expect(chosen.status).toBeLessThan(400)
    expect((await many.open(cookies.learner!)).assessments.rolePlays.every((r) => r.run)).toBe(true)
    expect(await statements(() => many.open(cookies.learner!))).toBe(one)
  })

  it('opens My learning and the team page in the same statements however much there is', async () => {
    const [manager] = await db().select().from(users).where(eq(users.email, 'manager@example.com'))
    const [course] = await db().select().from(courses).where(eq(courses.slug, 'demo-course'))
    const addReports = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const person = await freshLearner('report')
        await db().update(users).set({ managerId: manager!.id }).where(eq(users.id, person.id))
        await db().insert(assignments).values({
          organisationId: manager!.organisationId,
          userId: person.id,
          courseId: course!.id,
          source: 'direct',
        })
      }
    }
    await addReports(1)
    const learn = await statements(get(learnLoader, '/learn', cookies.learner!))
    const team = await statements(get(dashboardLoader, '/team', cookies.manager!))
    expect(learn).toBeLessThanOrEqual(BUDGET.learn)
    expect(team).toBeLessThanOrEqual(BUDGET.team)

    // Ten more reports, each with work assigned: not one statement more.
    await addReports(10)
    expect(await statements(get(dashboardLoader, '/team', cookies.manager!))).toBe(team)
    expect(await statements(get(learnLoader, '/learn', cookies.learner!))).toBe(learn)
  })

  it('scores a quiz and records a role-play choice within budget, the same on a retake as the first time', async () => {
    const lesson = lessonClient('demo-course', 'promises')
    const submit = async (cookie: string, answers: [string, string][]) => {
      const page = await lesson.open(cookie)
      const { queries, result } = await countQueries(() => lesson.post(cookie, quizSubmission(page, answers)))
      expect(result.status).toBe(302)
      return queries.length
    }
    const wrong: [string, string][] = [
      ['q:when', 'soon'],
      ['q:slip', 'hide'],
    ]
    // Content read once per generation (the competency framework) is read by someone first.
    await submit((await freshLearner('warm')).cookie, wrong)
    const learner = await freshLearner('budget')
    const first = await submit(learner.cookie, wrong)
    expect(first).toBeLessThanOrEqual(BUDGET.quizSubmission)
    expect(await submit(learner.cookie, wrong)).toBe(first)
    const passing = await submit(learner.cookie, [
      ['q:when', 'time'],
      ['q:slip', 'warn'],
      ['q:slip', 'new-time'],
    ])
    expect(passing).toBeLessThanOrEqual(BUDGET.quizCompletingLesson)
    // Practice after the pass: the same as a graded attempt.
    expect(await submit(learner.cookie, wrong)).toBe(first)

    const listening = lessonClient('demo-course', 'listening')
    const start = async (intent: string) => {
      const page = await listening.open(learner.cookie)
      await listening.post(learner.cookie, { intent, rolePlayId: 'angry-caller', versionId: page.lesson.versionId })
    }
    const choose = async (optionId: string) => {
      const run = ((await listening.open(learner.cookie)) as LessonPageData).assessments.rolePlays[0]!.run!
      const { queries } = await countQueries(() =>
        listening.post(learner.cookie, {
          intent: 'choose',
          rolePlayId: 'angry-caller',
          attemptId: run.attemptId,
          sceneId: run.scene!.id,
          step: String(run.step),
          optionId,
        }),
      )
      return queries.length
    }
    for (const run of ['start-roleplay', 'restart-roleplay']) {
      await start(run)
      const opening = await choose('policy')
      expect(opening, run).toBeLessThanOrEqual(BUDGET.rolePlayChoice)
      expect(await choose('recover'), run).toBe(opening)
      // The ending: the first run's completes the lesson, playing again is practice.
      expect(await choose('plan'), run).toBeLessThanOrEqual(BUDGET.rolePlayEnding)
    }
  })
})
