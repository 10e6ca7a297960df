import fc from 'fast-check'
import type { QuestionDefinition, RolePlayDefinition } from '~/domain/assessments'
import {
  type ChoiceFigures,
  MIN_GROUP,
  countedRoles,
  courseRatings,
  formatDuration,
  itemFlags,
  itemStatistics,
  percentOf,
  rolePlayStatistics,
  sourceLine,
} from '~/domain/item-statistics'

const choice = (id: string, correct: boolean, picks: number, of = 10): ChoiceFigures => ({
  id,
  label: id.toUpperCase(),
  correct,
  picks,
  percent: percentOf(picks, of) ?? 0,
})
const kinds = (figures: Parameters<typeof itemFlags>[0]) => itemFlags(figures).map((f) => f.kind)
const healthy = [choice('a', true, 6), choice('b', false, 3), choice('c', false, 1)]

describe('itemFlags', () => {
  it('flags nothing on a question that works', () => {
    expect(kinds({ facility: 60, discrimination: 0.4, choices: healthy })).toEqual([])
  })

  it('flags too easy above 95 % and too hard below 30 %, not at the limits', () => {
    expect(kinds({ facility: 95, discrimination: 0.3, choices: healthy })).toEqual([])
    expect(kinds({ facility: 95.1, discrimination: 0.3, choices: healthy })).toEqual(['too-easy'])
    expect(kinds({ facility: 30, discrimination: 0.3, choices: healthy })).toEqual([])
    expect(kinds({ facility: 29.9, discrimination: 0.3, choices: healthy })).toEqual(['too-hard'])
  })

  it('flags a negative discrimination, but not zero, a rounding hair below it, or an undefined one', () => {
    expect(kinds({ facility: 60, discrimination: -0.05, choices: healthy })).toEqual(['negative-discrimination'])
    expect(kinds({ facility: 60, discrimination: 0, choices: healthy })).toEqual([])
    expect(kinds({ facility: 60, discrimination: -1e-15, choices: healthy })).toEqual([])
    expect(kinds({ facility: 60, discrimination: null, choices: healthy })).toEqual([])
  })

  it('flags every wrong choice nobody picks, and never an unpicked correct one', () => {
    const flags = itemFlags({
      facility: 60,
      discrimination: 0.2,
      choices: [choice('a', true, 6), choice('b', false, 4), choice('c', false, 0), choice('d', false, 0)],
    })
    expect(flags.map((f) => f.kind)).toEqual(['unpicked-distractor', 'unpicked-distractor'])
    expect(flags.map((f) => f.message)).toEqual([expect.stringContaining('“C”'), expect.stringContaining('“D”')])
  })

  it('quotes a label once, even when the author wrote it as a quotation', () => {
    const [flag] = itemFlags({
      facility: 60,
      discrimination: 0.2,
      choices: [choice('a', true, 6), { ...choice('b', false, 0), label: '“I will look into it.”' }],
    })
    expect(flag!.message).toContain('wrong choice “I will look into it.”: it does not distract')
  })

  it('flags a correct choice picked less often than the most popular wrong one', () => {
    expect(
      kinds({ facility: 40, discrimination: 0.1, choices: [choice('a', true, 4), choice('b', false, 6)] }),
    ).toEqual(['key-less-popular'])
    // A tie is not "less often".
    expect(
      kinds({ facility: 50, discrimination: 0.1, choices: [choice('a', true, 5), choice('b', false, 5)] }),
    ).toEqual([])
    // Several answers: each correct choice is compared with the most picked wrong one.
    const multiple = itemFlags({
      facility: 40,
      discrimination: 0.1,
      choices: [choice('a', true, 8), choice('b', true, 3), choice('c', false, 5), choice('d', false, 1)],
    })
    expect(multiple.map((f) => f.kind)).toEqual(['key-less-popular'])
    expect(multiple[0]!.message).toContain('“B” is picked less often (3) than the wrong “C” (5)')
  })
})

const question: QuestionDefinition = {
  id: 'q1',
  type: 'single',
  stem: 'When do you call back?',
  competencies: ['ownership'],
  principles: [],
  points: 1,
  choices: [
    { id: 'time', label: 'By 3 pm.', correct: true, feedback: '' },
    { id: 'soon', label: 'Soon.', correct: false, feedback: '' },
    { id: 'never', label: 'Never.', correct: false, feedback: '' },
  ],
}

describe('itemStatistics', () => {
  it(`shows a question's figures from ${MIN_GROUP} learners and hides them below`, () => {
    const counts = (learners: number) => ({
      learners,
      correct: learners - 1,
      discrimination: 0.5,
      picks: { time: learners - 1, soon: 1 },
    })
    expect(itemStatistics(question, counts(MIN_GROUP - 1), 12).figures).toBeNull()
    expect(itemStatistics(question, undefined, 12).figures).toBeNull()
    const shown = itemStatistics(question, counts(MIN_GROUP), 12)
    expect(shown).toEqual({
      questionId: 'q1',
      stem: 'When do you call back?',
      type: 'single',
      line: 12,
      choices: [
        { id: 'time', label: 'By 3 pm.', correct: true },
        { id: 'soon', label: 'Soon.', correct: false },
        { id: 'never', label: 'Never.', correct: false },
      ],
      figures: {
        learners: 5,
        facility: 80,
        discrimination: 0.5,
        choices: [
          { id: 'time', label: 'By 3 pm.', correct: true, picks: 4, percent: 80 },
          { id: 'soon', label: 'Soon.', correct: false, picks: 1, percent: 20 },
          { id: 'never', label: 'Never.', correct: false, picks: 0, percent: 0 },
        ],
        flags: [expect.objectContaining({ kind: 'unpicked-distractor' })],
      },
    })
  })

  it('keeps facility and shares to one decimal and discrimination to three', () => {
    const stats = itemStatistics(
      question,
      { learners: 7, correct: 5, discrimination: 0.123456, picks: { time: 5, soon: 1, never: 1 } },
      null,
    )
    expect(stats.figures).toMatchObject({ facility: 71.4, discrimination: 0.123 })
    expect(stats.figures!.choices.map((c) => c.percent)).toEqual([71.4, 14.3, 14.3])
  })
})

describe('sourceLine', () => {
  const source = [
    '---', // 1
    'title: Two quizzes', // 2
    '---', // 3
    '', // 4
    '<Quiz id="first">', // 5
    '  <Question id="same" type="single">', // 6
    '  </Question>', // 7
    '</Quiz>', // 8
    '<Quiz passMark={50} id="second">', // 9
    '  <Question type="multiple" points={2} id="same">', // 10
    '  <Question id="same-ish">', // 11
  ].join('\n')

  it('finds the question inside its own quiz, wherever its id attribute sits', () => {
    expect(sourceLine(source, 'Question', 'same', { tag: 'Quiz', id: 'first' })).toBe(6)
    expect(sourceLine(source, 'Question', 'same', { tag: 'Quiz', id: 'second' })).toBe(10)
    expect(sourceLine(source, 'Question', 'same-ish', { tag: 'Quiz', id: 'second' })).toBe(11)
    expect(sourceLine(source, 'Quiz', 'second')).toBe(9)
  })

  it('answers null when the source does not have it', () => {
    expect(sourceLine(source, 'Question', 'gone', { tag: 'Quiz', id: 'first' })).toBeNull()
    expect(sourceLine(source, 'Question', 'same', { tag: 'Quiz', id: 'third' })).toBeNull()
    // An id with regex characters is matched literally.
    expect(sourceLine(source, 'Question', 's.me', { tag: 'Quiz', id: 'first' })).toBeNull()
  })
})

const rolePlay: RolePlayDefinition = {
  kind: 'roleplay',
  id: 'call',
  title: 'A call',
  start: 'open',
  mood: -1,
  scenes: [
    {
      id: 'open',
      customer: 'Hello?',
      expert: null,
      options: [
        { id: 'kind', label: 'Kind', next: 'good', mood: 1, points: {}, principles: [], feedback: '' },
        { id: 'curt', label: 'Curt', next: 'later', mood: -1, points: {}, principles: [], feedback: '' },
      ],
    },
    {
      id: 'later',
      customer: 'Well?',
      expert: null,
      options: [{ id: 'fix', label: 'Fix', next: 'good', mood: 1, points: {}, principles: [], feedback: '' }],
    },
  ],
  endings: [
    { id: 'good', title: 'Good', outcome: 'good', text: '' },
    { id: 'bad', title: 'Bad', outcome: 'poor', text: '' },
  ],
}

describe('rolePlayStatistics', () => {
  it('hides runs, scenes and stops whose groups are under five', () => {
    const stats = rolePlayStatistics(rolePlay, {
      endings: [{ endingId: 'good', mood: 1, runs: 4 }],
      scenes: [{ sceneId: 'open', options: { kind: 4 } }],
      stops: [{ sceneId: 'open', learners: 4 }],
    })
    expect(stats).toEqual({ id: 'call', title: 'A call', runs: null, stops: null })
  })

  it('counts endings, moods and choices, and puts a run without a state at the start', () => {
    const stats = rolePlayStatistics(rolePlay, {
      endings: [
        { endingId: 'good', mood: 1, runs: 4 },
        { endingId: 'good', mood: 0, runs: 2 },
        { endingId: 'bad', mood: -3, runs: 2 },
      ],
      scenes: [
        { sceneId: 'open', options: { kind: 6, curt: 2 } },
        { sceneId: 'later', options: { fix: 2 } },
      ],
      stops: [
        { sceneId: 'later', learners: 2 },
        { sceneId: null, learners: 1 },
        { sceneId: 'open', learners: 3 },
      ],
    })
    expect(stats.runs).toEqual({
      count: 8,
      endings: [
        { id: 'good', title: 'Good', outcome: 'good', runs: 6, percent: 75 },
        { id: 'bad', title: 'Bad', outcome: 'poor', runs: 2, percent: 25 },
      ],
      moods: [
        { mood: -3, runs: 2, percent: 25 },
        { mood: 0, runs: 2, percent: 25 },
        { mood: 1, runs: 4, percent: 50 },
      ],
      // (4 − 6) / 8
      averageMood: -0.3,
      scenes: [
        {
          id: 'open',
          customer: 'Hello?',
          figures: {
            runs: 8,
            options: [
              { id: 'kind', label: 'Kind', decisions: 6, percent: 75 },
              { id: 'curt', label: 'Curt', decisions: 2, percent: 25 },
            ],
          },
        },
        { id: 'later', customer: 'Well?', figures: null },
      ],
    })
    expect(stats.stops).toEqual({
      learners: 6,
      scenes: [
        { id: 'open', customer: 'Hello?', learners: 4 },
        { id: 'later', customer: 'Well?', learners: 2 },
      ],
    })
  })
})

describe('courseRatings', () => {
  const ratings = (...scores: number[]) =>
    courseRatings([...new Set(scores)].map((score) => ({ score, ratings: scores.filter((s) => s === score).length })))

  it('is %promoters (9–10) minus %detractors (0–6), with the distribution', () => {
    // 3 promoters of 6 (50 %), 2 detractors (33.3 %): 16.7, shown as 17.
    expect(ratings(10, 10, 9, 8, 6, 2)).toEqual({
      count: 6,
      nps: 17,
      promoters: 3,
      passives: 1,
      detractors: 2,
      distribution: [0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 2],
    })
    expect(ratings(9, 10, 9, 10, 10)?.nps).toBe(100)
    expect(ratings(0, 6, 3, 5, 1)?.nps).toBe(-100)
    expect(ratings(7, 8, 7, 8, 7)?.nps).toBe(0)
  })

  it('rounds halves away from zero on both sides', () => {
    // 1 promoter of 8: 12.5 → 13; 1 detractor of 8: −12.5 → −13.
    expect(ratings(9, 7, 7, 7, 7, 7, 7, 7)?.nps).toBe(13)
    expect(ratings(6, 7, 7, 7, 7, 7, 7, 7)?.nps).toBe(-13)
  })

  it('shows nothing for fewer than five ratings', () => {
    expect(ratings(10, 10, 10, 10)).toBeNull()
    expect(courseRatings([])).toBeNull()
  })

  it('always lies between −100 and 100 and sums its groups to the count', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 5, maxLength: 60 }), (scores) => {
        const r = ratings(...scores)!
        expect(r.nps).toBeGreaterThanOrEqual(-100)
        expect(r.nps).toBeLessThanOrEqual(100)
        expect(r.promoters + r.passives + r.detractors).toBe(scores.length)
        expect(Math.abs(r.nps - ((r.promoters - r.detractors) / r.count) * 100)).toBeLessThanOrEqual(0.5)
      }),
    )
  })
})

describe('the rest', () => {
  it('counts learners and managers, never anyone who can read the answer keys', () => {
    expect([...countedRoles].sort()).toEqual(['learner', 'manager'])
  })

  it('formats durations for people', () => {
    expect(formatDuration(null)).toBe('—')
    expect(formatDuration(20)).toBe('under a minute')
    expect(formatDuration(1800)).toBe('30 min')
    expect(formatDuration(3600 * 3 + 300)).toBe('3 h 5 min')
    expect(formatDuration(7200)).toBe('2 h')
    expect(formatDuration(86_400 * 4)).toBe('4 days')
  })

  it('gives a share to one decimal, and none of nobody', () => {
    expect(percentOf(1, 3)).toBe(33.3)
    expect(percentOf(2, 3)).toBe(66.7)
    expect(percentOf(0, 0)).toBeNull()
  })
})
