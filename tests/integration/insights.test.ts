import fs from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { and, eq } from 'drizzle-orm'
import {
  attempts,
  courseFeedback,
  courses,
  lessonCompletions,
  lessons,
  organisations,
  reflections,
  roleplayDecisions,
  users,
} from '#db/schema'
import { seedDemoOrganisation } from '#db/seed'
import { syncContent } from '~/content/sync.server'
import type { RunState } from '~/domain/role-play-engine'
import type { LoaderFunctionArgs } from '@remix-run/node'
import type { LessonInsights, courseInsights } from '~/models/insights.server'
import { loader as courseLoader } from '~/routes/author.insights.$course._index'
import { loader as lessonLoader } from '~/routes/author.insights.$course.$lesson'
import { loader as csvLoader } from '~/routes/author.insights.$course.$lesson.items[.]csv'
import { loader as overviewLoader } from '~/routes/author.insights._index'
import { recordFirstAnswers } from '~/models/first-answers.server'
import { copyContent } from '../support/content'
import { useTestDatabase } from '../support/database'
import { freshLearner, getRequest, jsonOf, respond, sessionCookieFor, testContext } from '../support/requests'

// Item statistics, role-play funnels, completion and NPS on a hand-made set of attempts, with
// every expected figure worked out by hand below. The course (tests/fixtures/insights) has a
// pool of four questions drawing three (a, b, c, d) and a role-play, then a reading lesson.

const database = useTestDatabase()
const db = () => database.handle.db
const content = copyContent()
const coursePath = path.join(content.dir, 'courses', 'insights-course')
fs.mkdirSync(coursePath, { recursive: true })
for (const file of fs.readdirSync('tests/fixtures/insights'))
  fs.copyFileSync(path.join('tests/fixtures/insights', file), path.join(coursePath, file))

const ids = { course: '', pool: '', wrapUp: '', v1: '', trainer: '', stranger: '' }
const L: string[] = [] // L[1] … L[16]
let trainerCookie = ''
const BASE = Date.parse('2026-01-05T09:00:00Z')
/** Learner i's clock: each learner starts on a day of their own, at minute m. */
const at = (i: number, minutes: number) => new Date(BASE + i * 86_400_000 + minutes * 60_000)

type Answer = [question: string, selected: string[], correct: boolean]

async function quizAttempt(
  userId: string,
  attemptNumber: number,
  answers: Answer[],
  options: { graded?: boolean; versionId?: string; startedAt?: Date } = {},
) {
  const right = answers.filter(([, , c]) => c).length
  const percent = Math.round((right / answers.length) * 1000) / 10
  const questions = answers.map(([id, selected, correct]) => ({ id, selected, correct }))
  const [row] = await db()
    .insert(attempts)
    .values({
      userId,
      courseId: ids.course,
      lessonId: ids.pool,
      lessonVersionId: options.versionId ?? ids.v1,
      assessmentId: 'pool-quiz',
      kind: 'quiz',
      status: 'submitted',
      attemptNumber,
      responses: {
        answers: Object.fromEntries(answers.map(([q, s]) => [q, s])),
        questions,
        percent,
      },
      earned: right,
      possible: answers.length,
      passed: percent >= 50,
      graded: options.graded ?? true,
      startedAt: options.startedAt ?? new Date(BASE),
      submittedAt: options.startedAt ?? new Date(BASE),
    })
    .returning()
  // As submitQuiz does, in attempt-number order: the tests below insert each learner's attempts in order.
  await recordFirstAnswers(db(), row!, questions)
}

type Step = [sceneId: string, optionId: string, moodBefore: number, moodAfter: number]

async function run(
  userId: string,
  attemptNumber: number,
  steps: Step[],
  end: { status: 'submitted' | 'in_progress' | 'abandoned'; state: RunState | null; graded?: boolean; startedAt: Date },
) {
  const [row] = await db()
    .insert(attempts)
    .values({
      userId,
      courseId: ids.course,
      lessonId: ids.pool,
      lessonVersionId: ids.v1,
      assessmentId: 'call',
      kind: 'roleplay',
      status: end.status,
      attemptNumber,
      state: end.state,
      passed: end.status === 'submitted' ? true : null,
      graded: end.graded ?? true,
      startedAt: end.startedAt,
      submittedAt: end.status === 'submitted' ? end.startedAt : null,
    })
    .returning({ id: attempts.id })
  if (steps.length > 0)
    await db()
      .insert(roleplayDecisions)
      .values(
        steps.map(([sceneId, optionId, moodBefore, moodAfter], step) => ({
          attemptId: row!.id,
          step,
          sceneId,
          optionId,
          points: {},
          moodBefore,
          moodAfter,
        })),
      )
}
const ended = (endingId: string, mood: number, step: number): RunState => ({ sceneId: null, endingId, mood, step })
const standing = (sceneId: string, mood: number, step: number): RunState => ({ sceneId, endingId: null, mood, step })

beforeAll(async () => {
  await seedDemoOrganisation(db())
  const report = await syncContent(db(), content.dir)
  expect(report.failed).toEqual([])
  expect(report.problems).toEqual([])
  const [course] = await db().select().from(courses).where(eq(courses.slug, 'insights-course'))
  ids.course = course!.id
  const courseLessons = await db().select().from(lessons).where(eq(lessons.courseId, ids.course))
  const pool = courseLessons.find((l) => l.slug === 'pool')!
  ids.pool = pool.id
  ids.v1 = pool.publishedVersionId!
  ids.wrapUp = courseLessons.find((l) => l.slug === 'wrap-up')!.id
  for (let i = 1; i <= 16; i++) {
    const learner = await freshLearner(`insights-${i}`)
    // Distinctive names, so a test can prove none of them reaches a trainer.
    await db()
      .update(users)
      .set({ name: `Learner Number${i} Zyx` })
      .where(eq(users.id, learner.id))
    L[i] = learner.id
  }
  const [trainer] = await db().select().from(users).where(eq(users.email, 'trainer@example.com'))
  ids.trainer = trainer!.id
  trainerCookie = await sessionCookieFor('trainer@example.com')
  const [elsewhere] = await db()
    .insert(organisations)
    .values({ name: 'Elsewhere', slug: 'elsewhere' })
    .returning({ id: organisations.id })
  const [stranger] = await db()
    .insert(users)
    .values({ organisationId: elsewhere!.id, email: 'stranger@elsewhere.example', name: 'Stranger', passwordHash: 'x' })
    .returning({ id: users.id })
  ids.stranger = stranger!.id

  // ——— The quiz, version 1 (✓ right, ✗ wrong) ———
  const q = quizAttempt
  await q(
    L[1]!,
    1,
    [
      ['a', ['a1'], true],
      ['b', ['b1'], true],
      ['c', ['c1', 'c2'], true],
    ],
    { startedAt: at(1, 0) },
  )
  await q(
    L[2]!,
    1,
    [
      ['a', ['a1'], true],
      ['b', ['b1'], true],
      ['c', ['c3'], false],
    ],
    { startedAt: at(2, 0) },
  )
  await q(
    L[3]!,
    1,
    [
      ['a', ['a1'], true],
      ['b', ['b2'], false],
      ['c', ['c1', 'c2'], true],
    ],
    { startedAt: at(3, 0) },
  )
  await q(
    L[4]!,
    1,
    [
      ['a', ['a2'], false],
      ['b', ['b2'], false],
      ['c', ['c1'], false],
    ],
    { startedAt: at(4, 0) },
  )
  await q(
    L[4]!,
    2,
    [
      ['d', ['d1'], true],
      ['a', ['a1'], true],
      ['b', ['b1'], true],
    ],
    { startedAt: at(4, 1) },
  )
  await q(
    L[5]!,
    1,
    [
      ['a', ['a1'], true],
      ['b', ['b2'], false],
      ['d', ['d2'], false],
    ],
    { startedAt: at(5, 0) },
  )
  await q(
    L[5]!,
    2,
    [
      ['c', ['c1', 'c2'], true],
      ['a', ['a2'], false],
      ['b', ['b1'], true],
    ],
    { startedAt: at(5, 1) },
  )
  await q(
    L[6]!,
    1,
    [
      ['b', ['b1'], true],
      ['c', ['c1', 'c2'], true],
      ['d', ['d1'], true],
    ],
    { startedAt: at(6, 0) },
  )
  // Practice (after a pass): L6's first answer to a is here, so it is not counted.
  await q(
    L[6]!,
    2,
    [
      ['a', ['a1'], true],
      ['b', ['b1'], true],
      ['c', ['c1', 'c2'], true],
    ],
    {
      graded: false,
      startedAt: at(6, 1),
    },
  )
  // A trainer (who can read the key) and someone from another organisation: never counted.
  const allWrong: Answer[] = [
    ['a', ['a3'], false],
    ['b', ['b2'], false],
    ['c', ['c3'], false],
  ]
  await q(ids.trainer, 1, allWrong)
  await q(ids.stranger, 1, allWrong)

  // ——— The role-play "call" (starts at mood −2) ———
  await run(
    L[1]!,
    1,
    [
      ['open', 'acknowledge', -2, 0],
      ['calmer', 'plan', 0, 1],
    ],
    {
      status: 'submitted',
      state: ended('good-end', 1, 2),
      startedAt: at(1, 5),
    },
  )
  // Played again after finishing: practice, not counted.
  await run(
    L[1]!,
    2,
    [
      ['open', 'policy', -2, -3],
      ['still-angry', 'argue', -3, -3],
    ],
    {
      status: 'submitted',
      state: ended('bad-end', -3, 2),
      graded: false,
      startedAt: at(1, 6),
    },
  )
  await run(
    L[2]!,
    1,
    [
      ['open', 'acknowledge', -2, 0],
      ['calmer', 'plan', 0, 1],
    ],
    {
      status: 'submitted',
      state: ended('good-end', 1, 2),
      startedAt: at(2, 5),
    },
  )
  await run(
    L[3]!,
    1,
    [
      ['open', 'policy', -2, -3],
      ['still-angry', 'argue', -3, -3],
    ],
    {
      status: 'submitted',
      state: ended('bad-end', -3, 2),
      startedAt: at(3, 5),
    },
  )
  await run(
    L[4]!,
    1,
    [
      ['open', 'acknowledge', -2, 0],
      ['calmer', 'shrug', 0, -1],
    ],
    {
      status: 'submitted',
      state: ended('bad-end', -1, 2),
      startedAt: at(4, 5),
    },
  )
  // L5 restarted once: the abandoned run's choice is not counted, the finished one is.
  await run(L[5]!, 1, [['open', 'acknowledge', -2, 0]], {
    status: 'abandoned',
    state: standing('calmer', 0, 1),
    startedAt: at(5, 5),
  })
  await run(
    L[5]!,
    2,
    [
      ['open', 'policy', -2, -3],
      ['still-angry', 'recover', -3, -1],
      ['calmer', 'plan', -1, 0],
    ],
    { status: 'submitted', state: ended('good-end', 0, 3), startedAt: at(5, 6) },
  )
  await run(
    ids.trainer,
    1,
    [
      ['open', 'policy', -2, -3],
      ['still-angry', 'argue', -3, -3],
    ],
    {
      status: 'submitted',
      state: ended('bad-end', -3, 2),
      startedAt: new Date(BASE),
    },
  )
  // Five learners who never reach an ending.
  await run(L[6]!, 1, [['open', 'acknowledge', -2, 0]], {
    status: 'in_progress',
    state: standing('calmer', 0, 1),
    startedAt: at(6, 5),
  })
  await run(L[7]!, 1, [], { status: 'in_progress', state: standing('open', -2, 0), startedAt: at(7, 0) })
  await run(L[8]!, 1, [], { status: 'in_progress', state: standing('open', -2, 0), startedAt: at(8, 0) })
  await run(L[9]!, 1, [['open', 'policy', -2, -3]], {
    status: 'in_progress',
    state: standing('still-angry', -3, 1),
    startedAt: at(9, 0),
  })
  await run(L[10]!, 1, [], { status: 'abandoned', state: standing('calmer', 0, 1), startedAt: at(10, 0) })
  // Stored without a state: it stands at the start.
  await run(L[10]!, 2, [], { status: 'in_progress', state: null, startedAt: at(10, 1) })

  // ——— Completions: L1…L5 complete "pool" 10, 20, 30, 40, 50 minutes after their first attempt ———
  await db()
    .insert(lessonCompletions)
    .values(
      [1, 2, 3, 4, 5].map((i) => ({
        userId: L[i]!,
        lessonId: ids.pool,
        lessonVersionId: ids.v1,
        completedAt: at(i, i * 10),
      })),
    )
  const [wrapUp] = await db().select().from(lessons).where(eq(lessons.id, ids.wrapUp))
  await db()
    .insert(lessonCompletions)
    .values(
      [1, 2, 3].map((i) => ({
        userId: L[i]!,
        lessonId: ids.wrapUp,
        lessonVersionId: wrapUp!.publishedVersionId!,
        completedAt: at(i, 60),
      })),
    )
  await db().insert(reflections).values({
    userId: L[4]!,
    lessonId: ids.wrapUp,
    lessonVersionId: wrapUp!.publishedVersionId!,
    reflectionId: 'habit',
    prompt: 'Which habit will you change first?',
    body: 'PRIVATE-REFLECTION',
  })

  // ——— Ratings ———
  const day = (n: number) => new Date(Date.now() - n * 86_400_000)
  const rating = (userId: string, courseId: string, score: number, comment: string | null, daysAgo: number) => ({
    userId,
    courseId,
    score,
    comment,
    createdAt: day(daysAgo + 10),
    updatedAt: day(daysAgo),
  })
  await db()
    .insert(courseFeedback)
    .values([
      rating(L[1]!, ids.course, 10, 'Clear and useful.', 1),
      rating(L[2]!, ids.course, 10, null, 4),
      rating(L[3]!, ids.course, 9, 'Too long.', 3),
      rating(L[4]!, ids.course, 8, null, 5),
      rating(L[5]!, ids.course, 6, '   ', 6),
      rating(L[6]!, ids.course, 2, 'Hard to follow.', 2),
      rating(ids.trainer, ids.course, 0, 'TRAINER-COMMENT', 0),
      rating(ids.stranger, ids.course, 0, 'OTHER-ORG-COMMENT', 0),
    ])
  // Four ratings of the demo course: too few to show anything.
  const [demo] = await db().select().from(courses).where(eq(courses.slug, 'demo-course'))
  await db()
    .insert(courseFeedback)
    .values([7, 8, 9, 10].map((i) => rating(L[i]!, demo!.id, 3, 'SMALL-GROUP-COMMENT', i)))
})

afterAll(() => content.remove())

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>
const get = async <T>(loader: Loader, url: string, params: Record<string, string> = {}) => {
  const response = await respond(() =>
    loader({ request: getRequest(url, trainerCookie), params, context: testContext() }),
  )
  const isJson = response.headers.get('Content-Type')?.startsWith('application/json')
  return { status: response.status, body: isJson ? await jsonOf<T>(response) : null, response }
}
const lessonPage = (query = '') =>
  get<LessonInsights>(lessonLoader, `/author/insights/insights-course/pool${query}`, {
    course: 'insights-course',
    lesson: 'pool',
  })

describe('item statistics over first answers', () => {
  it('computes facility, discrimination, choice counts and flags as worked out by hand', async () => {
    const { body } = await lessonPage()
    const [quiz] = body!.quizzes
    const q = (id: string) => quiz!.questions.find((x) => x.questionId === id)!

    // a — first answers: L1 ✓, L2 ✓, L3 ✓, L4#1 ✗, L5#1 ✓ (L6's first a was practice; the
    // trainer and the other organisation never count). n = 5, 4 right: facility 80 %.
    // Rest of attempt (share right of the other two questions): L1 1, L2 .5, L3 .5, L4 0, L5 0.
    // x = [1,1,1,0,1], y = [1,.5,.5,0,0]; means .8 and .4; Σdxdy = .12+.02+.02+.32−.08 = .40,
    // Σdx² = .80, Σdy² = .70; r = .40 / √.56 = 0.5345.
    // Picks: a1 4 (80 %), a2 1 (20 %), a3 0: a wrong choice nobody picks.
    expect(q('a').figures).toEqual({
      learners: 5,
      facility: 80,
      discrimination: 0.535,
      choices: [
        { id: 'a1', label: 'By 3 pm.', correct: true, picks: 4, percent: 80 },
        { id: 'a2', label: 'As soon as I possibly can.', correct: false, picks: 1, percent: 20 },
        { id: 'a3', label: 'Next week, probably, or so.', correct: false, picks: 0, percent: 0 },
      ],
      flags: [expect.objectContaining({ kind: 'unpicked-distractor' })],
    })

    // b — L1 ✓ (rest 1), L2 ✓ (.5), L3 ✗ (1), L4#1 ✗ (0), L5#1 ✗ (.5), L6#1 ✓ (1). L4#2 and
    // L5#2 ask b again: not first answers. n = 6, 3 right: 50 %. x = [1,1,0,0,0,1],
    // y = [1,.5,1,0,.5,1]; means .5 and 2/3; Σdxdy = .5, Σdx² = 1.5, Σdy² = 5/6;
    // r = .5 / √1.25 = 0.4472. Picks b1 3, b2 3: the key is not less popular, no flags.
    expect(q('b').figures).toMatchObject({ learners: 6, facility: 50, discrimination: 0.447, flags: [] })
    expect(q('b').figures!.choices.map((c) => [c.id, c.picks, c.percent])).toEqual([
      ['b1', 3, 50],
      ['b2', 3, 50],
    ])

    // c (several answers) — L1 ✓ (1), L2 ✗ c3 (1), L3 ✓ (.5), L4#1 ✗ c1 only (0), L5#2 ✓ (.5:
    // its first c), L6#1 ✓ (1). n = 6, 4 right: 66.7 %. x = [1,0,1,0,1,1], y = [1,1,.5,0,.5,1];
    // means 2/3, 2/3; Σdxdy = 1/3, Σdx² = 4/3, Σdy² = 5/6; r = (1/3)/√(10/9) = 1/√10 = 0.3162.
    // Picks: c1 5 (83.3 %), c2 4 (66.7 %), c3 1 (16.7 %) — shares add up past 100.
    expect(q('c').figures).toMatchObject({ learners: 6, facility: 66.7, discrimination: 0.316, flags: [] })
    expect(q('c').figures!.choices.map((c) => [c.id, c.picks, c.percent])).toEqual([
      ['c1', 5, 83.3],
      ['c3', 1, 16.7],
      ['c2', 4, 66.7],
    ])

    // d — L4#2, L5#1, L6#1: three learners, so nothing is shown but the question itself.
    expect(q('d').figures).toBeNull()
    expect(q('d').choices.map((c) => c.id)).toEqual(['d1', 'd2'])
  })

  it('points each question at its line in the version’s source, for the editor link', async () => {
    const { body } = await lessonPage()
    expect(body!.quizzes[0]!.questions.map((q) => [q.questionId, q.line])).toEqual([
      ['a', 16],
      ['b', 23],
      ['c', 29],
      ['d', 36],
    ])
  })
})

describe('role-play statistics', () => {
  it('counts each learner’s graded run: endings, final mood and the choices per scene', async () => {
    const { body } = await lessonPage()
    const [rp] = body!.rolePlays
    // Graded runs: L1 good (+1), L2 good (+1), L3 bad (−3), L4 bad (−1), L5's second run good
    // (0). L1's replay is practice, L5's abandoned run and the trainer's never count.
    expect(rp!.runs).toMatchObject({
      count: 5,
      endings: [
        { id: 'good-end', runs: 3, percent: 60 },
        { id: 'bad-end', runs: 2, percent: 40 },
      ],
      // (1 + 1 − 3 − 1 + 0) / 5 = −0.4
      averageMood: -0.4,
      moods: [
        { mood: -3, runs: 1, percent: 20 },
        { mood: -1, runs: 1, percent: 20 },
        { mood: 0, runs: 1, percent: 20 },
        { mood: 1, runs: 2, percent: 40 },
      ],
    })
    // "open" is reached by all five: acknowledge L1, L2, L4 (60 %), policy L3, L5 (40 %).
    // "calmer" by four (L1, L2, L4, L5) and "still-angry" by two: hidden.
    const scene = (id: string) => rp!.runs!.scenes.find((s) => s.id === id)!
    expect(scene('open').figures).toEqual({
      runs: 5,
      options: [
        expect.objectContaining({ id: 'acknowledge', decisions: 3, percent: 60 }),
        expect.objectContaining({ id: 'policy', decisions: 2, percent: 40 }),
      ],
    })
    expect(scene('calmer').figures).toBeNull()
    expect(scene('still-angry').figures).toBeNull()
  })

  it('shows where learners who never finished stop: the scene of their latest run', async () => {
    const { body } = await lessonPage()
    // L6 at calmer, L7 and L8 at open, L9 at still-angry, L10's latest run (no state) at the start.
    expect(body!.rolePlays[0]!.stops).toEqual({
      learners: 5,
      scenes: [
        expect.objectContaining({ id: 'open', learners: 3 }),
        expect.objectContaining({ id: 'calmer', learners: 1 }),
        expect.objectContaining({ id: 'still-angry', learners: 1 }),
      ],
    })
  })
})

describe('lesson and course completion', () => {
  it('counts who started and completed the lesson, the median time, and what is left to do', async () => {
    const { body } = await lessonPage()
    // Started: L1…L10 (each has an attempt). Completed: L1…L5, 10, 20, 30, 40 and 50 minutes
    // after their first attempt: the median is 30 minutes.
    expect(body!.completion).toEqual({ started: 10, completed: 5, percent: 50, timed: 5, medianSeconds: 1800 })
    // Not completed: L6…L10. L6 passed the quiz; L7…L10 never tried it. None finished the call.
    expect(body!.stops).toEqual({
      learners: 5,
      work: [
        { id: 'pool-quiz', kind: 'quiz', title: 'The quiz', notDone: 4, tried: 0 },
        { id: 'call', kind: 'roleplay', title: 'An angry caller', notDone: 5, tried: 5 },
      ],
    })
  })

  it('shows the course’s completion, where people stop, and NPS with the comments newest first', async () => {
    const { body } = await get<Awaited<ReturnType<typeof courseInsights>>>(
      courseLoader,
      '/author/insights/insights-course',
      { course: 'insights-course' },
    )
    // Started: L1…L10. Finished both lessons: L1, L2, L3 — fewer than five, so no median.
    expect(body!.completion).toEqual({ started: 10, finished: 3, percent: 30, medianSeconds: null })
    // First lesson not completed: L4, L5 → wrap-up; L6…L10 → pool.
    expect(body!.stops).toEqual({
      learners: 7,
      lessons: [
        { slug: 'pool', title: 'Pool', learners: 5 },
        { slug: 'wrap-up', title: 'Wrap-up', learners: 2 },
      ],
    })
    // Scores 10, 10, 9, 8, 6, 2 (the trainer's and the other organisation's 0s are left out):
    // promoters 3 of 6 (50 %), detractors 2 (33.3 %), NPS = 50 − 33.3 = 16.7, shown as +17.
    expect(body!.ratings).toMatchObject({
      count: 6,
      nps: 17,
      promoters: 3,
      passives: 1,
      detractors: 2,
      distribution: [0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 2],
    })
    // Newest first; empty and blank comments are left out, and no comment carries a name.
    expect(body!.ratings!.comments.map((c) => c.text)).toEqual(['Clear and useful.', 'Hard to follow.', 'Too long.'])
    expect(Object.keys(body!.ratings!.comments[0]!).sort()).toEqual(['date', 'text'])
  })

  it('lists every lesson on the overview, hiding any lesson with fewer than five learners', async () => {
    const { body } = await get<{
      courses: { slug: string; ratings: { nps: number } | null; lessons: { slug: string; figures: unknown }[] }[]
    }>(overviewLoader, '/author/insights')
    const course = body!.courses.find((c) => c.slug === 'insights-course')!
    expect(course.ratings).toMatchObject({ nps: 17 })
    // wrap-up: L1, L2, L3 completed it and L4 wrote a reflection — four learners.
    expect(course.lessons).toEqual([
      { slug: 'pool', title: 'Pool', version: 1, figures: { started: 10, completed: 5, percent: 50 } },
      { slug: 'wrap-up', title: 'Wrap-up', version: 1, figures: null },
    ])
    // The demo course has four ratings: no NPS, and its comments are not loaded at all.
    expect(body!.courses.find((c) => c.slug === 'demo-course')!.ratings).toBeNull()
    const demo = await get<{ ratings: unknown }>(courseLoader, '/author/insights/demo-course', {
      course: 'demo-course',
    })
    expect(demo.body!.ratings).toBeNull()
    expect(JSON.stringify(demo.body)).not.toContain('SMALL-GROUP-COMMENT')
  })
})

describe('what a trainer never sees', () => {
  it('returns no person, name, email or answer in any insights payload', async () => {
    const payloads = [
      (await get(overviewLoader, '/author/insights')).body,
      (await get(courseLoader, '/author/insights/insights-course', { course: 'insights-course' })).body,
      (await lessonPage()).body,
    ].map((b) => JSON.stringify(b))
    const people = await db().select({ id: users.id, name: users.name, email: users.email }).from(users)
    for (const payload of payloads) {
      for (const p of people) {
        expect(payload).not.toContain(p.id)
        expect(payload).not.toContain(p.email)
        expect(payload).not.toContain(p.name)
      }
      for (const secret of ['PRIVATE-REFLECTION', 'TRAINER-COMMENT', 'OTHER-ORG-COMMENT', 'SMALL-GROUP-COMMENT'])
        expect(payload).not.toContain(secret)
    }
  })
})

describe('the item statistics export', () => {
  it('is a CSV of the figures shown, a line per choice, with formula-looking cells defused', async () => {
    const { response, status } = await get(csvLoader, '/author/insights/insights-course/pool/items.csv?version=1', {
      course: 'insights-course',
      lesson: 'pool',
    })
    expect(status).toBe(200)
    expect(response.headers.get('Content-Disposition')).toBe(
      'attachment; filename="item-statistics-insights-course-pool-v1.csv"',
    )
    const text = (await response.text()).replace(/^\uFEFF/, '')
    const [header, ...lines] = parse(text) as string[][]
    const col = (name: string) => header!.indexOf(name)
    const line = (choice: string) => lines.find((l) => l[col('Choice id')] === choice)!
    expect(lines).toHaveLength(10)
    expect(line('a3')).toEqual(
      expect.arrayContaining(['pool-quiz', 'a', '16', '5', '80', '0.535', 'unpicked-distractor', 'a3', 'no', '0', '0']),
    )
    expect(line('c1')[col('Picked %')]).toBe('83.3')
    // d has three learners: its lines carry no figures.
    expect(line('d1')[col('Learners (first answers)')]).toBe('fewer than 5')
    expect(line('d1')[col('Facility %')]).toBe('')
    expect(line('d1')[col('Picked')]).toBe('')
    // A label that starts like a formula is written with a leading apostrophe.
    expect(line('d2')[col('Choice')]).toBe("'-1 day is still on time, surely.")
  })
})

describe('bad links', () => {
  it('answers 404 for no such course, lesson or version, and 400 for a malformed version', async () => {
    const lesson = (course: string, slug: string, query = '') =>
      get(lessonLoader, `/author/insights/${course}/${slug}${query}`, { course, lesson: slug })
    expect((await lesson('insights-course', 'pool', '?version=99')).status).toBe(404)
    expect((await lesson('insights-course', 'pool', '?version=abc')).status).toBe(400)
    expect((await lesson('insights-course', 'pool', '?version=0')).status).toBe(400)
    expect((await lesson('insights-course', 'nope')).status).toBe(404)
    expect((await lesson('demo-course', 'pool')).status).toBe(404)
    expect((await lesson('Bad_Slug', 'pool')).status).toBe(404)
    expect((await get(courseLoader, '/author/insights/nope', { course: 'nope' })).status).toBe(404)
    const csv = (query: string) =>
      get(csvLoader, `/author/insights/insights-course/pool/items.csv${query}`, {
        course: 'insights-course',
        lesson: 'pool',
      })
    expect((await csv('?version=2.5')).status).toBe(400)
    expect((await csv('?version=7')).status).toBe(404)
  })
})

describe('a new version', () => {
  it('counts a first answer for the version it was given on, never a later answer on a newer one', async () => {
    const file = path.join(coursePath, 'pool.mdx')
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('only a hope.', 'only a hope, however kind.'))
    expect((await syncContent(db(), content.dir)).newVersions).toEqual(['insights-course/pool'])
    const [pool] = await db().select().from(lessons).where(eq(lessons.id, ids.pool))
    const v2 = pool!.publishedVersionId!
    expect(v2).not.toBe(ids.v1)
    const on2 = { versionId: v2 }
    const q = quizAttempt
    await q(
      L[11]!,
      1,
      [
        ['a', ['a1'], true],
        ['b', ['b1'], true],
        ['c', ['c1', 'c2'], true],
      ],
      on2,
    )
    await q(
      L[12]!,
      1,
      [
        ['a', ['a1'], true],
        ['b', ['b1'], true],
        ['c', ['c1', 'c2'], true],
      ],
      on2,
    )
    await q(
      L[13]!,
      1,
      [
        ['a', ['a1'], true],
        ['b', ['b2'], false],
        ['c', ['c1', 'c2'], true],
      ],
      on2,
    )
    await q(
      L[14]!,
      1,
      [
        ['a', ['a2'], false],
        ['b', ['b1'], true],
        ['c', ['c3'], false],
      ],
      on2,
    )
    await q(
      L[15]!,
      1,
      [
        ['a', ['a3'], false],
        ['b', ['b2'], false],
        ['c', ['c1'], false],
      ],
      on2,
    )
    // L16 failed on version 1 (a, b, d), then retook on version 2: only c is a first answer there.
    await q(L[16]!, 1, [
      ['a', ['a2'], false],
      ['b', ['b2'], false],
      ['d', ['d2'], false],
    ])
    await q(
      L[16]!,
      2,
      [
        ['a', ['a1'], true],
        ['b', ['b1'], true],
        ['c', ['c1', 'c2'], true],
      ],
      on2,
    )

    const { body } = await lessonPage()
    expect(body!.version).toEqual({ version: 2, published: true })
    const q2 = (id: string) => body!.quizzes[0]!.questions.find((x) => x.questionId === id)!.figures
    // a on v2: L11 ✓, L12 ✓, L13 ✓, L14 ✗, L15 ✗ → 5 learners, 60 %; picks a1 3, a2 1, a3 1.
    expect(q2('a')).toMatchObject({ learners: 5, facility: 60, flags: [] })
    expect(q2('a')!.choices.map((c) => c.picks)).toEqual([3, 1, 1])
    // b: L11, L12, L14 right of five (L16's b on v2 is not a first answer): 60 %.
    expect(q2('b')).toMatchObject({ learners: 5, facility: 60 })
    // c: L11, L12, L13, L16 right of six: 66.7 %.
    expect(q2('c')).toMatchObject({ learners: 6, facility: 66.7 })
    // Version 1 keeps its own figures: a now has L16's first answer too (6 learners, 4 right).
    const { body: v1 } = await lessonPage('?version=1')
    expect(v1!.version).toEqual({ version: 1, published: false })
    expect(v1!.quizzes[0]!.questions[0]!.figures).toMatchObject({ learners: 6, facility: 66.7 })
    expect(v1!.versions.map((v) => [v.version, v.published])).toEqual([
      [2, true],
      [1, false],
    ])
    // Nothing is counted twice: L16's v2 attempt is theirs, but not their first answer to a.
    const l16 = await db()
      .select({ n: attempts.attemptNumber })
      .from(attempts)
      .where(and(eq(attempts.userId, L[16]!), eq(attempts.lessonVersionId, v2)))
    expect(l16).toEqual([{ n: 2 }])
  })
})
