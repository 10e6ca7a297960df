import { type SQL, type SQLWrapper, and, eq, inArray, sql } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { attempts, competencyRecords, evidence, lessonCompletions } from '#db/schema'
import type { AssessmentDefinition } from '~/domain/assessments'
import { type CompetencyRecord, computeRecords } from '~/domain/competency-record'
import type { EvidenceItem } from '~/domain/quiz-scoring'
import { type SubmittedWork, lessonRequirementsMet } from '~/domain/lesson-completion'
import { rowsOf } from '~/utils/db.server'
import { refreshAssignmentCompletion } from './assignments.server'
import { type Touched, recordInputs, touchedRecordInputs } from './competency-records.server'

// What follows from a scored item lives here and only here: evidence is written, the
// competencies it touches are recomputed, and a lesson whose work is done is completed,
// all in the caller's transaction. The stored record is therefore always f(evidence).

export interface NewEvidence {
  competencyId: string
  points: number
  maxPoints: number
  source: 'quiz' | 'roleplay' | 'manager'
  /** Null for evidence that stands alone, such as a manager's rating. */
  attemptId: string | null
  lessonVersionId: string
  itemId: string
}

/**
 * Adds evidence to a learner's record (and withdraws the rows in `withdraw`, which a new
 * rating replaces), then recomputes every competency that changed.
 */
export async function recordEvidence(
  tx: DbOrTx,
  userId: string,
  items: readonly NewEvidence[],
  options: { withdraw?: readonly string[] } = {},
) {
  const withdrawn = options.withdraw?.length
    ? await tx
        .delete(evidence)
        .where(and(eq(evidence.userId, userId), inArray(evidence.id, [...options.withdraw])))
        .returning({ competencyId: evidence.competencyId })
    : []
  const inserted = items.length
    ? await tx
        .insert(evidence)
        .values(items.map((item) => ({ userId, ...item })))
        .returning({ id: evidence.id, competencyId: evidence.competencyId })
    : []
  await refreshTouchedRecords(tx, userId, {
    competencyIds: [...new Set([...withdrawn, ...inserted].map((r) => r.competencyId))],
    attemptIds: [...new Set(items.flatMap((i) => (i.attemptId ? [i.attemptId] : [])))],
  })
  return inserted.map((r) => r.id)
}

/** A scored attempt to store: the statement that stores it and what follows from it. */
export interface ScoredAttempt {
  /**
   * An insert or update of the attempt that returns its id only when the attempt is new (an
   * insert that met a conflict, a run that had already ended, returns nothing).
   */
  store: SQLWrapper
  /** A statement adding what else the attempt records, taking its id from `new_attempt` (first answers). */
  alongside?: SQL | null
  evidence: readonly EvidenceItem[]
  source: 'quiz' | 'roleplay'
  lessonVersionId: string
  assessmentId: string
  /** The lesson this attempt completes, when it does (`completesLesson`). */
  completes: { lessonId: string; versionId: string } | null
}

/**
 * Stores a scored attempt, its evidence and the completion it brings in one statement, each
 * part only if the attempt is new; then recomputes the competencies the evidence touches and,
 * if the lesson was completed, the assignments that completes. Under the learner's lock, like
 * every writer of evidence. Returns the attempt's id, or null when it was not new.
 */
export async function recordAttempt(tx: DbOrTx, userId: string, attempt: ScoredAttempt) {
  const parts = [
    sql`new_attempt as (${attempt.store.getSQL()})`,
    attempt.alongside ? sql`new_alongside as (${attempt.alongside})` : null,
    attempt.evidence.length
      ? sql`new_evidence as (
          insert into evidence (user_id, competency_id, points, max_points, source, attempt_id, lesson_version_id, item_id)
          select ${userId}::uuid, e.competency_id, e.points, e.max_points, ${attempt.source}::evidence_source,
            new_attempt.id, ${attempt.lessonVersionId}::uuid, e.item_id
          from new_attempt, jsonb_to_recordset(${JSON.stringify(
            attempt.evidence.map((e) => ({
              competency_id: e.competencyId,
              points: e.points,
              max_points: e.maxPoints,
              item_id: `${attempt.assessmentId}/${e.itemId}`,
            })),
          )}::jsonb) as e(competency_id text, points integer, max_points integer, item_id text))`
      : null,
    attempt.completes
      ? sql`new_completion as (
          insert into lesson_completions (user_id, lesson_id, lesson_version_id)
          select ${userId}::uuid, ${attempt.completes.lessonId}::uuid, ${attempt.completes.versionId}::uuid
          from new_attempt
          on conflict do nothing returning 1)`
      : null,
  ].flatMap((part) => (part ? [part] : []))
  const [stored] = rowsOf<{ id: string; completed: boolean }>(
    await tx.execute(sql`with ${sql.join(parts, sql`, `)}
      select id, ${attempt.completes ? sql`exists (select 1 from new_completion)` : sql`false`} as completed
      from new_attempt`),
  )
  if (!stored) return null
  await refreshTouchedRecords(tx, userId, {
    competencyIds: [...new Set(attempt.evidence.map((e) => e.competencyId))],
    attemptIds: [stored.id],
  })
  if (stored.completed) await refreshAssignmentCompletion(tx, [userId])
  return stored.id
}

/**
 * Whether new work completes the lesson: not completed in this version yet, and with it every
 * quiz passed and every role-play finished.
 */
export function completesLesson(
  lesson: { assessments: readonly AssessmentDefinition[] },
  before: { completed: boolean; submitted: readonly SubmittedWork[] },
  work: SubmittedWork,
) {
  return !before.completed && lessonRequirementsMet(lesson.assessments, [...before.submitted, work])
}

/** Recomputes the competencies new or withdrawn evidence touched (`touchedRecordInputs`): one read, one upsert. */
async function refreshTouchedRecords(tx: DbOrTx, userId: string, touched: Touched) {
  if (touched.competencyIds.length === 0 && touched.attemptIds.length === 0) return
  const inputs = await touchedRecordInputs(tx, userId, touched)
  await storeRecords(
    tx,
    userId,
    computeRecords(inputs.competencyIds, inputs.attempts, inputs.evidence, inputs.framework),
  )
}

/**
 * Recomputes and stores the learner's record for the given competencies (all, when omitted)
 * from their whole history, in one statement.
 */
export async function refreshCompetencyRecords(tx: DbOrTx, userId: string, competencyIds?: readonly string[]) {
  const inputs = await recordInputs(tx, userId)
  const ids = competencyIds ? inputs.competencyIds.filter((id) => competencyIds.includes(id)) : inputs.competencyIds
  const records = computeRecords(ids, inputs.attempts, inputs.evidence, inputs.framework)
  await storeRecords(tx, userId, records)
  return records
}

async function storeRecords(tx: DbOrTx, userId: string, records: readonly CompetencyRecord[]) {
  if (records.length === 0) return
  const updatedAt = new Date()
  await tx
    .insert(competencyRecords)
    .values(
      records.map(({ competencyId, earned, possible, items, score, level }) => ({
        userId,
        competencyId,
        earned,
        possible,
        items,
        score,
        level,
        updatedAt,
      })),
    )
    .onConflictDoUpdate({
      target: [competencyRecords.userId, competencyRecords.competencyId],
      set: {
        earned: sql`excluded.earned`,
        possible: sql`excluded.possible`,
        items: sql`excluded.items`,
        score: sql`excluded.score`,
        level: sql`excluded.level`,
        updatedAt: sql`excluded.updated_at`,
      },
    })
}

/**
 * Completes the lesson for the learner if its work is done (every quiz passed, every
 * role-play finished), and marks the assignments that this completes. Says whether it is.
 */
export async function completeLesson(
  tx: DbOrTx,
  userId: string,
  lesson: { lessonId: string; versionId: string; assessments: readonly AssessmentDefinition[] },
) {
  const done = await tx
    .select({ assessmentId: attempts.assessmentId, kind: attempts.kind, passed: attempts.passed })
    .from(attempts)
    .where(and(eq(attempts.userId, userId), eq(attempts.lessonId, lesson.lessonId), eq(attempts.status, 'submitted')))
  if (!lessonRequirementsMet(lesson.assessments, done)) return false
  const inserted = await tx
    .insert(lessonCompletions)
    .values({ userId, lessonId: lesson.lessonId, lessonVersionId: lesson.versionId })
    .onConflictDoNothing()
    .returning({ userId: lessonCompletions.userId })
  // Already completed in this version: the assignments were marked then.
  if (inserted.length > 0) await refreshAssignmentCompletion(tx, [userId])
  return true
}
