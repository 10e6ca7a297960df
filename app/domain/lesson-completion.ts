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

export type StepAfterPassing = { kind: 'course-complete' } | { kind: 'next-lesson'; slug: string; title: string }

/**
 * Where a passed quiz leads, lessons in course order: the end of the course once every lesson
 * is complete, otherwise the lesson after this one (from the last lesson, back to the first one
 * still open), or nothing when the rest is all in this lesson.
 */
export function stepAfterPassing(
  lessons: readonly { slug: string; title: string; completed: boolean }[],
  current: string,
): StepAfterPassing | null {
  if (lessons.length > 0 && lessons.every((l) => l.completed)) return { kind: 'course-complete' }
  const index = lessons.findIndex((l) => l.slug === current)
  const next = lessons[index + 1] ?? lessons.find((l) => !l.completed && l.slug !== current)
  return next ? { kind: 'next-lesson', slug: next.slug, title: next.title } : null
}
