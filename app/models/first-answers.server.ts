import { firstAnswers } from '#db/schema'
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
 * attempt. Called in the attempt's transaction, with the learner locked, so attempts arrive in
 * attempt-number order and the first one to ask a question keeps it. Practice adds nothing: it
 * comes after every graded attempt (docs/decisions/013).
 */
export async function recordFirstAnswers(
  db: DbOrTx,
  attempt: GradedAttempt,
  questions: StoredQuizResponses['questions'],
) {
  if (!attempt.graded || questions.length === 0) return
  const right = questions.filter((q) => q.correct).length
  await db
    .insert(firstAnswers)
    .values(
      questions.map((q) => ({
        userId: attempt.userId,
        lessonId: attempt.lessonId,
        assessmentId: attempt.assessmentId,
        questionId: q.id,
        lessonVersionId: attempt.lessonVersionId,
        attemptId: attempt.id,
        correct: q.correct,
        selected: q.selected,
        rest: questions.length > 1 ? (right - Number(q.correct)) / (questions.length - 1) : null,
      })),
    )
    .onConflictDoNothing()
}
