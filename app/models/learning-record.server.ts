import { and, eq, inArray, sql } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { attempts, competencyRecords, evidence, lessonCompletions } from '#db/schema'
import type { AssessmentDefinition } from '~/domain/assessments'
import { computeRecords } from '~/domain/competency-record'
import type { EvidenceItem } from '~/domain/quiz-scoring'
import { lessonRequirementsMet } from '~/domain/lesson-completion'
import { refreshAssignmentCompletion } from './assignments.server'
import { recordInputs } from './competency-records.server'

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

/** The evidence of one attempt's scored items, each named after its assessment ("quiz-id/question-id"). */
export function attemptEvidence(
  items: readonly EvidenceItem[],
  attempt: { source: 'quiz' | 'roleplay'; attemptId: string; lessonVersionId: string; assessmentId: string },
): NewEvidence[] {
  return items.map((e) => ({
    competencyId: e.competencyId,
    points: e.points,
    maxPoints: e.maxPoints,
    source: attempt.source,
    attemptId: attempt.attemptId,
    lessonVersionId: attempt.lessonVersionId,
    itemId: `${attempt.assessmentId}/${e.itemId}`,
  }))
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
  const attemptIds = [...new Set(items.flatMap((i) => (i.attemptId ? [i.attemptId] : [])))]
  const touched = new Set([...withdrawn, ...inserted].map((r) => r.competencyId))
  // A new attempt can stop an earlier attempt at the same assessment from counting.
  for (const id of await competenciesOfSiblingAttempts(tx, userId, attemptIds)) touched.add(id)
  await refreshCompetencyRecords(tx, userId, [...touched])
  return inserted.map((r) => r.id)
}

async function competenciesOfSiblingAttempts(tx: DbOrTx, userId: string, attemptIds: string[]) {
  if (attemptIds.length === 0) return []
  const rows = await tx
    .selectDistinct({ competencyId: evidence.competencyId })
    .from(evidence)
    .innerJoin(attempts, eq(attempts.id, evidence.attemptId))
    .where(
      and(
        eq(evidence.userId, userId),
        sql`(${attempts.lessonId}, ${attempts.assessmentId}) in (
          select a.lesson_id, a.assessment_id from attempts a where a.id in ${attemptIds})`,
      ),
    )
  return rows.map((r) => r.competencyId)
}

/**
 * Recomputes and stores the learner's record for the given competencies (all, when omitted)
 * from evidence, in one statement.
 */
export async function refreshCompetencyRecords(tx: DbOrTx, userId: string, competencyIds?: readonly string[]) {
  const inputs = await recordInputs(tx, userId)
  const ids = competencyIds ? inputs.competencyIds.filter((id) => competencyIds.includes(id)) : inputs.competencyIds
  const records = computeRecords(ids, inputs.attempts, inputs.evidence, inputs.framework)
  if (records.length === 0) return records
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
  return records
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
  await tx
    .insert(lessonCompletions)
    .values({ userId, lessonId: lesson.lessonId, lessonVersionId: lesson.versionId })
    .onConflictDoNothing()
  await refreshAssignmentCompletion(tx, [userId])
  return true
}
