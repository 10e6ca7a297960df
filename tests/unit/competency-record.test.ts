import fc from 'fast-check'
import {
  type EvidenceRow,
  type SubmittedAttempt,
  NOT_YET_EVIDENCED,
  computeRecords,
  countedAttempts,
  levelFor,
} from '~/domain/competency-record'

const framework = {
  levels: [
    { id: 'developing', name: 'Developing', min: 0 },
    { id: 'proficient', name: 'Proficient', min: 0.6 },
    { id: 'exemplary', name: 'Exemplary', min: 0.85 },
  ],
  minimumItems: 3,
}
const competencies = ['ownership', 'attentiveness']

const attemptArb = fc.record({
  id: fc.uuid(),
  assessmentKey: fc.constantFrom('lesson-a:quiz', 'lesson-b:quiz', 'lesson-b:rp'),
  policy: fc.constantFrom<'latest' | 'best'>('latest', 'best'),
  submittedAt: fc.date({ min: new Date('2026-01-01'), max: new Date('2026-12-31'), noInvalidDate: true }),
  earned: fc.integer({ min: 0, max: 10 }),
  possible: fc.constant(10),
  graded: fc.constant(true),
})

describe('competency record rule', () => {
  it('levels: thresholds from the framework, and too few items is "not yet evidenced"', () => {
    expect(levelFor(0.9, 3, framework)).toBe('exemplary')
    expect(levelFor(0.6, 5, framework)).toBe('proficient')
    expect(levelFor(0.59, 5, framework)).toBe('developing')
    expect(levelFor(1, 2, framework)).toBe(NOT_YET_EVIDENCED)
    expect(levelFor(null, 0, framework)).toBe(NOT_YET_EVIDENCED)
  })

  it('counts the latest attempt under "latest" and the best under "best"', () => {
    const base = { assessmentKey: 'l:q', possible: 10, graded: true }
    const old = { ...base, id: 'a', policy: 'latest' as const, submittedAt: new Date('2026-01-01'), earned: 10 }
    const recent = { ...base, id: 'b', policy: 'latest' as const, submittedAt: new Date('2026-02-01'), earned: 2 }
    expect([...countedAttempts([old, recent])]).toEqual(['b'])
    expect([
      ...countedAttempts([
        { ...old, policy: 'best' },
        { ...recent, policy: 'best' },
      ]),
    ]).toEqual(['a'])
  })

  it('is a function of the evidence: order does not matter, scores stay within 0..1, one counted attempt per assessment', () => {
    fc.assert(
      fc.property(fc.uniqueArray(attemptArb, { selector: (a) => a.id, maxLength: 12 }), fc.nat(), (generated, seed) => {
        // A course has one policy, so every attempt at one assessment shares it.
        const attempts = generated.map((a) => ({
          ...a,
          policy: a.assessmentKey === 'lesson-a:quiz' ? ('latest' as const) : ('best' as const),
        }))
        const evidence: EvidenceRow[] = attempts.flatMap((a, i) =>
          competencies.map((c) => ({
            attemptId: a.id,
            competencyId: c,
            points: Math.min(a.earned, (seed + i) % 11),
            maxPoints: 10,
          })),
        )
        const records = computeRecords(competencies, attempts, evidence, framework)
        const shuffled = computeRecords(competencies, [...attempts].reverse(), [...evidence].reverse(), framework)
        expect(shuffled).toEqual(records)
        const counted = countedAttempts(attempts)
        expect(counted.size).toBe(new Set(attempts.map((a) => a.assessmentKey)).size)
        for (const r of records) {
          if (r.score !== null) {
            expect(r.score).toBeGreaterThanOrEqual(0)
            expect(r.score).toBeLessThanOrEqual(1)
          }
          expect(r.items).toBe(counted.size)
        }
      }),
    )
  })

  it('never counts practice: a lower practice attempt under "latest" leaves the graded one counted', () => {
    const base = { assessmentKey: 'l:q', possible: 10, policy: 'latest' as const }
    const graded = { ...base, id: 'a', submittedAt: new Date('2026-01-01'), earned: 9, graded: true }
    const practice = { ...base, id: 'b', submittedAt: new Date('2026-02-01'), earned: 1, graded: false }
    expect([...countedAttempts([graded, practice])]).toEqual(['a'])
    const evidence = [
      { attemptId: 'a', competencyId: 'ownership', points: 9, maxPoints: 10 },
      { attemptId: 'b', competencyId: 'ownership', points: 1, maxPoints: 10 },
    ]
    expect(computeRecords(['ownership'], [graded, practice], evidence, framework)[0]).toMatchObject({
      earned: 9,
      items: 1,
    })
  })

  it('a retake under "best" never lowers the record', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 8 }), (scores) => {
        let previous = -1
        const attempts: SubmittedAttempt[] = []
        const evidence: EvidenceRow[] = []
        scores.forEach((earned, i) => {
          const id = `attempt-${i}`
          attempts.push({
            id,
            assessmentKey: 'l:q',
            policy: 'best',
            submittedAt: new Date(2026, 0, i + 1),
            earned,
            possible: 10,
            graded: true,
          })
          evidence.push({ attemptId: id, competencyId: 'ownership', points: earned, maxPoints: 10 })
          const [record] = computeRecords(['ownership'], attempts, evidence, framework)
          expect(record?.earned ?? 0).toBeGreaterThanOrEqual(previous)
          previous = record?.earned ?? 0
        })
      }),
    )
  })

  it('counts evidence that stands alone (a manager rating) whatever the attempts', () => {
    const [record] = computeRecords(
      ['ownership'],
      [],
      [{ attemptId: null, competencyId: 'ownership', points: 2, maxPoints: 3 }],
      framework,
    )
    expect(record).toMatchObject({ earned: 2, possible: 3, items: 1, level: NOT_YET_EVIDENCED })
  })
})
