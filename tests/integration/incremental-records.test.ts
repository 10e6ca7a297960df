import fs from 'node:fs'
import path from 'node:path'
import { and, eq } from 'drizzle-orm'
import fc from 'fast-check'
import { attempts, courses, reflections, users } from '#db/schema'
import { seedDemoOrganisation } from '#db/seed'
import { syncContent } from '~/content/sync.server'
import { computeRecords } from '~/domain/competency-record'
import { chooseRolePlayOption, startRolePlay, submitQuiz } from '~/models/attempts.server'
import { reviewReflection } from '~/models/coaching.server'
import { recordInputs, storedRecords } from '~/models/competency-records.server'
import { saveReflection } from '~/models/reflections.server'
import type { SessionUser } from '~/utils/require-user.server'
import { copyContent } from '../support/content'
import { useTestDatabase } from '../support/database'
import { lessonClient } from '../support/lesson-actions'
import { freshLearner } from '../support/requests'

// A submission recomputes only the competencies its evidence touches, from only the attempts
// and evidence that bear on them (touchedRecordInputs). This holds that shortcut to the rule:
// after any series of work, every stored record is what computeRecords gives over the
// learner's whole history. The "mixed" pool asks one of two questions per attempt, each for
// another competency, so a retake can stop an attempt with other competencies from counting.

const database = useTestDatabase()
const db = () => database.handle.db
const content = copyContent()
afterAll(() => content.remove())

const MIXED = `---
title: Mixed
summary: One of two questions per attempt, each for another competency.
minutes: 5
objectives:
  - Keep promises and listen
competencies: [ownership, attentiveness]
principles: [precise-commitments, listen-and-acknowledge]
---

## Practise

<Quiz id="mixed-quiz" passMark={100} draw={1}>
  <Question id="own" type="single" competencies={["ownership"]} principles={["precise-commitments"]}>
    When do you call back?

    <Choice id="own-right" correct feedback="A time sets the expectation.">By three today.</Choice>
    <Choice id="own-wrong" feedback="Soon means something different to everyone.">Quite soon.</Choice>
  </Question>
  <Question id="hear" type="single" competencies={["attentiveness"]} principles={["listen-and-acknowledge"]}>
    The caller is upset. What comes first?

    <Choice id="hear-wrong" feedback="Policy first sounds like a wall.">The policy.</Choice>
    <Choice id="hear-right" correct feedback="Naming the feeling lowers the temperature.">Their feeling.</Choice>
  </Question>
</Quiz>
`

let admin: SessionUser
beforeAll(async () => {
  fs.writeFileSync(content.lessonPath('demo-course', 'mixed'), MIXED)
  const courseFile = path.join(content.dir, 'courses/demo-course/course.yml')
  fs.writeFileSync(courseFile, fs.readFileSync(courseFile, 'utf8').replace('[listening]', '[listening, mixed]'))
  await seedDemoOrganisation(db())
  const report = await syncContent(db(), content.dir)
  expect(report.failed).toEqual([])
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

const step = fc.oneof(
  // The pool: the drawn question answered right or wrong (right passes, and then it is practice).
  fc.record({ kind: fc.constant('mixed' as const), right: fc.boolean() }),
  fc.record({
    kind: fc.constant('promises' as const),
    when: fc.constantFrom('time', 'soon'),
    slip: fc.subarray(['warn', 'new-time', 'hide'], { minLength: 1 }),
  }),
  // The role-play scores attentiveness and ownership.
  fc.record({
    kind: fc.constant('roleplay' as const),
    picks: fc.array(fc.nat({ max: 1 }), { minLength: 3, maxLength: 3 }),
  }),
  // A manager's rating, a new one replacing it, or the rating removed (null).
  fc.record({ kind: fc.constant('rating' as const), level: fc.constantFrom('developing', 'exemplary', null) }),
)
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never

async function play(learner: { id: string; cookie: string }, s: Step) {
  if (s.kind === 'mixed' || s.kind === 'promises') {
    const lesson = s.kind === 'mixed' ? 'mixed' : 'promises'
    const page = await lessonClient('demo-course', lesson).open(learner.cookie)
    const quiz = page.assessments.quizzes[0]!
    const responses =
      s.kind === 'mixed'
        ? Object.fromEntries(quiz.questionIds.map((q) => [q, [`${q}-${s.right ? 'right' : 'wrong'}`]]))
        : { when: [s.when], slip: s.slip }
    await submitQuiz(learner.id, {
      courseSlug: 'demo-course',
      lessonSlug: lesson,
      quizId: quiz.id,
      versionId: page.lesson.versionId,
      attemptNumber: quiz.nextAttemptNumber,
      idempotencyKey: crypto.randomUUID(),
      responses,
    })
  } else if (s.kind === 'rating') {
    const welcome = await lessonClient('demo-course', 'welcome').open(learner.cookie)
    const [mine] = await db()
      .select()
      .from(reflections)
      .where(and(eq(reflections.userId, learner.id), eq(reflections.reflectionId, 'why-here')))
    if (!mine)
      await saveReflection(learner.id, {
        courseSlug: 'demo-course',
        lessonSlug: 'welcome',
        reflectionId: 'why-here',
        versionId: welcome.lesson.versionId,
        body: 'I like helping people.',
        submit: true,
      })
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

/** The stored records, and what computeRecords gives over the learner's whole history, per competency. */
async function storedAndComputed(userId: string) {
  const inputs = await recordInputs(db(), userId)
  const computed = computeRecords(inputs.competencyIds, inputs.attempts, inputs.evidence, inputs.framework)
  const stored = await storedRecords(db(), userId)
  const view = (r: {
    competencyId: string
    earned: number
    possible: number
    items: number
    score: number | null
    level: string
  }) => ({
    competencyId: r.competencyId,
    earned: r.earned,
    possible: r.possible,
    items: r.items,
    score: r.score === null ? null : Math.fround(r.score),
    level: r.level,
  })
  return {
    // A competency never touched has no stored record; computed, it is empty.
    stored: computed.map((c) => view(stored.find((s) => s.competencyId === c.competencyId) ?? { ...c, score: null })),
    computed: computed.map(view),
  }
}

describe('a record recomputed only where new evidence touches it', () => {
  it('is what a recomputation over the whole history gives, after any series of work', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 8 }),
        fc.constantFrom('latest', 'best'),
        async (steps, policy) => {
          await db().update(courses).set({ retakePolicy: policy }).where(eq(courses.slug, 'demo-course'))
          const learner = await freshLearner('incremental')
          for (const s of steps) {
            await play(learner, s)
            const { stored, computed } = await storedAndComputed(learner.id)
            expect(stored).toEqual(computed)
          }
        },
      ),
      { numRuns: 12 },
    )
  })

  it('keeps an attempt displaced by a retake that drew the other question out of the count', async () => {
    await db().update(courses).set({ retakePolicy: 'latest' }).where(eq(courses.slug, 'demo-course'))
    const learner = await freshLearner('incremental')
    await play(learner, { kind: 'mixed', right: false })
    await play(learner, { kind: 'mixed', right: false })
    const drawn = (
      await db().select().from(attempts).where(eq(attempts.userId, learner.id)).orderBy(attempts.attemptNumber)
    ).map((a) => a.responses.questions?.[0]?.id)
    // The draw prefers a question not answered yet: the two attempts asked one each.
    expect(new Set(drawn)).toEqual(new Set(['own', 'hear']))
    // Now evidence for the first attempt's competency alone: recomputing it must still see the
    // retake, which has no evidence for it, and count only that.
    await play(
      learner,
      drawn[0] === 'own' ? { kind: 'rating', level: 'exemplary' } : { kind: 'roleplay', picks: [1, 1, 1] }, // policy, then argue: attentiveness only
    )
    const { stored, computed } = await storedAndComputed(learner.id)
    expect(stored).toEqual(computed)
    const first = stored.find((r) => r.competencyId === (drawn[0] === 'own' ? 'ownership' : 'attentiveness'))
    expect(first?.items).toBe(drawn[0] === 'own' ? 1 : 2)
  })
})
