import { and, eq } from 'drizzle-orm'
import fc from 'fast-check'
import { attempts, courses, evidence, reflections, users } from '#db/schema'
import { seedDemoOrganisation } from '#db/seed'
import { syncContent } from '~/content/sync.server'
import { chooseRolePlayOption, startRolePlay, submitQuiz } from '~/models/attempts.server'
import { reviewReflection } from '~/models/coaching.server'
import { storedRecords } from '~/models/competency-records.server'
import { saveReflection } from '~/models/reflections.server'
import type { SessionUser } from '~/utils/require-user.server'
import { useTestDatabase } from '../support/database'
import { lessonClient } from '../support/lesson-actions'
import { freshLearner } from '../support/requests'

const database = useTestDatabase()
const db = () => database.handle.db

let admin: SessionUser
beforeAll(async () => {
  await seedDemoOrganisation(db())
  await syncContent(db(), 'tests/fixtures/content')
  const [row] = await db().select().from(users).where(eq(users.email, 'admin@example.com'))
  admin = {
    id: row!.id,
    organisationId: row!.organisationId,
    email: row!.email,
    name: row!.name,
    role: 'admin',
    managerId: null,
    teamId: null,
    timeZone: 'UTC',
  }
})
afterEach(async () => {
  await db().update(courses).set({ retakePolicy: 'best' }).where(eq(courses.slug, 'demo-course'))
})

const answers = fc.record({
  when: fc.constantFrom('time', 'soon'),
  slip: fc.subarray(['warn', 'new-time', 'hide'], { minLength: 1 }),
})
const step = fc.oneof(
  fc.record({ kind: fc.constant('quiz' as const), answers }),
  fc.record({
    kind: fc.constant('roleplay' as const),
    picks: fc.array(fc.nat({ max: 1 }), { minLength: 3, maxLength: 3 }),
  }),
  // A manager's rating of the learner's reflection, a new rating, or the rating removed (null).
  fc.record({
    kind: fc.constant('rating' as const),
    level: fc.constantFrom('developing', 'proficient', 'exemplary', null),
  }),
)

/** The rule, written out independently: per assessment the counted attempt, then sums per competency. */
async function expectedFromEvidence(userId: string, policy: 'latest' | 'best') {
  const submitted = (await db().select().from(attempts).where(eq(attempts.userId, userId))).filter(
    (a) => a.status === 'submitted',
  )
  const byAssessment = new Map<string, typeof submitted>()
  for (const a of submitted) {
    const key = `${a.lessonId}:${a.assessmentId}`
    byAssessment.set(key, [...(byAssessment.get(key) ?? []), a])
  }
  // Graded: quiz attempts up to the first pass, a role-play's first run. The rest is practice.
  for (const [key, list] of byAssessment) {
    const inOrder = [...list].sort((x, y) => x.attemptNumber - y.attemptNumber)
    const graded =
      inOrder[0]?.kind === 'roleplay'
        ? inOrder.slice(0, 1)
        : inOrder.slice(0, inOrder.findIndex((a) => a.passed) + 1 || inOrder.length)
    for (const a of inOrder) expect(a.graded, `attempt ${a.attemptNumber} at ${key}`).toBe(graded.includes(a))
    byAssessment.set(key, graded)
  }
  const counted = new Set<string>()
  for (const list of byAssessment.values()) {
    const sorted = [...list].sort(
      (x, y) => (x.submittedAt?.getTime() ?? 0) - (y.submittedAt?.getTime() ?? 0) || x.id.localeCompare(y.id),
    )
    const pick =
      policy === 'latest'
        ? sorted.at(-1)
        : sorted.reduce((best, a) =>
            (a.earned ?? 0) / (a.possible || 1) >= (best.earned ?? 0) / (best.possible || 1) ? a : best,
          )
    if (pick) counted.add(pick.id)
  }
  const rows = (await db().select().from(evidence).where(eq(evidence.userId, userId))).filter(
    (e) => !e.attemptId || counted.has(e.attemptId),
  )
  const sums = new Map<string, { earned: number; possible: number; items: number }>()
  for (const r of rows) {
    const s = sums.get(r.competencyId) ?? { earned: 0, possible: 0, items: 0 }
    sums.set(r.competencyId, { earned: s.earned + r.points, possible: s.possible + r.maxPoints, items: s.items + 1 })
  }
  return sums
}

describe('stored competency records', () => {
  it('always equal a recomputation from the evidence, whatever attempts a learner makes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 6 }),
        fc.constantFrom<'latest' | 'best'>('latest', 'best'),
        async (steps, policy) => {
          await db().update(courses).set({ retakePolicy: policy }).where(eq(courses.slug, 'demo-course'))
          const learner = await freshLearner('prop')
          const promises = lessonClient('demo-course', 'promises')
          for (const s of steps) {
            if (s.kind === 'quiz') {
              const page = await promises.open(learner.cookie)
              const quiz = page.assessments.quizzes[0]!
              await submitQuiz(learner.id, {
                courseSlug: 'demo-course',
                lessonSlug: 'promises',
                quizId: 'promises-quiz',
                versionId: page.lesson.versionId,
                attemptNumber: quiz.nextAttemptNumber,
                idempotencyKey: crypto.randomUUID(),
                responses: { when: [s.answers.when], slip: s.answers.slip },
              })
            } else if (s.kind === 'rating') {
              const welcome = await lessonClient('demo-course', 'welcome').open(learner.cookie)
              const reflection = {
                courseSlug: 'demo-course',
                lessonSlug: 'welcome',
                reflectionId: 'why-here',
                versionId: welcome.lesson.versionId,
              }
              const [mine] = await db()
                .select()
                .from(reflections)
                .where(and(eq(reflections.userId, learner.id), eq(reflections.reflectionId, 'why-here')))
              if (!mine)
                await saveReflection(learner.id, { ...reflection, body: 'I like helping people.', submit: true })
              const [submitted] = await db().select().from(reflections).where(eq(reflections.userId, learner.id))
              await reviewReflection(admin, submitted!.id, {
                reply: 'Thanks.',
                competencyId: s.level ? 'ownership' : null,
                levelId: s.level,
              })
            } else {
              const listening = await lessonClient('demo-course', 'listening').open(learner.cookie)
              const attemptId = await startRolePlay(learner.id, {
                courseSlug: 'demo-course',
                lessonSlug: 'listening',
                rolePlayId: 'angry-caller',
                versionId: listening.lesson.versionId,
                restart: true,
              })
              for (const pick of s.picks) {
                const [row] = await db().select().from(attempts).where(eq(attempts.id, attemptId))
                const run = row?.state as { sceneId: string | null; step: number } | null
                if (!run?.sceneId || row?.status !== 'in_progress') break
                const options =
                  { open: ['acknowledge', 'policy'], calmer: ['plan', 'shrug'], 'still-angry': ['recover', 'argue'] }[
                    run.sceneId
                  ] ?? []
                await chooseRolePlayOption(learner.id, {
                  courseSlug: 'demo-course',
                  lessonSlug: 'listening',
                  attemptId,
                  sceneId: run.sceneId,
                  optionId: options[pick] ?? options[0] ?? '',
                  step: run.step,
                })
              }
            }
          }
          const expected = await expectedFromEvidence(learner.id, policy)
          const stored = await storedRecords(db(), learner.id)
          // Every competency with counted evidence has its stored record, and every stored record matches.
          for (const id of expected.keys())
            expect(
              stored.map((r) => r.competencyId),
              id,
            ).toContain(id)
          for (const record of stored) {
            const e = expected.get(record.competencyId) ?? { earned: 0, possible: 0, items: 0 }
            expect({
              id: record.competencyId,
              earned: record.earned,
              possible: record.possible,
              items: record.items,
            }).toEqual({
              id: record.competencyId,
              ...e,
            })
          }
        },
      ),
      { numRuns: 15 },
    )
  })
})
