import type { Framework } from './competency-record'

/**
 * A manager's rubric rating as evidence: the n-th of N levels scores n/N, so a rating
 * lands in the same level once it is the only evidence (with the default thresholds
 * 0 / 0.6 / 0.85: 1/3, 2/3 and 3/3).
 */
export function ratingEvidence(framework: Framework, levelId: string): { points: number; maxPoints: number } | null {
  const index = framework.levels.findIndex((l) => l.id === levelId)
  if (index < 0) return null
  return { points: index + 1, maxPoints: framework.levels.length }
}
