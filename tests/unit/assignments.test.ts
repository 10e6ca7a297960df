import { assignmentStatus, compareForLearner, joinerDueDate, onboardingDueDate } from '~/domain/assignments'
import { addDays } from '~/domain/calendar'
import { ratingEvidence } from '~/domain/rubric'
import { levelFor } from '~/domain/competency-record'

const progress = (overrides: Partial<Parameters<typeof assignmentStatus>[0]> = {}) => ({
  dueDate: null,
  completedAt: null,
  lessonsDone: 0,
  lessonsTotal: 4,
  started: false,
  ...overrides,
})

describe('assignment status', () => {
  const today = '2026-11-25'
  it('is not started, in progress with a percentage, or completed', () => {
    expect(assignmentStatus(progress(), today)).toEqual({ status: 'not_started', percent: 0 })
    expect(assignmentStatus(progress({ started: true }), today)).toEqual({ status: 'in_progress', percent: 0 })
    expect(assignmentStatus(progress({ lessonsDone: 1 }), today)).toEqual({ status: 'in_progress', percent: 25 })
    expect(assignmentStatus(progress({ lessonsDone: 4, completedAt: new Date() }), today)).toEqual({
      status: 'completed',
      percent: 100,
    })
  })
  it('is overdue only after the due day has passed, and never once completed', () => {
    expect(assignmentStatus(progress({ dueDate: today }), today).status).toBe('not_started')
    expect(assignmentStatus(progress({ dueDate: '2026-11-24', lessonsDone: 3 }), today)).toEqual({
      status: 'overdue',
      percent: 75,
    })
    expect(
      assignmentStatus(progress({ dueDate: '2026-11-24', completedAt: '2026-11-25T10:00:00Z' }), today).status,
    ).toBe('completed')
  })
  it('handles a course with no published lessons', () => {
    expect(assignmentStatus(progress({ lessonsTotal: 0 }), today)).toEqual({ status: 'not_started', percent: 0 })
  })
})

describe('due dates', () => {
  it('adds days across months and years', () => {
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(onboardingDueDate(null, 14, '2026-11-25')).toBe('2026-12-09')
    expect(onboardingDueDate('2026-11-01', 30, '2026-11-25')).toBe('2026-12-01')
  })
  it('gives a late joiner the window the team had, never a past date', () => {
    const team = { dueDate: '2026-12-10', assignedOn: '2026-11-26' }
    expect(joinerDueDate(team, '2026-11-26')).toBe('2026-12-10')
    expect(joinerDueDate(team, '2026-12-20')).toBe('2027-01-03')
    expect(joinerDueDate({ dueDate: null, assignedOn: '2026-11-26' }, '2026-12-20')).toBeNull()
  })
})

describe('My learning order', () => {
  it('puts open work by due date first, undated after, completed last', () => {
    const items = [
      { title: 'done', status: 'completed' as const, dueDate: '2026-01-01' },
      { title: 'undated', status: 'not_started' as const, dueDate: null },
      { title: 'later', status: 'in_progress' as const, dueDate: '2026-12-20' },
      { title: 'late', status: 'overdue' as const, dueDate: '2026-11-01' },
    ]
    expect([...items].sort(compareForLearner).map((i) => i.title)).toEqual(['late', 'later', 'undated', 'done'])
  })
})

describe('manager ratings as evidence', () => {
  const framework = {
    levels: [
      { id: 'developing', name: 'Developing', min: 0 },
      { id: 'proficient', name: 'Proficient', min: 0.6 },
      { id: 'exemplary', name: 'Exemplary', min: 0.85 },
    ],
    minimumItems: 1,
  }
  it('lands a lone rating on the level the manager chose', () => {
    for (const level of framework.levels) {
      const rating = ratingEvidence(framework, level.id)!
      expect(levelFor(rating.points / rating.maxPoints, 1, framework)).toBe(level.id)
    }
  })
  it('refuses a level that is not in the framework', () => {
    expect(ratingEvidence(framework, 'legendary')).toBeNull()
  })
})
