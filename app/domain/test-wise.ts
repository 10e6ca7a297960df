import type {
  AssessmentDefinition,
  EndingDefinition,
  OptionDefinition,
  QuestionDefinition,
  QuizDefinition,
  RolePlayDefinition,
} from '~/domain/assessments'
import { scoreQuiz } from './quiz-scoring'
import { bestPath, choose, endingOf, pointsTotal, sceneOf, startState } from './role-play-engine'

/**
 * How a learner who never reads picks, in the order the author wrote: learners see a
 * shuffled order, but content that a blind rule passes in its written order still
 * carries the clue (length survives any shuffle), so content is judged unshuffled.
 */
export const BLIND_STRATEGIES = ['longest', 'first', 'last'] as const
export type BlindStrategy = (typeof BLIND_STRATEGIES)[number]

/** A single-choice question takes one pick; a multiple-choice one the two a test-wise learner would tick. */
function blindPick<T extends { id: string; label: string }>(
  items: readonly T[],
  strategy: BlindStrategy,
  count: number,
) {
  const indexed = items.map((item, index) => ({ item, index }))
  const ranked =
    strategy === 'longest'
      ? [...indexed].sort((a, b) => b.item.label.length - a.item.label.length || a.index - b.index)
      : strategy === 'first'
        ? indexed
        : [...indexed].reverse()
  return ranked.slice(0, Math.min(count, items.length)).map((r) => r.item)
}

export function blindAnswer(question: QuestionDefinition, strategy: BlindStrategy): string[] {
  return blindPick(question.choices, strategy, question.type === 'single' ? 1 : 2).map((c) => c.id)
}

function combinations<T>(items: readonly T[], size: number): T[][] {
  if (size === 0) return [[]]
  if (items.length < size) return []
  const [head, ...rest] = items as [T, ...T[]]
  return [...combinations(rest, size - 1).map((c) => [head, ...c]), ...combinations(rest, size)]
}

/**
 * The chance that a blind strategy passes the quiz: over every set of questions an
 * attempt can draw (all of them when the quiz has no pool), equally likely.
 */
export function blindQuizPassChance(quiz: QuizDefinition, strategy: BlindStrategy): number {
  const answers = Object.fromEntries(quiz.questions.map((q) => [q.id, blindAnswer(q, strategy)]))
  const draws = combinations(quiz.questions, quiz.draw ?? quiz.questions.length)
  const passing = draws.filter(
    (questions) =>
      scoreQuiz({ ...quiz, questions }, Object.fromEntries(questions.map((q) => [q.id, answers[q.id] ?? []]))).passed,
  )
  return draws.length === 0 ? 0 : passing.length / draws.length
}

/** Where a run ends when every reply is picked by the strategy. */
export function blindRolePlayEnding(rp: RolePlayDefinition, strategy: BlindStrategy): EndingDefinition | undefined {
  let state = startState(rp)
  while (!state.endingId) {
    const scene = sceneOf(rp, state.sceneId)
    const [option] = scene ? blindPick(scene.options, strategy, 1) : []
    if (!scene || !option) return undefined
    state = choose(rp, state, { sceneId: scene.id, optionId: option.id, step: state.step }).state
  }
  return endingOf(rp, state.endingId)
}

/** The run that scores the most points: the replies on it and where it ends. Scores should agree with endings. */
export function bestRun(rp: RolePlayDefinition) {
  const path = bestPath(rp)
  let state = startState(rp)
  const replies: OptionDefinition[] = []
  for (const step of path.steps) {
    const option = sceneOf(rp, step.sceneId)?.options.find((o) => o.id === step.optionId)
    if (option) replies.push(option)
    state = choose(rp, state, { ...step, step: state.step }).state
  }
  return { total: path.total, replies, ending: endingOf(rp, state.endingId) }
}

/** A best reply this much longer than every other reply gives itself away. */
export const LONGEST_BY_FAR = 1.25

export interface TestWisePattern {
  /** The element to point at: the quiz, one of its questions, or a role-play scene. */
  at: { kind: 'quiz' | 'question' | 'scene'; id: string }
  message: string
}

/** Clues a test-wise learner uses without reading: the right answer is the longest, or listed first. */
export function testWisePatterns(definition: AssessmentDefinition): TestWisePattern[] {
  if (definition.kind === 'quiz') return quizPatterns(definition)
  if (definition.kind === 'roleplay') return rolePlayPatterns(definition)
  return []
}

function quizPatterns(quiz: QuizDefinition): TestWisePattern[] {
  const patterns: TestWisePattern[] = []
  const singles = quiz.questions.filter((q) => q.type === 'single')
  const longestCorrect = singles.filter((q) => {
    const correct = q.choices.find((c) => c.correct)
    return correct && q.choices.every((c) => c === correct || c.label.length < correct.label.length)
  })
  if (singles.length > 0 && longestCorrect.length * 2 > singles.length)
    patterns.push({
      at: { kind: 'quiz', id: quiz.id },
      message: `Quiz "${quiz.id}": the correct choice is the longest in ${longestCorrect.length} of its ${singles.length} single-choice questions (${longestCorrect.map((q) => q.id).join(', ')}); a learner who picks the longest answer passes without reading. Vary the lengths.`,
    })
  for (const q of quiz.questions) {
    if (q.type !== 'multiple') continue
    const correct = q.choices.filter((c) => c.correct).length
    if (correct < q.choices.length && q.choices.slice(0, correct).every((c) => c.correct))
      patterns.push({
        at: { kind: 'question', id: q.id },
        message: `Question "${q.id}": its correct choices are all listed first; mix them among the others.`,
      })
  }
  return patterns
}

function rolePlayPatterns(rp: RolePlayDefinition): TestWisePattern[] {
  return rp.scenes.flatMap((scene) => {
    const best = [...scene.options].sort((a, b) => pointsTotal(b.points) - pointsTotal(a.points) || b.mood - a.mood)[0]
    const others = scene.options.filter((o) => o !== best)
    if (!best || others.length === 0) return []
    const nextLongest = Math.max(...others.map((o) => o.label.length))
    if (best.label.length < nextLongest * LONGEST_BY_FAR) return []
    return [
      {
        at: { kind: 'scene', id: scene.id },
        message: `Scene "${scene.id}": the best reply "${best.id}" is the longest by far (${best.label.length} characters against at most ${nextLongest}); write replies of similar length.`,
      },
    ]
  })
}
