import { and, eq } from 'drizzle-orm'
import { attempts, competencyRecords, courses, evidence, lessonCompletions, lessonVersions } from '#db/schema'
import { seedDemoOrganisation } from '#db/seed'
import { syncContent } from '~/content/sync.server'
import { refreshCompetencyRecords } from '~/models/learning-record.server'
import { loader as resultLoader } from '~/routes/courses.$course.$lesson_.attempts.$attemptId'
import { useTestDatabase } from '../support/database'
import { lessonClient } from '../support/lesson-actions'
import { freshLearner, getRequest, jsonOf, respond, sessionCookieFor, testContext } from '../support/requests'

const database = useTestDatabase()
const db = () => database.handle.db
const promises = lessonClient('demo-course', 'promises')
let cookie = ''
let userId = ''

beforeAll(async () => {
  await seedDemoOrganisation(db())
  await syncContent(db(), 'tests/fixtures/content')
})

// Each test gets a learner with no attempts yet.
beforeEach(async () => {
  const learner = await freshLearner()
  cookie = learner.cookie
  userId = learner.id
})

// The fixture course keeps the "best" policy; a test that changes it gets it back.
afterEach(async () => {
  await db().update(courses).set({ retakePolicy: 'best' }).where(eq(courses.slug, 'demo-course'))
})

const RIGHT: [string, string][] = [
  ['q:when', 'time'],
  ['q:slip', 'warn'],
  ['q:slip', 'new-time'],
]
const WRONG: [string, string][] = [
  ['q:when', 'soon'],
  ['q:slip', 'hide'],
]
const HALF: [string, string][] = [
  ['q:when', 'soon'],
  ['q:slip', 'warn'],
  ['q:slip', 'new-time'],
]

async function submit(
  answers: [string, string][],
  overrides: Record<string, string> = {},
  from?: Awaited<ReturnType<typeof promises.open>>,
) {
  const page = from ?? (await promises.open(cookie))
  const quiz = page.assessments.quizzes[0]
  if (!quiz) throw new Error('quiz state missing')
  const fields: [string, string][] = [
    ['intent', 'submit-quiz'],
    ['quizId', 'promises-quiz'],
    ['versionId', page.lesson.versionId],
    ['attemptNumber', String(quiz.nextAttemptNumber)],
    ['idempotencyKey', quiz.idempotencyKey],
    ...answers,
  ]
  const merged = fields.map(([k, v]) => [k, overrides[k] ?? v] as [string, string])
  return promises.post(cookie, merged)
}

const myAttempts = () => db().select().from(attempts).where(eq(attempts.userId, userId))
const myEvidence = () => db().select().from(evidence).where(eq(evidence.userId, userId))
async function myRecord(competencyId = 'ownership') {
  const [r] = await db()
    .select()
    .from(competencyRecords)
    .where(and(eq(competencyRecords.userId, userId), eq(competencyRecords.competencyId, competencyId)))
  return r
}

describe('quiz submission', () => {
  it('scores a pass on the server, stores the attempt and evidence, updates the record and completes the lesson', async () => {
    const response = await submit(RIGHT)
    expect(response.status).toBe(302)
    const [attempt] = await myAttempts()
    expect(response.headers.get('Location')).toBe(`/courses/demo-course/promises/attempts/${attempt?.id}`)
    expect(attempt).toMatchObject({ status: 'submitted', passed: true, earned: 3, possible: 3, attemptNumber: 1 })
    expect((await myEvidence()).map((e) => [e.itemId, e.points, e.maxPoints]).sort()).toEqual([
      ['promises-quiz/slip', 1, 1],
      ['promises-quiz/when', 2, 2],
    ])
    expect(await myRecord()).toMatchObject({ earned: 3, possible: 3, items: 2, level: 'exemplary' })
    expect(await db().select().from(lessonCompletions).where(eq(lessonCompletions.userId, userId))).toHaveLength(1)
  })

  it('shows the result with each choice’s feedback only after submission, to its owner only', async () => {
    const page = await promises.open(cookie)
    expect(JSON.stringify(page)).not.toMatch(/SECRET-FEEDBACK/)
    const response = await submit(WRONG, {}, page)
    const attemptId = response.headers.get('Location')?.split('/').pop() ?? ''
    const params = { course: 'demo-course', lesson: 'promises', attemptId }
    const result = await jsonOf<{ passed: boolean; percent: number; questions: { choices: { feedback: string }[] }[] }>(
      await respond(() => resultLoader({ request: getRequest('/x', cookie), params, context: testContext() })),
    )
    expect(result.passed).toBe(false)
    expect(result.percent).toBe(0)
    expect(result.questions[0]?.choices.map((c) => c.feedback)).toContain(
      'SECRET-FEEDBACK-soon: soon means something different to everyone.',
    )
    const otherLearner = await sessionCookieFor('learner@example.com')
    const denied = await respond(() =>
      resultLoader({ request: getRequest('/x', otherLearner), params, context: testContext() }),
    )
    expect(denied.status).toBe(404)
  })

  it('keeps the key back on a failed attempt’s review until the learner passes, then shows it on every result', async () => {
    const result = async (response: Response) => {
      const attemptId = response.headers.get('Location')?.split('/').pop() ?? ''
      const params = { course: 'demo-course', lesson: 'promises', attemptId }
      return jsonOf<{
        keyShown: boolean
        questions: {
          id: string
          correct: boolean
          choices: { id: string; selected: boolean; correct: boolean | null; feedback: string | null }[]
        }[]
      }>(await respond(() => resultLoader({ request: getRequest('/x', cookie), params, context: testContext() })))
    }
    const failed = await submit(HALF)
    const review = await result(failed)
    expect(review.keyShown).toBe(false)
    expect(review.questions.map((q) => q.correct)).toEqual([false, true])
    // Each pick says whether it was right; a choice not picked says nothing.
    const marks = review.questions.flatMap((q) => q.choices.map((c) => [c.id, c.selected, c.correct]))
    expect(marks).toEqual([
      ['time', false, null],
      ['soon', true, false],
      ['warn', true, true],
      ['hide', false, null],
      ['new-time', true, true],
    ])
    // Feedback on the choice picked ("soon"), none on the one not picked ("time").
    const when = review.questions.find((q) => q.id === 'when')!
    expect(when.choices.find((c) => c.id === 'soon')?.feedback).toMatch(/soon means something different/)
    expect(when.choices.find((c) => c.id === 'time')?.feedback).toBeNull()
    expect(JSON.stringify(review)).not.toMatch(/SECRET-FEEDBACK-time/)

    await submit(RIGHT)
    const later = await result(failed)
    expect(later.keyShown).toBe(true)
    expect(later.questions.find((q) => q.id === 'when')?.choices.find((c) => c.id === 'time')).toMatchObject({
      correct: true,
    })
  })

  it('records exactly one attempt when the same form is submitted five times at once, and replays show it', async () => {
    const page = await promises.open(cookie)
    const responses = await Promise.all(Array.from({ length: 5 }, () => submit(RIGHT, {}, page)))
    expect(responses.map((r) => r.status)).toEqual([302, 302, 302, 302, 302])
    expect(new Set(responses.map((r) => r.headers.get('Location'))).size).toBe(1)
    expect(await myAttempts()).toHaveLength(1)
    expect((await myEvidence()).length).toBe(2)
    const later = await submit(WRONG, {}, page)
    expect(later.headers.get('Location')).toBe(responses[0]?.headers.get('Location'))
    expect((await myAttempts())[0]?.passed).toBe(true)
  })

  it('records one attempt when two tabs submit at once, refusing the other clearly', async () => {
    const [tabA, tabB] = [await promises.open(cookie), await promises.open(cookie)]
    const [a, b] = await Promise.all([submit(RIGHT, {}, tabA), submit(WRONG, {}, tabB)])
    expect([a.status, b.status].sort()).toEqual([302, 409])
    const refused = a.status === 409 ? a : b
    expect((await jsonOf<{ error: string }>(refused)).error).toMatch(/already submitted/)
    expect(await myAttempts()).toHaveLength(1)
  })

  it('refuses a stale form from before the last submission', async () => {
    const stale = await promises.open(cookie)
    await submit(WRONG)
    const response = await submit(RIGHT, {}, stale)
    expect(response.status).toBe(409)
    expect(await myAttempts()).toHaveLength(1)
  })

  it.each([
    ['an unknown question', [...RIGHT, ['q:bogus', 'time']] as [string, string][], {}],
    [
      'an unknown choice',
      [
        ['q:when', 'maybe'],
        ['q:slip', 'warn'],
      ] as [string, string][],
      {},
    ],
    [
      'a choice from another question',
      [
        ['q:when', 'warn'],
        ['q:slip', 'warn'],
      ] as [string, string][],
      {},
    ],
    ['a missing answer', [['q:when', 'time']] as [string, string][], {}],
    [
      'two answers to a single-choice question',
      [
        ['q:when', 'time'],
        ['q:when', 'soon'],
        ['q:slip', 'warn'],
      ] as [string, string][],
      {},
    ],
    ['a forged attempt number', RIGHT, { attemptNumber: '7' }],
    ['a malformed version id', RIGHT, { versionId: 'nope' }],
    ['a malformed idempotency key', RIGHT, { idempotencyKey: 'x' }],
  ])('answers 400 to %s and records nothing', async (_name, answers, overrides) => {
    const response = await submit(answers, overrides)
    expect(response.status).toBe(400)
    expect((await jsonOf<{ error: string }>(response)).error.length).toBeGreaterThan(10)
    expect(await myAttempts()).toHaveLength(0)
    expect(await myEvidence()).toHaveLength(0)
  })

  it('answers 400 to a lesson version the learner never opened (another lesson’s)', async () => {
    const other = await lessonClient('demo-course', 'welcome').open(cookie)
    const response = await submit(RIGHT, { versionId: other.lesson.versionId })
    expect(response.status).toBe(400)
    expect(await myAttempts()).toHaveLength(0)
  })

  it('before a pass, keeps the best attempt under the course’s "best" policy and the latest under "latest"', async () => {
    await submit(HALF)
    await submit(WRONG)
    expect(await myAttempts()).toHaveLength(2)
    expect(await myRecord()).toMatchObject({ earned: 1, possible: 3 })
    await db().update(courses).set({ retakePolicy: 'latest' }).where(eq(courses.slug, 'demo-course'))
    await refreshCompetencyRecords(db(), userId)
    expect(await myRecord()).toMatchObject({ earned: 0, possible: 3 })
  })

  it('makes every attempt after a pass practice: kept and shown, never lowering the record, under either policy', async () => {
    await submit(RIGHT)
    expect(await myRecord()).toMatchObject({ earned: 3, possible: 3 })
    for (const policy of ['best', 'latest'] as const) {
      await db().update(courses).set({ retakePolicy: policy }).where(eq(courses.slug, 'demo-course'))
      expect((await submit(WRONG)).status).toBe(302)
      await refreshCompetencyRecords(db(), userId)
      expect(await myRecord(), policy).toMatchObject({ earned: 3, possible: 3 })
    }
    const mine = (await myAttempts()).sort((a, b) => a.attemptNumber - b.attemptNumber)
    expect(mine.map((a) => [a.passed, a.graded])).toEqual([
      [true, true],
      [false, false],
      [false, false],
    ])
    const page = await promises.open(cookie)
    expect(page.assessments.quizzes[0]).toMatchObject({ latest: { passed: false } })
    expect(JSON.stringify(page.assessments.quizzes[0])).toMatch(/"passedEver":true/)
    expect(page.completion).not.toBeNull()
  })

  it('never re-scores a submitted attempt, even when the stored answer key changes', async () => {
    await submit(HALF)
    const [before] = await myAttempts()
    // The key stored with the lesson version now says "soon" is right and "time" wrong.
    const [version] = await db().select().from(lessonVersions).where(eq(lessonVersions.id, before!.lessonVersionId))
    const flipped = version!.assessments.map((a) =>
      a.kind !== 'quiz'
        ? a
        : {
            ...a,
            questions: a.questions.map((q) =>
              q.id !== 'when' ? q : { ...q, choices: q.choices.map((c) => ({ ...c, correct: c.id === 'soon' })) },
            ),
          },
    )
    await db()
      .update(lessonVersions)
      .set({ assessments: flipped })
      .where(eq(lessonVersions.id, before!.lessonVersionId))
    const [changed] = await db().select().from(lessonVersions).where(eq(lessonVersions.id, before!.lessonVersionId))
    expect(JSON.stringify(changed!.assessments)).not.toBe(JSON.stringify(version!.assessments))
    await submit(RIGHT)
    const [after] = (await myAttempts()).filter((a) => a.id === before?.id)
    expect(after).toMatchObject({ earned: before?.earned, passed: before?.passed, submittedAt: before?.submittedAt })
  })
})
