import { and, eq, isNull, sql } from 'drizzle-orm'
import { courseFeedback, courses, lessonCompletions, lessons } from '#db/schema'
import { getDb } from '~/utils/db.server'
import { Refusal } from '~/domain/refusal'

/** "How likely are you to recommend this course to a colleague?" — once the learner has finished it; a second answer replaces the first. */
export async function saveCourseFeedback(
  userId: string,
  courseSlug: string,
  input: { score: number; comment: string | null },
) {
  const db = getDb()
  const [course] = await db
    .select({ id: courses.id })
    .from(courses)
    .where(and(eq(courses.slug, courseSlug), isNull(courses.archivedAt)))
  if (!course) return null
  const [progress] = await db
    .select({
      total: sql<number>`count(distinct ${lessons.id})::int`,
      done: sql<number>`count(distinct ${lessonCompletions.lessonId})::int`,
    })
    .from(lessons)
    .leftJoin(lessonCompletions, and(eq(lessonCompletions.lessonId, lessons.id), eq(lessonCompletions.userId, userId)))
    .where(and(eq(lessons.courseId, course.id), isNull(lessons.archivedAt)))
  if (!progress || progress.done < progress.total)
    throw new Refusal('Finish every lesson in the course before rating it.', 409)
  const now = new Date()
  await db
    .insert(courseFeedback)
    .values({ userId, courseId: course.id, score: input.score, comment: input.comment, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [courseFeedback.userId, courseFeedback.courseId],
      set: { score: input.score, comment: input.comment, updatedAt: now },
    })
  return { courseId: course.id }
}

export async function myCourseFeedback(userId: string, courseSlug: string) {
  const [row] = await getDb()
    .select({ score: courseFeedback.score, comment: courseFeedback.comment })
    .from(courseFeedback)
    .innerJoin(courses, eq(courses.id, courseFeedback.courseId))
    .where(and(eq(courseFeedback.userId, userId), eq(courses.slug, courseSlug)))
  return row ?? null
}
