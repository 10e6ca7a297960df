import type { AssessmentDefinition } from './assessments'

export interface SubmittedWork {
  assessmentId: string
  kind: string
  passed: boolean | null
}

/** A lesson is complete once every quiz is passed and every role-play played to an ending (reflections are optional). */
export function lessonRequirementsMet(assessments: readonly AssessmentDefinition[], done: readonly SubmittedWork[]) {
  return assessments
    .filter((a) => a.kind !== 'reflection')
    .every((a) =>
      done.some((d) => d.assessmentId === a.id && d.kind === a.kind && (a.kind === 'roleplay' || d.passed === true)),
    )
}
