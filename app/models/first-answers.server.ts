import { type SQL, sql } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import type { StoredQuizResponses } from '~/domain/assessments'

interface GradedAttempt {
  id: string
  userId: string
  lessonId: string
  lessonVersionId: string
  assessmentId: string
  graded: boolean
}

/**
 * Keeps, for item statistics, each question's first graded answer from a submitted quiz
 * attempt: the insert, taking the attempt's id from `new_attempt`, so that it is part of the
 * statement that stores the attempt (`recordAttempt`) and adds nothing unless the attempt is
 * new. That runs with the learner locked, so attempts arrive in attempt-number order and the
 * first one to ask a question keeps it. Practice adds nothing: it comes after every graded
 * attempt (docs/decisions/013). Null when there is nothing to keep.
 */
export function firstAnswersInsert(
  attempt: Omit<GradedAttempt, 'id'>,
  questions: StoredQuizResponses['questions'],
): SQL | null {
  if (!attempt.graded || questions.length === 0) return null
  const right = questions.filter((q) => q.correct).length
  const rows = questions.map((q) => ({
    question_id: q.id,
    correct: q.correct,
    selected: q.selected,
    rest: questions.length > 1 ? (right - Number(q.correct)) / (questions.length - 1) : null,
  }))
  return sql`insert into first_answers
      (user_id, lesson_id, assessment_id, question_id, lesson_version_id, attempt_id, correct, selected, rest)
    select ${attempt.userId}::uuid, ${attempt.lessonId}::uuid, ${attempt.assessmentId}, q.question_id,
      ${attempt.lessonVersionId}::uuid, new_attempt.id, q.correct, q.selected, q.rest
    from new_attempt, jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as q(question_id text, correct boolean, selected text[], rest real)
    on conflict do nothing`
}

/** The same for an attempt already stored. */
export async function recordFirstAnswers(
  db: DbOrTx,
  attempt: GradedAttempt,
  questions: StoredQuizResponses['questions'],
) {
  const insert = firstAnswersInsert(attempt, questions)
  if (insert) await db.execute(sql`with new_attempt as (select ${attempt.id}::uuid as id) ${insert}`)
}
