import { action as lessonAction, loader as lessonLoader } from '~/routes/courses.$course.$lesson/route'
import { getRequest, jsonOf, respond, testContext } from './requests'

export interface LessonPageData {
  lesson: { versionId: string }
  assessments: {
    quizzes: {
      id: string
      nextAttemptNumber: number
      questionIds: string[]
      choiceOrder: Record<string, string[]>
      idempotencyKey: string
      latest: { attemptId: string; passed: boolean } | null
    }[]
    rolePlays: {
      id: string
      run: {
        attemptId: string
        step: number
        mood: number
        status: string
        scene: { id: string; options: { id: string }[] } | null
      } | null
    }[]
    requirementsMet: boolean
  }
  completion: unknown
}

/** What the page's quiz form sends for the learner's next attempt, with these answers ("q:<id>", choice). */
export function quizSubmission(page: LessonPageData, answers: [string, string][]): [string, string][] {
  const quiz = page.assessments.quizzes[0]
  if (!quiz) throw new Error('This lesson has no quiz')
  return [
    ['intent', 'submit-quiz'],
    ['quizId', quiz.id],
    ['versionId', page.lesson.versionId],
    ['attemptNumber', String(quiz.nextAttemptNumber)],
    ['idempotencyKey', quiz.idempotencyKey],
    ...answers,
  ]
}

export function lessonClient(course: string, lesson: string) {
  const params = { course, lesson }
  const path = `/courses/${course}/${lesson}`
  return {
    open: async (cookie: string) =>
      jsonOf<LessonPageData>(
        await respond(() => lessonLoader({ request: getRequest(path, cookie), params, context: testContext() })),
      ),
    post: (cookie: string, fields: Record<string, string> | [string, string][]) => {
      const body = Array.isArray(fields) ? fields : Object.entries(fields)
      const request = new Request(`http://localhost${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
        body: new URLSearchParams(body).toString(),
      })
      return respond(() => lessonAction({ request, params, context: testContext() }))
    },
  }
}
