import { type IsoDate, addDays, daysBetween } from './calendar'

export type AssignmentStatus = 'not_started' | 'in_progress' | 'completed' | 'overdue'

export const statusLabels: Record<AssignmentStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  completed: 'Completed',
  overdue: 'Overdue',
}

export interface AssignmentProgress {
  dueDate: IsoDate | null
  completedAt: Date | string | null
  lessonsDone: number
  lessonsTotal: number
  /** Any attempt or completion on the assigned item, even without a finished lesson. */
  started: boolean
}

/**
 * Overdue outranks progress: a manager scanning the list needs to see late work first,
 * and the percentage still tells how far along it is.
 */
export function assignmentStatus(
  progress: AssignmentProgress,
  today: IsoDate,
): { status: AssignmentStatus; percent: number } {
  const percent =
    progress.completedAt !== null
      ? 100
      : progress.lessonsTotal === 0
        ? 0
        : Math.min(100, Math.round((progress.lessonsDone / progress.lessonsTotal) * 100))
  if (progress.completedAt !== null) return { status: 'completed', percent }
  if (progress.dueDate !== null && progress.dueDate < today) return { status: 'overdue', percent }
  if (progress.lessonsDone > 0 || progress.started) return { status: 'in_progress', percent }
  return { status: 'not_started', percent }
}

/**
 * A person who joins a team after a team assignment was made gets the same time to do
 * it as the team had, never a deadline already in the past.
 */
export function joinerDueDate(
  team: { dueDate: IsoDate | null; assignedOn: IsoDate },
  joinedOn: IsoDate,
): IsoDate | null {
  if (team.dueDate === null) return null
  const window = Math.max(0, daysBetween(team.assignedOn, team.dueDate))
  const fresh = addDays(joinedOn, window)
  return fresh > team.dueDate ? fresh : team.dueDate
}

/** Onboarding paths count from the hire date; someone created without one starts today. */
export function onboardingDueDate(hiredAt: IsoDate | null, dueDays: number, today: IsoDate): IsoDate {
  return addDays(hiredAt ?? today, dueDays)
}

const statusOrder: Record<AssignmentStatus, number> = { overdue: 0, in_progress: 1, not_started: 2, completed: 3 }

/** My learning's order: open work by due date (undated last), then finished work. */
export function compareForLearner(
  a: { status: AssignmentStatus; dueDate: IsoDate | null; title: string },
  b: { status: AssignmentStatus; dueDate: IsoDate | null; title: string },
) {
  const doneA = a.status === 'completed' ? 1 : 0
  const doneB = b.status === 'completed' ? 1 : 0
  if (doneA !== doneB) return doneA - doneB
  if (a.dueDate !== b.dueDate) {
    if (a.dueDate === null) return 1
    if (b.dueDate === null) return -1
    return a.dueDate < b.dueDate ? -1 : 1
  }
  return statusOrder[a.status] - statusOrder[b.status] || a.title.localeCompare(b.title)
}
