import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import { courseModules, courses, lessonCompletions, lessonVersions, lessons, organisations } from '#db/schema'
import type { AssessmentDefinition } from '~/content/assessment-types'
import { publicRolePlayStart } from '~/content/public-views'
import { lessonTree } from '~/content/render-tree.server'
import { getDb } from '~/utils/db.server'

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
    getDb().select().from(courseModules).where(eq(courseModules.courseId, course.id)).orderBy(asc(courseModules.position)),
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

/**
 * Everything the lesson page shows: the evaluated tree (no code), the public view of
 * each role-play's opening scene, and the learner's progress. Answer keys stay here.
 */
export async function getLessonPage(courseSlug: string, lessonSlug: string, user: { id: string; organisationId: string }) {
  const course = await findCourse(courseSlug)
  if (!course) return null
  const db = getDb()
  const courseLessons = await publishedLessonsOf(course.id, user.id)
  const index = courseLessons.findIndex((l) => l.slug === lessonSlug)
  const current = courseLessons[index]
  if (!current) return null
  const [version] = await db
    .select({ id: lessonVersions.id, version: lessonVersions.version, code: lessonVersions.code, assessments: lessonVersions.assessments, frontmatter: lessonVersions.frontmatter })
    .from(lessonVersions)
    .innerJoin(lessons, eq(lessons.publishedVersionId, lessonVersions.id))
    .where(eq(lessons.id, current.id))
  if (!version) return null
  const [org] = await db
    .select({ missionStatement: organisations.missionStatement, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, user.organisationId))
  const [completion] = await db
    .select({ lessonVersionId: lessonCompletions.lessonVersionId, completedAt: lessonCompletions.completedAt })
    .from(lessonCompletions)
    .where(and(eq(lessonCompletions.userId, user.id), eq(lessonCompletions.lessonId, current.id)))
    .orderBy(sql`${lessonCompletions.completedAt} desc`)
    .limit(1)
  const assessments = version.assessments as AssessmentDefinition[]
  const neighbour = (i: number) => {
    const l = courseLessons[i]
    return l ? { slug: l.slug, title: l.title } : null
  }
  const frontmatter = version.frontmatter as { objectives?: string[] }
  return {
    course: { slug: course.slug, title: course.title },
    lesson: {
      id: current.id,
      slug: current.slug,
      title: current.title,
      summary: current.summary,
      minutes: current.minutes,
      objectives: frontmatter.objectives ?? [],
      versionId: version.id,
      version: version.version,
    },
    tree: lessonTree(version.id, version.code),
    rolePlays: assessments.flatMap((a) => (a.kind === 'roleplay' ? [publicRolePlayStart(a)] : [])),
    organisation: { name: org?.name ?? '', missionStatement: org?.missionStatement ?? null },
    completion: completion
      ? { completedAt: completion.completedAt.toISOString(), onThisVersion: completion.lessonVersionId === version.id }
      : null,
    gradedAssessments: assessments.filter((a) => a.kind !== 'reflection').map((a) => ({ kind: a.kind, id: a.id })),
    previous: neighbour(index - 1),
    next: neighbour(index + 1),
    position: { index: index + 1, total: courseLessons.length },
  }
}

export class CompletionRefused extends Error {}

/** Marks the learner's completion of the published version they were shown. */
export async function markLessonComplete(userId: string, courseSlug: string, lessonSlug: string, versionId: string) {
  const db = getDb()
  const [row] = await db
    .select({ lessonId: lessons.id, publishedVersionId: lessons.publishedVersionId, assessments: lessonVersions.assessments })
    .from(lessons)
    .innerJoin(courses, eq(courses.id, lessons.courseId))
    .innerJoin(lessonVersions, eq(lessonVersions.id, lessons.publishedVersionId))
    .where(and(eq(courses.slug, courseSlug), eq(lessons.slug, lessonSlug), isNull(lessons.archivedAt), isNull(courses.archivedAt)))
  if (!row) return null
  if (row.publishedVersionId !== versionId)
    throw new CompletionRefused('This lesson was updated while you had it open. Reload the page to see the new version.')
  const graded = (row.assessments as AssessmentDefinition[]).filter((a) => a.kind !== 'reflection')
  if (graded.length > 0)
    throw new CompletionRefused('Finish this lesson’s quiz and role-play first: the lesson completes when they are passed.')
  await db.insert(lessonCompletions).values({ userId, lessonId: row.lessonId, lessonVersionId: versionId }).onConflictDoNothing()
  return { lessonId: row.lessonId }
}
