import { eq } from 'drizzle-orm'
import { courseFeedback } from '#db/schema'
import { seedDemoOrganisation } from '#db/seed'
import { syncContent } from '~/content/sync.server'
import { action as courseAction, loader as courseLoader } from '~/routes/courses.$course._index'
import { useTestDatabase } from '../support/database'
import { lessonClient } from '../support/lesson-actions'
import { formRequest, freshLearner, getRequest, jsonOf, respond, testContext } from '../support/requests'

const database = useTestDatabase()
const db = () => database.handle.db
beforeAll(async () => {
  await seedDemoOrganisation(db())
  await syncContent(db(), 'tests/fixtures/content')
})

const rate = (cookie: string, fields: Record<string, string>) =>
  respond(() =>
    courseAction({
      request: formRequest('/courses/demo-course', fields, cookie),
      params: { course: 'demo-course' },
      context: testContext(),
    }),
  )

async function finishCourse(cookie: string) {
  const welcome = lessonClient('demo-course', 'welcome')
  const w = await welcome.open(cookie)
  await welcome.post(cookie, { intent: 'complete', versionId: w.lesson.versionId })
  const promises = lessonClient('demo-course', 'promises')
  const p = await promises.open(cookie)
  const quiz = p.assessments.quizzes[0]!
  await promises.post(cookie, [
    ['intent', 'submit-quiz'],
    ['quizId', 'promises-quiz'],
    ['versionId', p.lesson.versionId],
    ['attemptNumber', String(quiz.nextAttemptNumber)],
    ['idempotencyKey', quiz.idempotencyKey],
    ['q:when', 'time'],
    ['q:slip', 'warn'],
    ['q:slip', 'new-time'],
  ])
  const listening = lessonClient('demo-course', 'listening')
  const l = await listening.open(cookie)
  await listening.post(cookie, { intent: 'start-roleplay', rolePlayId: 'angry-caller', versionId: l.lesson.versionId })
  for (const optionId of ['acknowledge', 'plan']) {
    const run = (await listening.open(cookie)).assessments.rolePlays[0]!.run!
    await listening.post(cookie, {
      intent: 'choose',
      rolePlayId: 'angry-caller',
      attemptId: run.attemptId,
      sceneId: run.scene!.id,
      optionId,
      step: String(run.step),
    })
  }
}

describe('course feedback', () => {
  it('is refused before the course is finished', async () => {
    const learner = await freshLearner()
    const response = await rate(learner.cookie, { score: '9', comment: '' })
    expect(response.status).toBe(409)
    expect(await db().select().from(courseFeedback).where(eq(courseFeedback.userId, learner.id))).toHaveLength(0)
  })

  it('stores a 0–10 rating and comment once the course is finished; a second answer replaces the first', async () => {
    const learner = await freshLearner()
    await finishCourse(learner.cookie)
    const outline = await jsonOf<{ progress: { completed: number; total: number } }>(
      await respond(() =>
        courseLoader({
          request: getRequest('/courses/demo-course', learner.cookie),
          params: { course: 'demo-course' },
          context: testContext(),
        }),
      ),
    )
    expect(outline.progress).toMatchObject({ completed: 3, total: 3 })
    expect((await rate(learner.cookie, { score: '11', comment: '' })).status).toBe(400)
    expect((await rate(learner.cookie, { score: 'ten', comment: '' })).status).toBe(400)
    expect((await rate(learner.cookie, { score: '8', comment: 'Useful role-play.' })).status).toBe(200)
    expect((await rate(learner.cookie, { score: '10', comment: '' })).status).toBe(200)
    const rows = await db().select().from(courseFeedback).where(eq(courseFeedback.userId, learner.id))
    expect(rows).toEqual([expect.objectContaining({ score: 10, comment: null })])
  })
})
