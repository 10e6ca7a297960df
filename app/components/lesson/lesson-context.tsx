import { createContext, useContext } from 'react'
import type { PublicRolePlayStart } from '~/content/public-views'
import type { RunView } from '~/models/attempts.server'

export interface QuizState {
  id: string
  nextAttemptNumber: number
  /** The questions the next attempt asks: all, or a pool's draw for this learner and attempt. */
  questionIds: string[]
  /** Per question, its choice ids in the order this learner sees them on this attempt. */
  choiceOrder: Record<string, string[]>
  idempotencyKey: string
  attempts: number
  passedEver: boolean
  latest: { attemptId: string; percent: number; passed: boolean } | null
}

export interface LessonAssessmentState {
  quizzes: QuizState[]
  rolePlays: { id: string; finishedEver: boolean; run: RunView | null }[]
  requirementsMet: boolean
}

export interface SavedReflection {
  reflectionId: string
  body: string
  status: 'draft' | 'submitted'
  updatedAt: string
  reply: { text: string; reviewerName: string | null; at: string } | null
}

export interface ActionResult {
  target: { kind: string; id: string }
  error: string | null
  saved: boolean
}

export interface LessonContextValue {
  missionStatement: string | null
  organisationName: string
  /** The opening scene of each role-play, for previews and runs not started yet. */
  rolePlays: PublicRolePlayStart[]
  /** Present on a learner's lesson page; absent in the author preview, which is read-only. */
  versionId?: string
  assessments?: LessonAssessmentState
  reflections?: SavedReflection[]
  actionResult?: ActionResult | null
}

const LessonContext = createContext<LessonContextValue>({ missionStatement: null, organisationName: '', rolePlays: [] })

export const LessonContextProvider = LessonContext.Provider
export const useLessonContext = () => useContext(LessonContext)

export function useActionErrorFor(kind: string, id: string) {
  const { actionResult } = useLessonContext()
  return actionResult && actionResult.target.kind === kind && actionResult.target.id === id ? actionResult : null
}
