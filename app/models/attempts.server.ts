import crypto from 'node:crypto'
import { and, asc, eq, max, or, sql } from 'drizzle-orm'
import { attempts, courses, lessonCompletions, lessonVersions, lessons, roleplayDecisions, users } from '#db/schema'
import type { AssessmentDefinition, QuizDefinition, RolePlayDefinition } from '~/domain/assessments'
import { type QuizResponses, drawnQuiz, scoreQuiz } from '~/domain/quiz-scoring'
import { lessonRequirementsMet } from '~/domain/lesson-completion'
import { seededOrder } from '~/domain/shuffle'
import { replaySteps } from '~/domain/work-replay'
import {
  type RunState,
  bestPath,
  choose,
  endingOf,
  finishRun,
  sceneMaxima,
  sceneOf,
  startState,
} from '~/domain/role-play-engine'
import { getDb } from '~/utils/db.server'
import { warmRecordContent } from './competency-records.server'
import type { LessonAttempt, LessonProgress, RunDecision } from './lesson-progress.server'
import { competencyNames, courseOutline, versionContent } from './published-content.server'
import type { DbOrTx } from '#db/client'
import { completesLesson, recordAttempt } from './learning-record.server'
import { firstAnswersInsert } from './first-answers.server'
import { Refusal } from '~/domain/refusal'

interface PublishedLesson {
  courseId: string
  lessonId: string
  versionId: string
  assessments: AssessmentDefinition[]
}

/** The lesson a learner is working in, as published now: from the content cache, not a query per submit. */
export async function publishedLesson(db: DbOrTx, courseSlug: string, lessonSlug: string): Promise<PublishedLesson> {
  const outline = await courseOutline(courseSlug, db)
  const lesson = outline?.lessons.find((l) => l.slug === lessonSlug)
  const content = lesson ? await versionContent(lesson.versionId, db) : null
  if (!outline || !lesson || !content) throw new Refusal('No such lesson.', 404)
  return {
    courseId: outline.course.id,
    lessonId: lesson.id,
    versionId: lesson.versionId,
    assessments: content.assessments,
  }
}

/** The form names the version it was rendered from: another lesson's is malformed, an older one is stale. */
export async function checkVersion(db: DbOrTx, lesson: PublishedLesson, versionId: string) {
  if (versionId === lesson.versionId) return
  const [version] = await db
    .select({ lessonId: lessonVersions.lessonId })
    .from(lessonVersions)
    .where(eq(lessonVersions.id, versionId))
  if (!version || version.lessonId !== lesson.lessonId)
    throw new Refusal('That submission does not belong to this lesson. Reload the page and try again.')
  throw new Refusal('This lesson was updated since you opened it. Reload the page to see the current version.', 409)
}

function findAssessment<K extends 'quiz' | 'roleplay'>(lesson: PublishedLesson, kind: K, id: string) {
  const found = lesson.assessments.find((a) => a.kind === kind && a.id === id)
  if (!found) throw new Refusal(`This lesson has no ${kind === 'quiz' ? 'quiz' : 'role-play'} “${id}”.`, 404)
  return found as K extends 'quiz' ? QuizDefinition : RolePlayDefinition
}

// Submissions for one learner take turns, so the stored record always reflects all their evidence.
async function lockLearner(tx: DbOrTx, userId: string) {
  await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update')
}

/** The questions a learner's attempt asks: a pool's draw is seeded by learner, quiz and attempt number. */
export function askedQuiz(userId: string, pool: QuizDefinition, attemptNumber: number, answeredBefore?: Set<string>) {
  return drawnQuiz(pool, `${userId}/${pool.id}/${attemptNumber}`, answeredBefore)
}

/** Every question the learner has answered in these quiz attempts (stored with each submission). */
function answeredQuestions(attemptsAtQuiz: readonly { responses: { questions?: { id: string }[] } }[]) {
  return new Set(attemptsAtQuiz.flatMap((a) => (a.responses.questions ?? []).map((q) => q.id)))
}

/** Whether the learner has a submitted attempt at the assessment (a passed one, with passedOnly). */
async function hasSubmitted(
  tx: DbOrTx,
  at: { userId: string; lessonId: string; assessmentId: string; passedOnly: boolean },
) {
  const [row] = await tx
    .select({ id: attempts.id })
    .from(attempts)
    .where(
      and(
        eq(attempts.userId, at.userId),
        eq(attempts.lessonId, at.lessonId),
        eq(attempts.assessmentId, at.assessmentId),
        eq(attempts.status, 'submitted'),
        at.passedOnly ? eq(attempts.passed, true) : undefined,
      ),
    )
    .limit(1)
  return Boolean(row)
}

async function nextAttemptNumber(db: DbOrTx, userId: string, lessonId: string, assessmentId: string) {
  const [row] = await db
    .select({ n: max(attempts.attemptNumber) })
    .from(attempts)
    .where(and(eq(attempts.userId, userId), eq(attempts.lessonId, lessonId), eq(attempts.assessmentId, assessmentId)))
  return (row?.n ?? 0) + 1
}

export interface QuizSubmission {
  courseSlug: string
  lessonSlug: string
  quizId: string
  versionId: string
  attemptNumber: number
  idempotencyKey: string
  responses: QuizResponses
}

/**
 * Scores a quiz submission once. The idempotency key makes a double submit or a
 * replayed form return the attempt it already made; the attempt number makes a
 * second tab, or a form from before the last submission, lose to the unique
 * constraint instead of recording a second attempt.
 */
export async function submitQuiz(
  userId: string,
  input: QuizSubmission,
  db: DbOrTx = getDb(),
): Promise<{ attemptId: string; replayed: boolean }> {
  let lesson: PublishedLesson
  let pool: QuizDefinition
  try {
    lesson = await publishedLesson(db, input.courseSlug, input.lessonSlug)
    await checkVersion(db, lesson, input.versionId)
    pool = findAssessment(lesson, 'quiz', input.quizId)
  } catch (error) {
    // A form sent again once the lesson has changed still answers with the attempt it made.
    const replay = error instanceof Refusal ? await findByKey(db, userId, input.idempotencyKey) : null
    if (replay) return { attemptId: replay, replayed: true }
    throw error
  }

  await warmRecordContent(db)
  const outcome = await db.transaction(async (tx) => {
    await lockLearner(tx, userId)
    const work = await workAt(tx, userId, lesson, input.idempotencyKey)
    const replay = work.attempts.find((a) => a.idempotencyKey === input.idempotencyKey)
    if (replay) return { attemptId: replay.id, replayed: true }
    const atQuiz = work.attempts.filter((a) => a.lessonId === lesson.lessonId && a.assessmentId === pool.id)
    // The questions this attempt asked: the same draw the page showed for this attempt number.
    // Only a pool needs the questions answered before.
    const answered = pool.draw
      ? answeredQuestions(atQuiz.filter((a) => a.kind === 'quiz' && a.status === 'submitted'))
      : undefined
    const quiz = askedQuiz(userId, pool, input.attemptNumber, answered)
    const result = scoreQuiz(quiz, input.responses)
    if (input.attemptNumber > Math.max(0, ...atQuiz.map((a) => a.attemptNumber)) + 1)
      throw new Refusal('That submission does not match this quiz. Reload the page and try again.')
    // Once passed, the key has been shown: every later attempt is practice.
    const graded = !atQuiz.some((a) => a.status === 'submitted' && a.passed === true)
    const now = new Date()
    const attemptId = await recordAttempt(tx, userId, {
      // The unique attempt number makes a form from before the last submission, or from a second
      // tab, store nothing.
      store: tx
        .insert(attempts)
        .values({
          userId,
          courseId: lesson.courseId,
          lessonId: lesson.lessonId,
          lessonVersionId: lesson.versionId,
          assessmentId: quiz.id,
          kind: 'quiz',
          status: 'submitted',
          attemptNumber: input.attemptNumber,
          idempotencyKey: input.idempotencyKey,
          responses: { answers: input.responses, questions: result.questions, percent: result.percent },
          earned: result.earned,
          possible: result.possible,
          passed: result.passed,
          graded,
          startedAt: now,
          submittedAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: attempts.id }),
      alongside: firstAnswersInsert(
        { userId, lessonId: lesson.lessonId, lessonVersionId: lesson.versionId, assessmentId: quiz.id, graded },
        result.questions,
      ),
      evidence: result.evidence,
      source: 'quiz',
      lessonVersionId: lesson.versionId,
      assessmentId: quiz.id,
      completes: completesLesson(lesson, work, { assessmentId: quiz.id, kind: 'quiz', passed: result.passed })
        ? lesson
        : null,
    })
    return attemptId ? { attemptId, replayed: false } : null
  })
  if (outcome) return outcome
  throw new Refusal(
    'This quiz was already submitted from another tab or an earlier page. Your first submission counts; reload to see it or to retake the quiz.',
    409,
  )
}

/**
 * What the learner has done at a lesson, read under their lock, in one statement: their
 * attempts there (and the one an idempotency key already made, wherever it is), the ones
 * submitted, and whether they have completed the published version. A submission decides
 * its attempt number, whether it is graded and whether it completes the lesson from this.
 */
async function workAt(
  tx: DbOrTx,
  userId: string,
  lesson: { lessonId: string; versionId: string },
  idempotencyKey?: string,
) {
  const atLesson = eq(attempts.lessonId, lesson.lessonId)
  const rows = await tx
    .select({
      completed: sql<boolean>`exists (
        select 1 from ${lessonCompletions}
        where ${lessonCompletions.userId} = ${users.id} and ${lessonCompletions.lessonVersionId} = ${lesson.versionId})`,
      attempt: {
        id: attempts.id,
        lessonId: attempts.lessonId,
        assessmentId: attempts.assessmentId,
        kind: attempts.kind,
        status: attempts.status,
        attemptNumber: attempts.attemptNumber,
        idempotencyKey: attempts.idempotencyKey,
        passed: attempts.passed,
        responses: attempts.responses,
      },
    })
    // From the learner, so that there is a row when there is no attempt yet.
    .from(users)
    .leftJoin(
      attempts,
      and(
        eq(attempts.userId, users.id),
        idempotencyKey ? or(atLesson, eq(attempts.idempotencyKey, idempotencyKey)) : atLesson,
      ),
    )
    .where(eq(users.id, userId))
  const mine = rows.flatMap((r) => (r.attempt ? [r.attempt] : []))
  return {
    completed: rows[0]?.completed === true,
    attempts: mine,
    submitted: mine.filter((a) => a.lessonId === lesson.lessonId && a.status === 'submitted'),
  }
}

async function findByKey(db: DbOrTx, userId: string, key: string) {
  const [row] = await db
    .select({ id: attempts.id })
    .from(attempts)
    .where(and(eq(attempts.userId, userId), eq(attempts.idempotencyKey, key)))
  return row?.id ?? null
}

/**
 * A stored quiz result, for the learner who took it. Until they have passed this quiz, it
 * teaches without giving the key away: which questions were wrong, and whether each choice
 * they picked was right, with its feedback, but nothing of the choices they did not pick.
 * Once they pass, every result shows the key.
 */
export async function getQuizResult(userId: string, attemptId: string) {
  const [row] = await getDb()
    .select({
      attempt: attempts,
      assessments: lessonVersions.assessments,
      lessonTitle: lessonVersions.title,
      lessonSlug: lessons.slug,
      courseSlug: courses.slug,
    })
    .from(attempts)
    .innerJoin(lessonVersions, eq(lessonVersions.id, attempts.lessonVersionId))
    .innerJoin(lessons, eq(lessons.id, attempts.lessonId))
    .innerJoin(courses, eq(courses.id, attempts.courseId))
    .where(
      and(
        eq(attempts.id, attemptId),
        eq(attempts.userId, userId),
        eq(attempts.kind, 'quiz'),
        eq(attempts.status, 'submitted'),
      ),
    )
  if (!row) return null
  const quiz = row.assessments.find((a): a is QuizDefinition => a.kind === 'quiz' && a.id === row.attempt.assessmentId)
  if (!quiz) return null
  const stored = { questions: row.attempt.responses.questions ?? [], percent: row.attempt.responses.percent ?? 0 }
  // A passed attempt shows the key itself; otherwise it depends on whether any attempt passed.
  const keyShown =
    row.attempt.passed === true ||
    (await hasSubmitted(getDb(), {
      userId,
      lessonId: row.attempt.lessonId,
      assessmentId: quiz.id,
      passedOnly: true,
    }))
  return {
    keyShown,
    graded: row.attempt.graded,
    attemptId: row.attempt.id,
    attemptNumber: row.attempt.attemptNumber,
    submittedAt: row.attempt.submittedAt?.toISOString() ?? null,
    lesson: { title: row.lessonTitle, slug: row.lessonSlug, courseSlug: row.courseSlug },
    quiz: { id: quiz.id, title: quiz.title, passMark: quiz.passMark },
    earned: row.attempt.earned ?? 0,
    possible: row.attempt.possible ?? 0,
    percent: stored.percent,
    passed: row.attempt.passed === true,
    // The questions this attempt asked (a pool draws some of them).
    questions: quiz.questions.flatMap((q) => {
      const answer = stored.questions.find((s) => s.id === q.id)
      if (!answer) return []
      return [
        {
          id: q.id,
          stem: q.stem,
          type: q.type,
          correct: answer.correct,
          choices: q.choices.map((c) => {
            const selected = answer.selected.includes(c.id)
            return {
              id: c.id,
              label: c.label,
              // Null: not shown yet. A picked choice's feedback says whether it was right anyway;
              // a choice the learner did not pick keeps both back until the key is shown.
              correct: keyShown || selected ? c.correct : null,
              selected,
              feedback: keyShown || selected ? c.feedback : null,
            }
          }),
        },
      ]
    }),
  }
}

// ——— Role-plays ———

/** A run's state; a run stored without one (never written by this code) starts from the beginning. */
function runStateOf(rp: RolePlayDefinition, attempt: { state: RunState | null }): RunState {
  return attempt.state ?? startState(rp)
}

/** Starts a run, or resumes the one in progress on the current version. */
export async function startRolePlay(
  userId: string,
  input: { courseSlug: string; lessonSlug: string; rolePlayId: string; versionId: string; restart?: boolean },
) {
  const db = getDb()
  const lesson = await publishedLesson(db, input.courseSlug, input.lessonSlug)
  await checkVersion(db, lesson, input.versionId)
  const rp = findAssessment(lesson, 'roleplay', input.rolePlayId)
  return db.transaction(async (tx) => {
    await lockLearner(tx, userId)
    const [current] = await tx
      .select()
      .from(attempts)
      .where(
        and(
          eq(attempts.userId, userId),
          eq(attempts.lessonId, lesson.lessonId),
          eq(attempts.assessmentId, rp.id),
          eq(attempts.status, 'in_progress'),
        ),
      )
    if (current && current.lessonVersionId === lesson.versionId && !input.restart) return current.id
    if (current)
      await tx
        .update(attempts)
        .set({ status: 'abandoned' })
        .where(and(eq(attempts.id, current.id), eq(attempts.status, 'in_progress')))
    const [created] = await tx
      .insert(attempts)
      .values({
        userId,
        courseId: lesson.courseId,
        lessonId: lesson.lessonId,
        lessonVersionId: lesson.versionId,
        assessmentId: rp.id,
        kind: 'roleplay',
        status: 'in_progress',
        attemptNumber: await nextAttemptNumber(tx, userId, lesson.lessonId, rp.id),
        state: startState(rp),
      })
      .returning({ id: attempts.id })
    if (!created) throw new Error('attempt insert returned nothing')
    return created.id
  })
}

async function rolePlayOf(db: DbOrTx, attempt: { lessonVersionId: string; assessmentId: string }) {
  const rp = (await versionContent(attempt.lessonVersionId, db))?.assessments.find(
    (a): a is RolePlayDefinition => a.kind === 'roleplay' && a.id === attempt.assessmentId,
  )
  if (!rp) throw new Error(`Role-play ${attempt.assessmentId} missing from its version`)
  return rp
}

/**
 * Records one choice. The attempt row is locked, the choice checked against the
 * run's current scene and step, and the decision's primary key (attempt, step)
 * makes a replayed choice impossible to record twice.
 */
export async function chooseRolePlayOption(
  userId: string,
  input: { courseSlug: string; lessonSlug: string; attemptId: string; sceneId: string; optionId: string; step: number },
) {
  const db = getDb()
  const lesson = await publishedLesson(db, input.courseSlug, input.lessonSlug)
  await warmRecordContent(db)
  return db.transaction(async (tx) => {
    await lockLearner(tx, userId)
    const [attempt] = await tx
      .select()
      .from(attempts)
      .where(
        and(
          eq(attempts.id, input.attemptId),
          eq(attempts.userId, userId),
          eq(attempts.lessonId, lesson.lessonId),
          eq(attempts.kind, 'roleplay'),
        ),
      )
      .for('update')
    if (!attempt) throw new Refusal('No such scenario run. Reload the page.', 404)
    if (attempt.status !== 'in_progress')
      throw new Refusal('This run has already ended. Start the scenario again to replay it.', 409)
    const rp = await rolePlayOf(tx, attempt)
    const { decision, state } = choose(rp, runStateOf(rp, attempt), input)
    await tx.insert(roleplayDecisions).values({
      attemptId: attempt.id,
      step: decision.step,
      sceneId: decision.sceneId,
      optionId: decision.optionId,
      points: decision.points,
      moodBefore: decision.moodBefore,
      moodAfter: decision.moodAfter,
    })
    const ended = decision.next.kind === 'ending'
    if (!ended) {
      await tx.update(attempts).set({ state }).where(eq(attempts.id, attempt.id))
      return { attemptId: attempt.id, ended: false }
    }
    const decisions = await tx
      .select({ sceneId: roleplayDecisions.sceneId, points: roleplayDecisions.points })
      .from(roleplayDecisions)
      .where(eq(roleplayDecisions.attemptId, attempt.id))
      .orderBy(asc(roleplayDecisions.step))
    const outcome = finishRun(rp, decisions)
    const work = await workAt(tx, userId, lesson)
    // The first run to reach an ending is graded; playing it again is practice.
    const graded = !work.submitted.some((a) => a.assessmentId === rp.id)
    const recorded = await recordAttempt(tx, userId, {
      store: tx
        .update(attempts)
        .set({
          status: 'submitted',
          state,
          earned: outcome.earned,
          possible: outcome.possible,
          passed: true,
          graded,
          submittedAt: new Date(),
        })
        .where(and(eq(attempts.id, attempt.id), eq(attempts.status, 'in_progress')))
        .returning({ id: attempts.id }),
      evidence: outcome.evidence,
      source: 'roleplay',
      lessonVersionId: attempt.lessonVersionId,
      assessmentId: rp.id,
      completes: completesLesson(lesson, work, { assessmentId: rp.id, kind: 'roleplay', passed: true }) ? lesson : null,
    })
    if (!recorded) throw new Refusal('This run has already ended.', 409)
    return { attemptId: attempt.id, ended: true }
  })
}

export interface RunView {
  attemptId: string
  /** False for a run played again after the first ending: practice, not counted. */
  graded: boolean
  status: 'in_progress' | 'submitted' | 'abandoned'
  mood: number
  step: number
  scene: { id: string; customer: string; options: { id: string; label: string }[] } | null
  history: {
    step: number
    customer: string
    reply: string
    feedback: string
    moodBefore: number
    moodAfter: number
    points: Record<string, number>
    expert: string | null
  }[]
  ending: { id: string; title: string; outcome: string; text: string } | null
  summary: {
    earned: Record<string, number>
    best: Record<string, number>
    /** The names of the competencies scored, for people to read. */
    names: Record<string, string>
    moodCurve: number[]
  } | null
}

/** What the learner sees of a run: the current scene's public view, and feedback only for choices already made. */
function viewOfRun(
  attempt: LessonAttempt,
  rp: RolePlayDefinition,
  decisions: readonly RunDecision[],
  competencyNames: ReadonlyMap<string, string>,
): RunView {
  const state = runStateOf(rp, attempt)
  const scene = attempt.status === 'in_progress' ? sceneOf(rp, state.sceneId) : undefined
  const ended = attempt.status === 'submitted'
  const replayed = replaySteps(rp, decisions)
  const history = decisions.map((d, i) => ({
    ...replayed[i]!,
    points: d.points,
    expert: ended ? (sceneOf(rp, d.sceneId)?.expert ?? null) : null,
  }))
  const ending = ended ? endingOf(rp, state.endingId) : undefined
  let summary: RunView['summary'] = null
  if (ended) {
    const earned: Record<string, number> = {}
    const best: Record<string, number> = {}
    for (const d of decisions) for (const [c, p] of Object.entries(d.points)) earned[c] = (earned[c] ?? 0) + p
    for (const [c, p] of Object.entries(bestPath(rp).perCompetency)) best[c] = p
    for (const s of rp.scenes) for (const c of Object.keys(sceneMaxima(s))) earned[c] ??= 0
    const scored = [...new Set([...Object.keys(earned), ...Object.keys(best)])]
    summary = {
      earned,
      best,
      names: Object.fromEntries(
        scored.flatMap((id) => {
          const name = competencyNames.get(id)
          return name ? [[id, name]] : []
        }),
      ),
      moodCurve: [decisions[0]?.moodBefore ?? rp.mood, ...decisions.map((d) => d.moodAfter)],
    }
  }
  return {
    attemptId: attempt.id,
    graded: attempt.graded,
    status: attempt.status,
    mood: state.mood,
    step: state.step,
    scene: scene
      ? {
          id: scene.id,
          customer: scene.customer,
          // Shuffled per run, so the best reply is not always where the author wrote it.
          options: seededOrder(scene.options, `${attempt.id}/${scene.id}`, (o) => o.pinned === true).map((o) => ({
            id: o.id,
            label: o.label,
          })),
        }
      : null,
    history,
    ending: ending ? { id: ending.id, title: ending.title, outcome: ending.outcome, text: ending.text } : null,
    summary,
  }
}

/** Per lesson: what each quiz and role-play looks like for this learner right now, from their progress on it. */
export async function lessonAssessmentState(
  userId: string,
  assessments: AssessmentDefinition[],
  progress: Pick<LessonProgress, 'attempts' | 'decisions'>,
) {
  const mine = progress.attempts
  const quizzes = assessments
    .filter((a): a is QuizDefinition => a.kind === 'quiz')
    .map((q) => {
      const forQuiz = mine.filter((a) => a.assessmentId === q.id && a.kind === 'quiz')
      const latest = forQuiz[0]
      const nextAttemptNumber = (latest?.attemptNumber ?? 0) + 1
      const asked = askedQuiz(userId, q, nextAttemptNumber, answeredQuestions(forQuiz))
      return {
        id: q.id,
        nextAttemptNumber,
        // The questions the next attempt asks (a pool's draw), in the order written.
        questionIds: asked.questions.map((question) => question.id),
        // The order each question's choices are shown in, for this learner and this attempt.
        choiceOrder: Object.fromEntries(
          asked.questions.map((question) => [
            question.id,
            seededOrder(
              question.choices,
              `${userId}/${q.id}/${nextAttemptNumber}/${question.id}`,
              (c) => c.pinned === true,
            ).map((c) => c.id),
          ]),
        ),
        // A fresh key per page view: submitting this form twice is one attempt.
        idempotencyKey: crypto.randomUUID(),
        attempts: forQuiz.length,
        passedEver: forQuiz.some((a) => a.passed === true),
        latest: latest
          ? { attemptId: latest.id, percent: latest.responses.percent ?? 0, passed: latest.passed === true }
          : null,
      }
    })
  const runs = assessments
    .filter((a): a is RolePlayDefinition => a.kind === 'roleplay')
    .map((rp) => {
      const forRp = mine.filter((a) => a.assessmentId === rp.id && a.kind === 'roleplay' && a.status !== 'abandoned')
      return { rp, forRp, current: forRp[0] }
    })
  const names = runs.some((r) => r.current) ? await competencyNames() : new Map<string, string>()
  const rolePlays = await Promise.all(
    runs.map(async ({ rp, forRp, current }) => ({
      id: rp.id,
      finishedEver: forRp.some((a) => a.status === 'submitted'),
      run: current
        ? viewOfRun(
            current,
            // A run started on an earlier version plays on with that version's scenes.
            await rolePlayOf(getDb(), current),
            progress.decisions.filter((d) => d.attemptId === current.id),
            names,
          )
        : null,
    })),
  )
  const done = mine.filter((a) => a.status === 'submitted')
  return { quizzes, rolePlays, requirementsMet: lessonRequirementsMet(assessments, done) }
}
