import { type IsoDate, addDays } from './calendar'
import {
  type EvidenceRow,
  type Framework,
  type SubmittedAttempt,
  NOT_YET_EVIDENCED,
  computeRecords,
} from './competency-record'

/** How far back a team's trend looks, in weeks. */
export const TREND_WEEKS = 12

export interface PersonHistory {
  attempts: readonly SubmittedAttempt[]
  evidence: readonly (EvidenceRow & { createdAt: Date })[]
}

export interface TrendPoint {
  /** The last day of the week the point stands for. */
  week: IsoDate
  /** The team's average score (0–1) among people with a level that week; null when nobody had one. */
  average: number | null
  people: number
}

/** The week ends a trend is drawn at: today and each seven days before, oldest first. */
export function weekEnds(today: IsoDate, weeks = TREND_WEEKS): IsoDate[] {
  return Array.from({ length: weeks }, (_, i) => addDays(today, -7 * (weeks - 1 - i)))
}

/**
 * Each competency's team average at the end of each week, as the record stood then: every
 * person's record is recomputed from the attempts and evidence they had by that day, with the
 * same rules as today's record (counted attempts, minimum items), so the last point is the
 * average the dashboard shows and earlier points say whether coaching moved it.
 */
export function competencyTrends(
  people: readonly PersonHistory[],
  competencyIds: readonly string[],
  framework: Framework,
  weeks: readonly IsoDate[],
): Map<string, TrendPoint[]> {
  const trends = new Map<string, TrendPoint[]>(competencyIds.map((id) => [id, []]))
  for (const week of weeks) {
    const end = Date.parse(`${week}T23:59:59.999Z`)
    const sums = new Map<string, { total: number; people: number }>()
    for (const person of people) {
      const attempts = person.attempts.filter((a) => a.submittedAt.getTime() <= end)
      const known = new Set(attempts.map((a) => a.id))
      const evidence = person.evidence.filter(
        (e) => e.createdAt.getTime() <= end && (e.attemptId === null || known.has(e.attemptId)),
      )
      if (evidence.length === 0) continue
      for (const record of computeRecords(competencyIds, attempts, evidence, framework)) {
        if (record.level === NOT_YET_EVIDENCED || record.score === null) continue
        const sum = sums.get(record.competencyId) ?? { total: 0, people: 0 }
        sum.total += record.score
        sum.people += 1
        sums.set(record.competencyId, sum)
      }
    }
    for (const id of competencyIds) {
      const sum = sums.get(id)
      trends.get(id)?.push({ week, average: sum ? sum.total / sum.people : null, people: sum?.people ?? 0 })
    }
  }
  return trends
}
