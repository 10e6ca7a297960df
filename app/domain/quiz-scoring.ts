import type { QuizDefinition } from '~/domain/assessments'
import { seededOrder } from './shuffle'
import { Refusal } from '~/domain/refusal'

export type QuizResponses = Record<string, string[]>

export interface EvidenceItem {
  itemId: string
  competencyId: string
  points: number
  maxPoints: number
}

export interface QuestionResult {
  id: string
  selected: string[]
  correct: boolean
  earned: number
  possible: number
}

export interface QuizResult {
  questions: QuestionResult[]
  earned: number
  possible: number
  percent: number
  passed: boolean
  evidence: EvidenceItem[]
}

/**
 * Checks a submission against the quiz before anything is scored: every question
 * answered, every choice one of that question's, one choice for single-answer
 * questions. Throws a Refusal with a sentence the learner can act on.
 */
export function validateResponses(quiz: QuizDefinition, responses: QuizResponses) {
  const questionIds = new Set(quiz.questions.map((q) => q.id))
  for (const id of Object.keys(responses))
    if (!questionIds.has(id))
      throw new Refusal(`The answer to “${id}” does not belong to this quiz. Reload the page and try again.`)
  quiz.questions.forEach((q, i) => {
    const selected = responses[q.id] ?? []
    if (selected.length === 0) throw new Refusal(`Answer question ${i + 1} before submitting.`)
    if (q.type === 'single' && selected.length > 1) throw new Refusal(`Question ${i + 1} takes one answer.`)
    if (new Set(selected).size !== selected.length) throw new Refusal(`Question ${i + 1} lists a choice twice.`)
    const choiceIds = new Set(q.choices.map((c) => c.id))
    for (const choice of selected)
      if (!choiceIds.has(choice))
        throw new Refusal(`Question ${i + 1} has no choice “${choice}”. Reload the page and try again.`)
  })
}

/**
 * A question scores its points only when the learner picks exactly the correct
 * choices; each of its competencies gets that evidence.
 */
export function scoreQuiz(quiz: QuizDefinition, responses: QuizResponses): QuizResult {
  validateResponses(quiz, responses)
  const questions = quiz.questions.map((q) => {
    const selected = [...(responses[q.id] ?? [])].sort()
    const correctIds = q.choices
      .filter((c) => c.correct)
      .map((c) => c.id)
      .sort()
    const correct = selected.length === correctIds.length && selected.every((id, i) => id === correctIds[i])
    return { id: q.id, selected, correct, earned: correct ? q.points : 0, possible: q.points }
  })
  const earned = questions.reduce((sum, q) => sum + q.earned, 0)
  const possible = questions.reduce((sum, q) => sum + q.possible, 0)
  const percent = possible === 0 ? 0 : Math.round((earned / possible) * 1000) / 10
  const evidence = quiz.questions.flatMap((q, i) =>
    q.competencies.map((competencyId) => ({
      itemId: q.id,
      competencyId,
      points: questions[i]?.earned ?? 0,
      maxPoints: q.points,
    })),
  )
  return { questions, earned, possible, percent, passed: percent >= quiz.passMark, evidence }
}

/**
 * The questions one attempt asks. A quiz with a pool (`draw`) asks `draw` of them, chosen by
 * the seed (learner, quiz, attempt), preferring questions the learner has not answered yet,
 * so a retake is new where the pool allows. Without a pool, every question.
 */
export function drawnQuiz(
  quiz: QuizDefinition,
  seed: string,
  answeredBefore: ReadonlySet<string> = new Set(),
): QuizDefinition {
  if (!quiz.draw || quiz.draw >= quiz.questions.length) return quiz
  const shuffled = seededOrder(quiz.questions, seed)
  const preferred = [
    ...shuffled.filter((q) => !answeredBefore.has(q.id)),
    ...shuffled.filter((q) => answeredBefore.has(q.id)),
  ]
  const chosen = new Set(preferred.slice(0, quiz.draw).map((q) => q.id))
  return { ...quiz, questions: quiz.questions.filter((q) => chosen.has(q.id)) }
}
