import { stepAfterPassing } from '~/domain/lesson-completion'
import { getDb } from '~/utils/db.server'
import { lessonAssessmentState, publishedLesson } from './attempts.server'
import { myCourseFeedback } from './course-feedback.server'
import { completeLesson } from './learning-record.server'
import { type CourseOutline, courseOutline, organisationForLessons, versionContent } from './published-content.server'
import { lessonProgress } from './lesson-progress.server'
import { completionsOf } from './my-learning.server'
import { Refusal } from '~/domain/refusal'

async function lessonsWithProgress(outline: CourseOutline, userId: string) {
  const done = new Set((await completionsOf().execute({ userId })).map((r) => r.lessonId))
  return outline.lessons.map((l) => ({ ...l, completed: done.has(l.id) }))
}

export async function getCourseOutline(slug: string, userId: string) {
  const outline = await courseOutline(slug)
  if (!outline) return null
  const courseLessons = await lessonsWithProgress(outline, userId)
  const { course } = outline
  return {
    course: { slug: course.slug, title: course.title, summary: course.summary, audience: course.audience },
    modules: outline.modules
      .map((m) => ({ id: m.id, title: m.title, lessons: courseLessons.filter((l) => l.moduleId === m.id) }))
      .filter((m) => m.lessons.length > 0),
    progress: {
      completed: courseLessons.filter((l) => l.completed).length,
      total: courseLessons.length,
      minutes: courseLessons.reduce((sum, l) => sum + l.minutes, 0),
    },
  }
}

/** Where the learner goes from a passed quiz in this lesson: the next lesson, or the end of the course. */
export async function stepAfterQuiz(courseSlug: string, lessonSlug: string, userId: string) {
  const outline = await courseOutline(courseSlug)
  if (!outline) return null
  const step = stepAfterPassing(await lessonsWithProgress(outline, userId), lessonSlug)
  return step?.kind === 'course-complete'
    ? { ...step, courseTitle: outline.course.title, feedback: await myCourseFeedback(userId, courseSlug) }
    : step
}

/**
 * Everything the lesson page shows: the body (static prose as HTML rendered once per version,
 * interactive parts as tree nodes; no code), the public view of each role-play's opening scene,
 * and the learner's progress. Answer keys stay here.
 */
export async function getLessonPage(
  courseSlug: string,
  lessonSlug: string,
  user: { id: string; organisationId: string },
) {
  const outline = await courseOutline(courseSlug)
  if (!outline) return null
  const { course, lessons: courseLessons } = outline
  const index = courseLessons.findIndex((l) => l.slug === lessonSlug)
  const current = courseLessons[index]
  if (!current) return null
  const [content, org] = await Promise.all([
    versionContent(current.versionId),
    organisationForLessons(user.organisationId),
  ])
  if (!content) return null
  const progress = await lessonProgress(user.id, current.id, current.versionId)
  const { completion } = progress
  const neighbour = (i: number) => {
    const l = courseLessons[i]
    return l ? { slug: l.slug, title: l.title } : null
  }
  return {
    course: { slug: course.slug, title: course.title },
    lesson: {
      id: current.id,
      slug: current.slug,
      title: current.title,
      summary: current.summary,
      minutes: current.minutes,
      objectives: content.objectives,
      versionId: current.versionId,
      version: content.version,
    },
    body: content.body,
    rolePlays: content.rolePlays,
    assessments: await lessonAssessmentState(user.id, content.assessments, progress),
    reflections: progress.reflections,
    organisation: { name: org?.name ?? '', missionStatement: org?.missionStatement ?? null },
    completion: completion
      ? {
          completedAt: completion.completedAt.toISOString(),
          onThisVersion: completion.lessonVersionId === current.versionId,
        }
      : null,
    previous: neighbour(index - 1),
    next: neighbour(index + 1),
    position: { index: index + 1, total: courseLessons.length },
  }
}

/** Marks the learner's completion of the published version they were shown. */
export async function markLessonComplete(userId: string, courseSlug: string, lessonSlug: string, versionId: string) {
  const db = getDb()
  const lesson = await publishedLesson(db, courseSlug, lessonSlug)
  if (lesson.versionId !== versionId)
    throw new Refusal('This lesson was updated while you had it open. Reload the page to see the new version.', 409)
  const completed = await db.transaction((tx) => completeLesson(tx, userId, lesson))
  if (!completed)
    throw new Refusal('Finish this lesson’s quiz and role-play first: the lesson completes when they are passed.', 409)
  return { lessonId: lesson.lessonId }
}
