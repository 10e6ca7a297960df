export type RetakePolicy = 'latest' | 'best'

export interface SubmittedAttempt {
  id: string
  /** Which assessment the attempt answers: lesson and assessment id together. */
  assessmentKey: string
  policy: RetakePolicy
  submittedAt: Date
  earned: number
  possible: number
  /**
   * False for practice: a quiz retaken after it was passed (the key was shown by then) or a
   * role-play played again after its first ending. Practice is kept and shown, never counted.
   */
  graded: boolean
}

export interface EvidenceRow {
  attemptId: string | null
  competencyId: string
  points: number
  maxPoints: number
}

export interface Framework {
  levels: { id: string; name: string; min: number }[]
  minimumItems: number
}

export const NOT_YET_EVIDENCED = 'not-yet-evidenced'

export interface CompetencyRecord {
  competencyId: string
  earned: number
  possible: number
  items: number
  score: number | null
  level: string
}

/**
 * The attempt that counts for each assessment: of its graded attempts, under "latest" the
 * most recent submission, under "best" the highest score (the later one on a tie).
 */
export function countedAttempts(attempts: readonly SubmittedAttempt[]): Set<string> {
  const chosen = new Map<string, SubmittedAttempt>()
  for (const attempt of attempts) {
    if (!attempt.graded) continue
    const current = chosen.get(attempt.assessmentKey)
    if (!current || better(attempt, current)) chosen.set(attempt.assessmentKey, attempt)
  }
  return new Set([...chosen.values()].map((a) => a.id))
}

function better(candidate: SubmittedAttempt, current: SubmittedAttempt) {
  const later =
    candidate.submittedAt.getTime() > current.submittedAt.getTime() ||
    (candidate.submittedAt.getTime() === current.submittedAt.getTime() && candidate.id > current.id)
  if (candidate.policy === 'latest') return later
  const ratio = (a: SubmittedAttempt) => (a.possible === 0 ? 0 : a.earned / a.possible)
  return ratio(candidate) > ratio(current) || (ratio(candidate) === ratio(current) && later)
}

export function levelFor(score: number | null, items: number, framework: Framework) {
  if (score === null || items < framework.minimumItems) return NOT_YET_EVIDENCED
  let level = framework.levels[0]?.id ?? NOT_YET_EVIDENCED
  for (const l of framework.levels) if (score >= l.min) level = l.id
  return level
}

/**
 * Whether a level meets the organisation's bar: any evidenced level above the framework's
 * lowest ("Proficient" and up in the default framework). What one-click training aims at.
 */
export function isProficient(level: string, framework: Framework) {
  const lowest = [...framework.levels].sort((a, b) => a.min - b.min)[0]?.id
  return level !== NOT_YET_EVIDENCED && level !== lowest
}

/**
 * A learner's record per competency, derived only from evidence: the evidence of each
 * assessment's counted attempt, plus evidence that stands alone (a manager's rating).
 * score = earned / possible; fewer than `minimumItems` scored items is "not yet evidenced".
 */
export function computeRecords(
  competencyIds: readonly string[],
  attempts: readonly SubmittedAttempt[],
  evidence: readonly EvidenceRow[],
  framework: Framework,
): CompetencyRecord[] {
  const counted = countedAttempts(attempts)
  return competencyIds.map((competencyId) => {
    const rows = evidence.filter(
      (e) => e.competencyId === competencyId && (e.attemptId === null || counted.has(e.attemptId)),
    )
    const earned = rows.reduce((sum, r) => sum + r.points, 0)
    const possible = rows.reduce((sum, r) => sum + r.maxPoints, 0)
    const score = possible === 0 ? null : earned / possible
    return { competencyId, earned, possible, items: rows.length, score, level: levelFor(score, rows.length, framework) }
  })
}
