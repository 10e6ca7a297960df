import { and, asc, eq, isNull } from 'drizzle-orm'
import type { Db } from '#db/client'
import { courses, lessonVersions, lessons, users } from '#db/schema'
import { seedDemoLearning, seedDemoOrganisation } from '#db/seed'
import type { QuizDefinition } from '~/domain/assessments'
import { type SyncReport, syncContent } from '~/content/sync.server'
import type { QuizResponses } from '~/domain/quiz-scoring'
import { askedQuiz, submitQuiz } from './attempts.server'
import type { DbOrTx } from '#db/client'
import { saveReflection } from './reflections.server'

/**
 * The demo organisation a first start shows: people, content, learning plan and some history,
 * in one transaction, so a start killed half-way leaves an empty database (seeded again on
 * the next start), never a demo with people but no assignments. Content is synced inside it
 * (the plan needs the courses) unless `contentRoot` is null.
 */
export async function seedDemo(
  db: Db,
  options: { contentRoot: string | null; nodeEnv?: string },
): Promise<SyncReport | null> {
  return db.transaction(async (tx) => {
    await seedDemoOrganisation(tx, { nodeEnv: options.nodeEnv })
    const report = options.contentRoot ? await syncContent(tx, options.contentRoot) : null
    await seedDemoLearning(tx)
    await seedDemoProgress(tx)
    return report
  })
}

/** How far each demo learner has got, and how often they answer right. */
const demoLearners: { email: string; lessons: number; accuracy: number }[] = [
  { email: 'omar@example.com', lessons: 2, accuracy: 0.8 },
  { email: 'grace@example.com', lessons: 6, accuracy: 0.9 },
  { email: 'priya@example.com', lessons: 4, accuracy: 0.5 },
  { email: 'sam@example.com', lessons: 8, accuracy: 0.6 },
  { email: 'elif@example.com', lessons: 12, accuracy: 1 },
]

/** A stable pseudo-random number in [0, 1) from a string, so every fresh demo looks the same. */
function unitHash(text: string) {
  let h = 2166136261
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619)
  return (h >>> 0) / 2 ** 32
}

function answers(quiz: QuizDefinition, key: string, accuracy: number): QuizResponses {
  const responses: QuizResponses = {}
  for (const q of quiz.questions) {
    const right = unitHash(`${key}:${q.id}`) < accuracy
    const wrong = q.choices.find((c) => !c.correct)
    responses[q.id] = right || !wrong ? q.choices.filter((c) => c.correct).map((c) => c.id) : [wrong.id]
  }
  return responses
}

/**
 * Gives the demo organisation's longer-serving learners some quiz history, through the
 * same scoring path a learner's submission takes, so the team dashboard and heatmap
 * have something to show on a fresh start.
 */
async function seedDemoProgress(db: DbOrTx, courseSlug = 'service-culture-foundations') {
  const published = await db
    .select({ slug: lessons.slug, versionId: lessons.publishedVersionId, assessments: lessonVersions.assessments })
    .from(lessons)
    .innerJoin(courses, eq(courses.id, lessons.courseId))
    .innerJoin(lessonVersions, eq(lessonVersions.id, lessons.publishedVersionId))
    .where(and(eq(courses.slug, courseSlug), isNull(lessons.archivedAt)))
    .orderBy(asc(lessons.position))
  let submitted = 0
  for (const learner of demoLearners) {
    const [person] = await db.select({ id: users.id }).from(users).where(eq(users.email, learner.email))
    if (!person) continue
    for (const lesson of published.slice(0, learner.lessons)) {
      const quiz = lesson.assessments.find((a): a is QuizDefinition => a.kind === 'quiz')
      if (!quiz || !lesson.versionId) continue
      const key = `demo:${learner.email}:${lesson.slug}`
      await submitQuiz(
        person.id,
        {
          courseSlug,
          lessonSlug: lesson.slug,
          quizId: quiz.id,
          versionId: lesson.versionId,
          attemptNumber: 1,
          idempotencyKey: key,
          responses: answers(askedQuiz(person.id, quiz, 1), key, learner.accuracy),
        },
        db,
      )
      submitted += 1
    }
  }
  await seedDemoReflection(db)
  return { submitted }
}

/** One manager's reflection waiting in the admin's coaching queue. */
async function seedDemoReflection(db: DbOrTx) {
  const [lesson] = await db
    .select({ versionId: lessons.publishedVersionId })
    .from(lessons)
    .innerJoin(courses, eq(courses.id, lessons.courseId))
    .where(and(eq(courses.slug, 'leading-a-service-culture'), eq(lessons.slug, 'build-your-own-culture')))
  const [mia] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'manager@example.com'))
  if (!lesson?.versionId || !mia) return
  await saveReflection(
    mia.id,
    {
      courseSlug: 'leading-a-service-culture',
      lessonSlug: 'build-your-own-culture',
      reflectionId: 'weakest-element',
      versionId: lesson.versionId,
      body: 'Follow-up is our weakest element: three customers this month had to chase us for an answer we had promised by the end of the day. We have no shared list of open promises, so nobody sees them slip.',
      submit: true,
    },
    db,
  )
}
