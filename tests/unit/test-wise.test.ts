import type { QuestionDefinition, QuizDefinition, RolePlayDefinition } from '~/domain/assessments'
import { blindAnswer, blindQuizPassChance, blindRolePlayEnding, testWisePatterns } from '~/domain/test-wise'

const question = (id: string, labels: string[], correct: number[], type: 'single' | 'multiple' = 'single') =>
  ({
    id,
    type,
    stem: id,
    competencies: ['ownership'],
    principles: ['precise-commitments'],
    points: 1,
    choices: labels.map((label, i) => ({ id: `${id}-${i}`, label, correct: correct.includes(i), feedback: 'why' })),
  }) satisfies QuestionDefinition

const quiz = (questions: QuestionDefinition[], extra: Partial<QuizDefinition> = {}): QuizDefinition => ({
  kind: 'quiz',
  id: 'q',
  title: null,
  passMark: 75,
  questions,
  ...extra,
})

describe('blind strategies', () => {
  it('pick the longest, first or last choice, and two of them on a multiple-choice question', () => {
    const single = question('s', ['bb', 'cccc', 'a'], [0])
    expect(blindAnswer(single, 'longest')).toEqual(['s-1'])
    expect(blindAnswer(single, 'first')).toEqual(['s-0'])
    expect(blindAnswer(single, 'last')).toEqual(['s-2'])
    const multiple = question('m', ['bb', 'cccc', 'a', 'ddd'], [1, 3], 'multiple')
    expect(blindAnswer(multiple, 'longest')).toEqual(['m-1', 'm-3'])
    expect(blindAnswer(multiple, 'last')).toEqual(['m-3', 'm-2'])
  })

  it('pass a quiz in the share of draws where they answer enough of the drawn questions', () => {
    // "longest" is right on q1–q3 only, "first" on q4–q5 only; 3 of 4 passes at 75 %.
    const pool = [
      question('q1', ['short', 'the longest one'], [1]),
      question('q2', ['short', 'the longest one'], [1]),
      question('q3', ['short', 'the longest one'], [1]),
      question('q4', ['short', 'the longest one'], [0]),
      question('q5', ['short', 'the longest one'], [0]),
    ]
    expect(blindQuizPassChance(quiz(pool), 'longest')).toBe(0)
    // Of the five 4-question draws, the two that leave out q4 or q5 hold q1–q3.
    expect(blindQuizPassChance(quiz(pool, { draw: 4 }), 'longest')).toBeCloseTo(2 / 5)
    expect(blindQuizPassChance(quiz(pool, { draw: 4 }), 'first')).toBe(0)
    expect(blindQuizPassChance(quiz(pool.slice(0, 3)), 'longest')).toBe(1)
  })

  it('follow a role-play to the ending their picks lead to, mood branches included', () => {
    const rp: RolePlayDefinition = {
      kind: 'roleplay',
      id: 'rp',
      title: 'rp',
      start: 'a',
      mood: 0,
      scenes: [
        {
          id: 'a',
          customer: '…',
          expert: null,
          options: [
            {
              id: 'calm',
              label: 'Short',
              next: [{ to: 'good', minMood: 1 }, { to: 'poor' }],
              mood: 1,
              points: {},
              principles: [],
              feedback: '',
            },
            {
              id: 'cold',
              label: 'A long cold reply',
              next: [{ to: 'good', minMood: 1 }, { to: 'poor' }],
              mood: -1,
              points: {},
              principles: [],
              feedback: '',
            },
          ],
        },
      ],
      endings: [
        { id: 'good', title: 'Good', outcome: 'good', text: '' },
        { id: 'poor', title: 'Poor', outcome: 'poor', text: '' },
      ],
    }
    expect(blindRolePlayEnding(rp, 'first')?.id).toBe('good')
    expect(blindRolePlayEnding(rp, 'longest')?.id).toBe('poor')
  })
})

describe('test-wise patterns', () => {
  it('flag a quiz whose correct choice is the longest in more than half of its single-choice questions', () => {
    const longest = question('a', ['no', 'yes indeed'], [1])
    const shortest = question('b', ['no', 'yes indeed'], [0])
    expect(testWisePatterns(quiz([longest, longest, shortest]))).toHaveLength(1)
    expect(testWisePatterns(quiz([longest, shortest]))).toEqual([])
  })

  it('flag a multiple-choice question whose correct choices are all listed first, and no other order', () => {
    expect(testWisePatterns(quiz([question('m', ['a', 'b', 'c', 'd'], [0, 1], 'multiple')]))[0]?.at).toEqual({
      kind: 'question',
      id: 'm',
    })
    expect(testWisePatterns(quiz([question('m', ['a', 'b', 'c', 'd'], [0, 2], 'multiple')]))).toEqual([])
    expect(testWisePatterns(quiz([question('m', ['a', 'b', 'c', 'd'], [0, 1, 2, 3], 'multiple')]))).toEqual([])
  })
})
