/** Server-only: what a lesson's assessments are, including their answer keys. Never sent to a learner before they answer. */
export interface ChoiceDefinition {
  id: string
  label: string
  correct: boolean
  feedback: string
  /** Kept in its written place when choices are shuffled ("None of the above"). */
  pinned?: boolean
}

export interface QuestionDefinition {
  id: string
  type: 'single' | 'multiple'
  stem: string
  competencies: string[]
  principles: string[]
  points: number
  choices: ChoiceDefinition[]
}

export interface QuizDefinition {
  kind: 'quiz'
  id: string
  title: string | null
  passMark: number
  /** How many questions each attempt asks; absent: all of them. */
  draw?: number
  questions: QuestionDefinition[]
}

export interface MoodBranch {
  to: string
  minMood?: number
  maxMood?: number
}

export interface OptionDefinition {
  id: string
  label: string
  next: string | MoodBranch[]
  mood: number
  points: Record<string, number>
  principles: string[]
  feedback: string
  /** Kept in its written place when replies are shuffled. */
  pinned?: boolean
}

export interface SceneDefinition {
  id: string
  customer: string
  expert: string | null
  options: OptionDefinition[]
}

export interface EndingDefinition {
  id: string
  title: string
  outcome: 'good' | 'mixed' | 'poor'
  text: string
}

export interface RolePlayDefinition {
  kind: 'roleplay'
  id: string
  title: string
  start: string
  mood: number
  scenes: SceneDefinition[]
  endings: EndingDefinition[]
}

export interface ReflectionDefinition {
  kind: 'reflection'
  id: string
  prompt: string
}

export type AssessmentDefinition = QuizDefinition | RolePlayDefinition | ReflectionDefinition

export const MOOD_MIN = -3
export const MOOD_MAX = 3

/** What a submitted quiz attempt stores: the answers as sent, each question's result, the score. */
export interface StoredQuizResponses {
  answers: Record<string, string[]>
  questions: { id: string; selected: string[]; correct: boolean }[]
  percent: number
}
