import type { AssessmentDefinition, QuizDefinition, RolePlayDefinition, StoredQuizResponses } from './assessments'

/**
 * What a learner did, told in the lesson's own words: the choices they picked in a quiz and
 * the path they took through a role-play, scene by scene. Read against the version the
 * attempt was taken on, so a later edit of the lesson never rewrites what they saw.
 */

export interface AnsweredQuestion {
  id: string
  stem: string
  /** The choices they picked, with whether each was right. */
  picked: { id: string; label: string; correct: boolean }[]
  correct: boolean
}

export function answeredQuestions(
  quiz: QuizDefinition | undefined,
  stored: StoredQuizResponses['questions'] | undefined,
): AnsweredQuestion[] {
  return (stored ?? []).map((answer) => {
    const question = quiz?.questions.find((q) => q.id === answer.id)
    return {
      id: answer.id,
      stem: question?.stem ?? answer.id,
      picked: answer.selected.map((choiceId) => {
        const choice = question?.choices.find((c) => c.id === choiceId)
        return { id: choiceId, label: choice?.label ?? choiceId, correct: choice?.correct ?? false }
      }),
      correct: answer.correct,
    }
  })
}

export interface Decision {
  step: number
  sceneId: string
  optionId: string
  moodBefore: number
  moodAfter: number
}

export interface ReplayedStep {
  step: number
  customer: string
  reply: string
  feedback: string
  moodBefore: number
  moodAfter: number
}

/** Each decision of a run as the learner met it: what the customer said, what they answered, the coach's note. */
export function replaySteps(rp: RolePlayDefinition | undefined, decisions: readonly Decision[]): ReplayedStep[] {
  return decisions.map((d) => {
    const scene = rp?.scenes.find((s) => s.id === d.sceneId)
    const option = scene?.options.find((o) => o.id === d.optionId)
    return {
      step: d.step,
      customer: scene?.customer ?? '',
      reply: option?.label ?? '',
      feedback: option?.feedback ?? '',
      moodBefore: d.moodBefore,
      moodAfter: d.moodAfter,
    }
  })
}

const SHORT = 90

function shortened(text: string) {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length <= SHORT ? flat : `${flat.slice(0, SHORT - 1).trimEnd()}…`
}

/**
 * What a piece of evidence was for, in words: the question asked, the role-play's scene, the
 * reflection rated. Evidence stores `<assessment>/<question or scene>` or `reflection:<id>`.
 */
export function evidenceItemName(itemId: string, assessments: readonly AssessmentDefinition[] | undefined) {
  if (itemId.startsWith('reflection:')) {
    const reflection = assessments?.find((a) => a.kind === 'reflection' && a.id === itemId.slice('reflection:'.length))
    return reflection?.kind === 'reflection' ? `Reflection: ${shortened(reflection.prompt)}` : 'A reflection'
  }
  const [assessmentId, partId] = itemId.split('/')
  const assessment = assessments?.find((a) => a.id === assessmentId)
  if (assessment?.kind === 'quiz') {
    const question = assessment.questions.find((q) => q.id === partId)
    if (question) return shortened(question.stem)
  }
  if (assessment?.kind === 'roleplay') {
    const index = assessment.scenes.findIndex((s) => s.id === partId)
    if (index >= 0) return `${assessment.title}, scene ${index + 1}`
  }
  return 'An item no longer in the lesson'
}
