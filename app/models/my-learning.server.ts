import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import { attempts, courses, lessonCompletions, lessonVersions, lessons } from '#db/schema'
import { isoDate, todayIn } from '~/domain/calendar'
import { getDb } from '~/utils/db.server'
import { type AssignmentView, assignmentsOf } from './assignments.server'
import { getMissionStatement } from './mission.server'

/** When the learner last did anything in each course: an attempt or a completed lesson. */
async function lastActivityByCourse(userId: string) {
  const db = getDb()
  const [tried, finished] = await Promise.all([
    db
      .select({
        courseId: attempts.courseId,
        at: sql<string>`max(coalesce(${attempts.submittedAt}, ${attempts.startedAt}))`,
      })
      .from(attempts)
      .where(eq(attempts.userId, userId))
      .groupBy(attempts.courseId),
    db
      .select({ courseId: lessons.courseId, at: sql<string>`max(${lessonCompletions.completedAt})` })
      .from(lessonCompletions)
      .innerJoin(lessons, eq(lessons.id, lessonCompletions.lessonId))
      .where(eq(lessonCompletions.userId, userId))
      .groupBy(lessons.courseId),
  ])
  const latest = new Map<string, number>()
  for (const row of [...tried, ...finished])
    latest.set(row.courseId, Math.max(latest.get(row.courseId) ?? 0, new Date(row.at).getTime()))
  return latest
}

/** The first lesson of the item the learner has not completed yet, in course order. */
async function nextLesson(userId: string, assignment: { courseId: string; lessonId: string | null }) {
  const [row] = await getDb()
    .select({ slug: lessons.slug, title: lessonVersions.title, courseSlug: courses.slug, courseTitle: courses.title })
    .from(lessons)
    .innerJoin(lessonVersions, eq(lessonVersions.id, lessons.publishedVersionId))
    .innerJoin(courses, eq(courses.id, lessons.courseId))
    .where(
      and(
        eq(lessons.courseId, assignment.courseId),
        isNull(lessons.archivedAt),
        assignment.lessonId ? eq(lessons.id, assignment.lessonId) : undefined,
        sql`not exists (select 1 from ${lessonCompletions} where ${lessonCompletions.lessonId} = ${lessons.id} and ${lessonCompletions.userId} = ${userId})`,
      ),
    )
    .orderBy(asc(lessons.position))
    .limit(1)
  return row
    ? { href: `/courses/${row.courseSlug}/${row.slug}`, lessonTitle: row.title, courseTitle: row.courseTitle }
    : null
}

/** Courses the learner has finished every published lesson of, with the day they finished. */
export async function completedCourses(userId: string) {
  const rows = await getDb()
    .select({
      id: courses.id,
      slug: courses.slug,
      title: courses.title,
      total: sql<number>`count(${lessons.id})::int`,
      done: sql<number>`count(distinct ${lessonCompletions.lessonId})::int`,
      completedAt: sql<string | null>`max(${lessonCompletions.completedAt})`,
    })
    .from(courses)
    .innerJoin(
      lessons,
      and(eq(lessons.courseId, courses.id), isNull(lessons.archivedAt), sql`${lessons.publishedVersionId} is not null`),
    )
    .leftJoin(lessonCompletions, and(eq(lessonCompletions.lessonId, lessons.id), eq(lessonCompletions.userId, userId)))
    .where(isNull(courses.archivedAt))
    .groupBy(courses.id)
    .orderBy(asc(courses.position))
  return rows
    .filter((r) => r.total > 0 && r.done >= r.total && r.completedAt)
    .map((r) => ({ id: r.id, slug: r.slug, title: r.title, completedOn: isoDate(new Date(r.completedAt!)) }))
}

export async function myLearning(user: { id: string; organisationId: string; timeZone: string }) {
  const userId = user.id
  const [work, activity, done, missionStatement] = await Promise.all([
    assignmentsOf([userId], todayIn(user.timeZone)),
    lastActivityByCourse(userId),
    completedCourses(userId),
    getMissionStatement(user.organisationId),
  ])
  const open = work.filter((a) => a.status !== 'completed')
  // Resume what they touched last; with nothing touched yet, start on the earliest due.
  const touched = [...open].sort((a, b) => (activity.get(b.courseId) ?? 0) - (activity.get(a.courseId) ?? 0))[0]
  const started: AssignmentView | undefined = touched && activity.has(touched.courseId) ? touched : open[0]
  const resume = started ? await nextLesson(userId, started) : null
  return {
    open,
    completed: work.filter((a) => a.status === 'completed'),
    resume: resume ? { ...resume, assignmentTitle: started!.title } : null,
    certificates: done,
    missionStatement,
  }
}
