import type { AssessmentDefinition, QuizDefinition, RolePlayDefinition } from '~/domain/assessments'
import { answeredQuestions, evidenceItemName, replaySteps } from '~/domain/work-replay'

const quiz: QuizDefinition = {
  kind: 'quiz',
  id: 'q',
  title: null,
  passMark: 50,
  questions: [
    {
      id: 'when',
      type: 'single',
      stem: 'A customer asks when you will call back.\n\nWhat do you say?',
      competencies: ['ownership'],
      principles: [],
      points: 1,
      choices: [
        { id: 'time', label: 'By 3 pm.', correct: true, feedback: '' },
        { id: 'soon', label: 'Soon.', correct: false, feedback: '' },
      ],
    },
  ],
}
const rolePlay: RolePlayDefinition = {
  kind: 'roleplay',
  id: 'call',
  title: 'An angry caller',
  start: 'open',
  mood: -2,
  scenes: [
    {
      id: 'open',
      customer: 'Nobody called me!',
      expert: null,
      options: [
        {
          id: 'sorry',
          label: 'I am sorry.',
          next: 'end',
          mood: 2,
          points: {},
          principles: [],
          feedback: 'Good start.',
        },
      ],
    },
  ],
  endings: [{ id: 'end', title: 'Calmer', outcome: 'good', text: '' }],
}
const lesson: AssessmentDefinition[] = [quiz, rolePlay, { kind: 'reflection', id: 'why', prompt: 'Why are you here?' }]

describe('what a learner did, in the lesson’s words', () => {
  it('names each pick and whether it was right; unknown ids stay readable', () => {
    expect(
      answeredQuestions(quiz, [
        { id: 'when', selected: ['soon'], correct: false },
        { id: 'gone', selected: ['x'], correct: true },
      ]),
    ).toEqual([
      {
        id: 'when',
        stem: quiz.questions[0]!.stem,
        picked: [{ id: 'soon', label: 'Soon.', correct: false }],
        correct: false,
      },
      { id: 'gone', stem: 'gone', picked: [{ id: 'x', label: 'x', correct: false }], correct: true },
    ])
    expect(answeredQuestions(undefined, undefined)).toEqual([])
  })

  it('replays a run scene by scene', () => {
    expect(
      replaySteps(rolePlay, [{ step: 0, sceneId: 'open', optionId: 'sorry', moodBefore: -2, moodAfter: 0 }]),
    ).toEqual([
      {
        step: 0,
        customer: 'Nobody called me!',
        reply: 'I am sorry.',
        feedback: 'Good start.',
        moodBefore: -2,
        moodAfter: 0,
      },
    ])
  })

  it('names evidence by its question, scene or reflection, never by its id', () => {
    expect(evidenceItemName('q/when', lesson)).toBe('A customer asks when you will call back. What do you say?')
    expect(evidenceItemName('call/open', lesson)).toBe('An angry caller, scene 1')
    expect(evidenceItemName('reflection:why', lesson)).toBe('Reflection: Why are you here?')
    expect(evidenceItemName('q/removed', lesson)).toBe('An item no longer in the lesson')
    expect(evidenceItemName('reflection:why', undefined)).toBe('A reflection')
    const long = { ...quiz, questions: [{ ...quiz.questions[0]!, stem: 'word '.repeat(40) }] }
    expect(evidenceItemName('q/when', [long])).toMatch(/^word( word)*…$/)
    expect(evidenceItemName('q/when', [long]).length).toBeLessThanOrEqual(90)
  })
})
