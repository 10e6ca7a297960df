import type { Framework } from '~/domain/competency-record'
import { type PersonHistory, competencyTrends, weekEnds } from '~/domain/competency-trends'

const framework: Framework = {
  levels: [
    { id: 'developing', name: 'Developing', min: 0 },
    { id: 'proficient', name: 'Proficient', min: 0.6 },
  ],
  minimumItems: 2,
}
const at = (day: string) => new Date(`${day}T12:00:00Z`)
const attempt = (id: string, day: string, earned: number) => ({
  id,
  assessmentKey: 'lesson:quiz',
  policy: 'latest' as const,
  submittedAt: at(day),
  earned,
  possible: 2,
  graded: true,
})
const answers = (attemptId: string, day: string, points: [number, number]) =>
  points.map((p) => ({ attemptId, competencyId: 'ownership', points: p, maxPoints: 1, createdAt: at(day) }))

describe('a team’s competency trend', () => {
  it('draws twelve weekly points ending today', () => {
    const weeks = weekEnds('2026-12-01')
    expect(weeks).toHaveLength(12)
    expect(weeks[11]).toBe('2026-12-01')
    expect(weeks[10]).toBe('2026-11-24')
    expect(weeks[0]).toBe('2026-09-15')
  })

  it('recomputes each person’s record as it stood at each week’s end, retakes replacing earlier attempts', () => {
    // Ana: 1 of 2 on 3 Nov, retaken 2 of 2 on 20 Nov (latest counts). Ben: 0 of 2 on 10 Nov.
    const ana: PersonHistory = {
      attempts: [attempt('a1', '2026-11-03', 1), attempt('a2', '2026-11-20', 2)],
      evidence: [...answers('a1', '2026-11-03', [1, 0]), ...answers('a2', '2026-11-20', [1, 1])],
    }
    const ben: PersonHistory = {
      attempts: [attempt('b1', '2026-11-10', 0)],
      evidence: answers('b1', '2026-11-10', [0, 0]),
    }
    const weeks = ['2026-11-01', '2026-11-07', '2026-11-14', '2026-11-21']
    const trend = competencyTrends([ana, ben], ['ownership', 'friendliness'], framework, weeks).get('ownership')
    expect(trend).toEqual([
      { week: '2026-11-01', average: null, people: 0 },
      { week: '2026-11-07', average: 0.5, people: 1 },
      { week: '2026-11-14', average: 0.25, people: 2 },
      { week: '2026-11-21', average: 0.5, people: 2 },
    ])
    // Nobody has friendliness evidence: no figure, ever.
    expect(
      competencyTrends([ana, ben], ['ownership', 'friendliness'], framework, weeks)
        .get('friendliness')
        ?.every((p) => p.average === null),
    ).toBe(true)
  })

  it('leaves out people below the minimum items, as the record does', () => {
    const one: PersonHistory = {
      attempts: [attempt('c1', '2026-11-03', 1)],
      evidence: [{ attemptId: 'c1', competencyId: 'ownership', points: 1, maxPoints: 1, createdAt: at('2026-11-03') }],
    }
    expect(competencyTrends([one], ['ownership'], framework, ['2026-11-07']).get('ownership')).toEqual([
      { week: '2026-11-07', average: null, people: 0 },
    ])
  })
})
