import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import { courseModules, courses, lessonCompletions, lessonVersions, lessons, organisations } from '#db/schema'
import type { AssessmentDefinition } from '~/domain/assessments'
import { type PublicRolePlayStart, publicRolePlayStart } from '~/content/public-views'
import { evaluateLesson } from '~/content/render-tree.server'
import type { TreeNode } from '~/domain/lesson-tree'
import { stepAfterPassing } from '~/domain/lesson-completion'
import { getDb } from '~/utils/db.server'
import { lessonAssessmentState, publishedLesson } from './attempts.server'
import { myCourseFeedback } from './course-feedback.server'
import { completeLesson } from './learning-record.server'
import { reflectionsFor } from './reflections.server'
import { Refusal } from '~/domain/refusal'

export async function listCourses(userId: string) {
  const db = getDb()
  const rows = await db
    .select({
      slug: courses.slug,
      title: courses.title,
      summary: courses.summary,
      audience: courses.audience,
      lessons: sql<number>`count(${lessons.id})::int`,
      minutes: sql<number>`coalesce(sum(${lessonVersions.minutes}), 0)::int`,
      completed: sql<number>`count(distinct ${lessonCompletions.lessonId})::int`,
    })
    .from(courses)
    .innerJoin(lessons, and(eq(lessons.courseId, courses.id), isNull(lessons.archivedAt)))
    .innerJoin(lessonVersions, eq(lessonVersions.id, lessons.publishedVersionId))
    .leftJoin(lessonCompletions, and(eq(lessonCompletions.lessonId, lessons.id), eq(lessonCompletions.userId, userId)))
    .where(isNull(courses.archivedAt))
    .groupBy(courses.id)
    .orderBy(asc(courses.position))
  return rows
}

async function publishedLessonsOf(courseId: string, userId: string) {
  return getDb()
    .select({
      id: lessons.id,
      slug: lessons.slug,
      moduleId: lessons.moduleId,
      versionId: lessons.publishedVersionId,
      title: lessonVersions.title,
      summary: lessonVersions.summary,
      minutes: lessonVersions.minutes,
      completed: sql<boolean>`exists (select 1 from ${lessonCompletions} where ${lessonCompletions.lessonId} = ${lessons.id} and ${lessonCompletions.userId} = ${userId})`,
    })
    .from(lessons)
    .innerJoin(lessonVersions, eq(lessonVersions.id, lessons.publishedVersionId))
    .where(and(eq(lessons.courseId, courseId), isNull(lessons.archivedAt)))
    .orderBy(asc(lessons.position))
}

async function findCourse(slug: string) {
  const [course] = await getDb()
    .select()
    .from(courses)
    .where(and(eq(courses.slug, slug), isNull(courses.archivedAt)))
  return course ?? null
}

export async function getCourseOutline(slug: string, userId: string) {
  const course = await findCourse(slug)
  if (!course) return null
  const [modules, courseLessons] = await Promise.all([
    getDb()
      .select()
      .from(courseModules)
      .where(eq(courseModules.courseId, course.id))
      .orderBy(asc(courseModules.position)),
    publishedLessonsOf(course.id, userId),
  ])
  return {
    course: { slug: course.slug, title: course.title, summary: course.summary, audience: course.audience },
    modules: modules
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
  const course = await findCourse(courseSlug)
  if (!course) return null
  const step = stepAfterPassing(await publishedLessonsOf(course.id, userId), lessonSlug)
  return step?.kind === 'course-complete'
    ? { ...step, courseTitle: course.title, feedback: await myCourseFeedback(userId, courseSlug) }
    : step
}

/**
 * Everything the lesson page shows: the evaluated tree (no code), the public view of
 * each role-play's opening scene, and the learner's progress. Answer keys stay here.
 */
export async function getLessonPage(
  courseSlug: string,
  lessonSlug: string,
  user: { id: string; organisationId: string },
) {
  const course = await findCourse(courseSlug)
  if (!course) return null
  const db = getDb()
  const courseLessons = await publishedLessonsOf(course.id, user.id)
  const index = courseLessons.findIndex((l) => l.slug === lessonSlug)
  const current = courseLessons[index]
  if (!current) return null
  if (!current.versionId) return null
  const [content, [org], [completion]] = await Promise.all([
    publishedContent(current.versionId),
    db
      .select({ missionStatement: organisations.missionStatement, name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, user.organisationId)),
    db
      .select({ lessonVersionId: lessonCompletions.lessonVersionId, completedAt: lessonCompletions.completedAt })
      .from(lessonCompletions)
      .where(and(eq(lessonCompletions.userId, user.id), eq(lessonCompletions.lessonId, current.id)))
      .orderBy(sql`${lessonCompletions.completedAt} desc`)
      .limit(1),
  ])
  if (!content) return null
  const [assessmentState, savedReflections] = await Promise.all([
    lessonAssessmentState(user.id, current.id, content.assessments),
    reflectionsFor(user.id, current.versionId),
  ])
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
    tree: content.tree,
    rolePlays: content.rolePlays,
    assessments: assessmentState,
    reflections: savedReflections,
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

interface PublishedContent {
  version: number
  objectives: string[]
  tree: TreeNode[]
  rolePlays: PublicRolePlayStart[]
  /** Server-only: never put in a loader's response. */
  assessments: AssessmentDefinition[]
}

// A lesson version never changes, so what learners see of it is computed once per process.
const contentCache = new Map<string, PublishedContent>()
const CONTENT_CACHE_LIMIT = 500

async function publishedContent(versionId: string): Promise<PublishedContent | null> {
  const hit = contentCache.get(versionId)
  if (hit) return hit
  const [version] = await getDb()
    .select({
      version: lessonVersions.version,
      code: lessonVersions.code,
      assessments: lessonVersions.assessments,
      frontmatter: lessonVersions.frontmatter,
    })
    .from(lessonVersions)
    .where(eq(lessonVersions.id, versionId))
  if (!version) return null
  const { assessments } = version
  const content: PublishedContent = {
    version: version.version,
    objectives: version.frontmatter.objectives ?? [],
    tree: evaluateLesson(version.code),
    rolePlays: assessments.flatMap((a) => (a.kind === 'roleplay' ? [publicRolePlayStart(a)] : [])),
    assessments,
  }
  if (contentCache.size >= CONTENT_CACHE_LIMIT) contentCache.delete(contentCache.keys().next().value as string)
  contentCache.set(versionId, content)
  return content
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
