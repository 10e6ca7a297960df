import path from 'node:path'
import { seedDemoOrganisation } from '#db/seed'
import type { QuizDefinition } from '~/domain/assessments'
import { checkContent } from '~/content/check.server'
import { syncContent } from '~/content/sync.server'
import { useAppServer } from '../support/app-server'
import { useTestDatabase } from '../support/database'
import { lessonClient, quizSubmission } from '../support/lesson-actions'
import { freshLearner } from '../support/requests'

// A learner who fails, then copies whatever the review page shows into the retake, must
// still have to learn: the review names the wrong questions and explains the picked
// choices, but the right answers only appear once the quiz is passed.
const database = useTestDatabase()
const app = useAppServer()
const check = await checkContent(path.resolve('content'))
const lessons = check.lessons.flatMap((l) => {
  const quiz = l.result.ok ? l.result.assessments.find((a): a is QuizDefinition => a.kind === 'quiz') : undefined
  return quiz ? [{ course: l.courseSlug, slug: l.slug, quiz }] : []
})

beforeAll(async () => {
  await seedDemoOrganisation(database.handle.db)
  expect((await syncContent(database.handle.db, path.resolve('content'))).failed).toEqual([])
})

interface Review {
  passed: boolean
  keyShown: boolean
  questions: { id: string; correct: boolean; choices: { id: string; selected: boolean; correct: boolean | null }[] }[]
}

describe('a retake copied from a failed attempt’s review', () => {
  it.each(lessons)('does not pass $slug', async ({ course, slug, quiz }) => {
    const learner = await freshLearner('copier')
    const lesson = lessonClient(course, slug)
    const attempt = async (pick: (questionId: string) => string) => {
      const page = await lesson.open(learner.cookie)
      const drawn = page.assessments.quizzes[0]!
      const response = await lesson.post(
        learner.cookie,
        quizSubmission(
          page,
          drawn.questionIds.map((id): [string, string] => [`q:${id}`, pick(id)]),
        ),
      )
      expect(response.status).toBe(302)
      const location = response.headers.get('Location') ?? ''
      const routeId = 'routes/courses.$course.$lesson_.attempts.$attemptId'
      const review = await fetch(`${app.url}${location}?_data=${encodeURIComponent(routeId)}`, {
        headers: { Cookie: learner.cookie },
      })
      expect(review.status).toBe(200)
      return (await review.json()) as Review
    }

    const wrongChoice = (id: string) => quiz.questions.find((q) => q.id === id)!.choices.find((c) => !c.correct)!.id
    const failed = await attempt(wrongChoice)
    expect(failed.passed).toBe(false)
    expect(failed.keyShown).toBe(false)
    expect(failed.questions.flatMap((q) => q.choices.filter((c) => !c.selected && c.correct !== null))).toEqual([])

    // Copy the review: a choice it marks right, else the one it showed as yours. A question the
    // review never showed offers nothing to copy, so it counts against the copier.
    const copied = (id: string) => {
      const reviewed = failed.questions.find((q) => q.id === id)
      const key = reviewed?.choices.find((c) => c.correct === true) ?? reviewed?.choices.find((c) => c.selected)
      return key?.id ?? wrongChoice(id)
    }
    const retake = await attempt(copied)
    expect(retake.passed, `${slug}: retake passed`).toBe(false)
    expect(retake.questions.filter((q) => failed.questions.some((f) => f.id === q.id)).every((q) => !q.correct)).toBe(
      true,
    )
  })
})
