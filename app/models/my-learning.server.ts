import { eq, sql } from 'drizzle-orm'
import { lessonCompletions } from '#db/schema'
import { isoDate, todayIn } from '~/domain/calendar'
import { getDb, preparedOn, rowsOf } from '~/utils/db.server'
import { type AssignmentView, assignmentsOf } from './assignments.server'
import { type CatalogueCourse, catalogue, organisationForLessons } from './published-content.server'

type Completion = { lessonId: string; at: Date }

/** Each course with the learner's progress through its published lessons. */
function coursesWithProgress(courses: readonly CatalogueCourse[], completions: readonly Completion[]) {
  const latest = new Map<string, number>()
  for (const c of completions) latest.set(c.lessonId, Math.max(latest.get(c.lessonId) ?? 0, c.at.getTime()))
  return courses.map((course) => {
    const done = course.lessons.filter((l) => latest.has(l.id))
    return {
      course,
      completed: done.length,
      lastCompletedAt: done.length ? Math.max(...done.map((l) => latest.get(l.id)!)) : null,
      // The first lesson not completed yet, in course order.
      next: course.lessons.find((l) => !latest.has(l.id)) ?? null,
      isDone: (lessonId: string) => latest.has(lessonId),
    }
  })
}

/** The lessons the learner has completed, with when: every course's progress derives from these. */
export const completionsOf = preparedOn((db) =>
  db
    .select({ lessonId: lessonCompletions.lessonId, at: lessonCompletions.completedAt })
    .from(lessonCompletions)
    .where(eq(lessonCompletions.userId, sql.placeholder('userId')))
    .prepare('completions_of'),
)

/** The catalogue with the learner's progress: every live course with a published lesson, in order. */
export async function listCourses(userId: string) {
  const [courses, completions] = await Promise.all([catalogue(), completionsOf().execute({ userId })])
  return coursesWithProgress(courses, completions).map(catalogueEntry)
}

function catalogueEntry({ course, completed }: ReturnType<typeof coursesWithProgress>[number]) {
  return {
    slug: course.slug,
    title: course.title,
    summary: course.summary,
    audience: course.audience,
    lessons: course.lessons.length,
    minutes: course.lessons.reduce((sum, l) => sum + l.minutes, 0),
    completed,
  }
}

/** Courses the learner has finished every published lesson of, with the day they finished. */
export async function completedCourses(userId: string) {
  const [courses, completions] = await Promise.all([catalogue(), completionsOf().execute({ userId })])
  return finishedCourses(coursesWithProgress(courses, completions))
}

function finishedCourses(progress: ReturnType<typeof coursesWithProgress>) {
  return progress.flatMap(({ course, completed, lastCompletedAt }) =>
    completed >= course.lessons.length && lastCompletedAt !== null
      ? [{ id: course.id, slug: course.slug, title: course.title, completedOn: isoDate(new Date(lastCompletedAt)) }]
      : [],
  )
}

interface LearnerRow {
  profile: {
    name: string
    email: string
    role: string
    hiredAt: string | null
    teamName: string | null
    managerName: string | null
  }
  completions: { lessonId: string; at: string }[] | null
  activity: { courseId: string; at: string }[] | null
}

/**
 * Who the learner is, what they completed and when they last did anything in each course (an
 * attempt or a completed lesson): one statement, since each costs the embedded database a
 * round trip through its protocol.
 */
async function learnerFacts(userId: string) {
  const result = await getDb().execute(sql`
    select
      json_build_object('name', u.name, 'email', u.email, 'role', u.role, 'hiredAt', u.hired_at,
        'teamName', t.name, 'managerName', m.name) as profile,
      (select json_agg(json_build_object('lessonId', lesson_id, 'at', completed_at))
        from lesson_completions where user_id = u.id) as completions,
      (select json_agg(json_build_object('courseId', course_id, 'at', at)) from (
          select course_id, max(coalesce(submitted_at, started_at)) as at from attempts
          where user_id = u.id group by course_id
        union all
          select l.course_id, max(c.completed_at) from lesson_completions c
          join lessons l on l.id = c.lesson_id where c.user_id = u.id group by l.course_id
        ) latest) as activity
    from users u
    left join teams t on t.id = u.team_id
    left join users m on m.id = u.manager_id
    where u.id = ${userId}
  `)
  const [row] = rowsOf<LearnerRow>(result)
  if (!row) throw new Response('Not found', { status: 404 })
  const activity = new Map<string, number>()
  for (const a of row.activity ?? [])
    activity.set(a.courseId, Math.max(activity.get(a.courseId) ?? 0, new Date(a.at).getTime()))
  return {
    profile: row.profile,
    completions: (row.completions ?? []).map((c) => ({ lessonId: c.lessonId, at: new Date(c.at) })),
    activity,
  }
}

/** The learner's home: who they are, their assigned work, where to resume, the catalogue and certificates. */
export async function myLearning(user: { id: string; organisationId: string; timeZone: string }) {
  const [facts, work, courses, org] = await Promise.all([
    learnerFacts(user.id),
    assignmentsOf([user.id], todayIn(user.timeZone)),
    catalogue(),
    organisationForLessons(user.organisationId),
  ])
  const progress = coursesWithProgress(courses, facts.completions)
  const open = work.filter((a) => a.status !== 'completed')
  // Resume what they touched last; with nothing touched yet, start on the earliest due.
  const touched = [...open].sort(
    (a, b) => (facts.activity.get(b.courseId) ?? 0) - (facts.activity.get(a.courseId) ?? 0),
  )[0]
  const started: AssignmentView | undefined = touched && facts.activity.has(touched.courseId) ? touched : open[0]
  const resume = started ? resumeAt(progress, started) : null
  return {
    profile: facts.profile,
    courses: progress.map(catalogueEntry),
    open,
    completed: work.filter((a) => a.status === 'completed'),
    resume: resume ? { ...resume, assignmentTitle: started!.title } : null,
    certificates: finishedCourses(progress),
    missionStatement: org?.missionStatement ?? null,
  }
}

/** The first lesson of the assigned item the learner has not completed yet, in course order. */
function resumeAt(
  progress: ReturnType<typeof coursesWithProgress>,
  assignment: { courseId: string; lessonId: string | null },
) {
  const found = progress.find((p) => p.course.id === assignment.courseId)
  if (!found) return null
  const lesson = assignment.lessonId
    ? found.course.lessons.find((l) => l.id === assignment.lessonId && !found.isDone(l.id))
    : found.next
  return lesson
    ? {
        href: `/courses/${found.course.slug}/${lesson.slug}`,
        lessonTitle: lesson.title,
        courseTitle: found.course.title,
      }
    : null
}
