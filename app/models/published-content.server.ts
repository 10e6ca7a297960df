import { and, asc, eq, isNull } from 'drizzle-orm'
import { competencies, courseModules, courses, lessonVersions, lessons, organisations } from '#db/schema'
import type { AssessmentDefinition } from '~/domain/assessments'
import type { BodySegment } from '~/components/lesson/lesson-body'
import { bodySegments } from '~/content/lesson-html.server'
import { type PublicRolePlayStart, publicRolePlayStart } from '~/content/public-views'
import { evaluateLesson } from '~/content/render-tree.server'
import { cachedContent } from '~/utils/content-cache.server'
import { getDb } from '~/utils/db.server'
import type { DbOrTx } from '#db/client'

// What reads the same for every learner: a course with its published lessons in order, each
// version's body and assessments, an organisation's name and mission. Read once per content
// generation (app/utils/content-cache.server.ts), not once per page view.

export interface OutlineLesson {
  id: string
  slug: string
  moduleId: string | null
  versionId: string
  title: string
  summary: string
  minutes: number
}

export interface CourseOutline {
  course: { id: string; slug: string; title: string; summary: string; audience: string }
  modules: { id: string; title: string }[]
  lessons: OutlineLesson[]
}

const courseColumns = {
  id: courses.id,
  slug: courses.slug,
  title: courses.title,
  summary: courses.summary,
  audience: courses.audience,
}

/** A live course and its published, unarchived lessons in course order; null when there is none. */
export function courseOutline(slug: string, db: DbOrTx = getDb()): Promise<CourseOutline | null> {
  return cachedContent(`course:${slug}`, db, async (db) => {
    const [course] = await db
      .select(courseColumns)
      .from(courses)
      .where(and(eq(courses.slug, slug), isNull(courses.archivedAt)))
    if (!course) return null
    const [modules, courseLessons] = await Promise.all([
      db
        .select({ id: courseModules.id, title: courseModules.title })
        .from(courseModules)
        .where(eq(courseModules.courseId, course.id))
        .orderBy(asc(courseModules.position)),
      db
        .select({
          id: lessons.id,
          slug: lessons.slug,
          moduleId: lessons.moduleId,
          versionId: lessonVersions.id,
          title: lessonVersions.title,
          summary: lessonVersions.summary,
          minutes: lessonVersions.minutes,
        })
        .from(lessons)
        .innerJoin(lessonVersions, eq(lessonVersions.id, lessons.publishedVersionId))
        .where(and(eq(lessons.courseId, course.id), isNull(lessons.archivedAt)))
        .orderBy(asc(lessons.position)),
    ])
    return { course, modules, lessons: courseLessons }
  })
}

export interface CatalogueCourse {
  id: string
  slug: string
  title: string
  summary: string
  audience: string
  lessons: { id: string; slug: string; title: string; minutes: number }[]
}

/** Every live course with at least one published lesson, in catalogue order, its lessons in course order. */
export function catalogue(): Promise<CatalogueCourse[]> {
  return cachedContent('catalogue', getDb(), async (db) => {
    const rows = await db
      .select({
        ...courseColumns,
        lessonId: lessons.id,
        lessonSlug: lessons.slug,
        lessonTitle: lessonVersions.title,
        minutes: lessonVersions.minutes,
      })
      .from(courses)
      .innerJoin(lessons, and(eq(lessons.courseId, courses.id), isNull(lessons.archivedAt)))
      .innerJoin(lessonVersions, eq(lessonVersions.id, lessons.publishedVersionId))
      .where(isNull(courses.archivedAt))
      .orderBy(asc(courses.position), asc(lessons.position))
    const byId = new Map<string, CatalogueCourse>()
    for (const r of rows) {
      let course = byId.get(r.id)
      if (!course) {
        course = { id: r.id, slug: r.slug, title: r.title, summary: r.summary, audience: r.audience, lessons: [] }
        byId.set(r.id, course)
      }
      course.lessons.push({ id: r.lessonId, slug: r.lessonSlug, title: r.lessonTitle, minutes: r.minutes })
    }
    return [...byId.values()]
  })
}

export interface VersionContent {
  lessonId: string
  version: number
  objectives: string[]
  body: BodySegment[]
  rolePlays: PublicRolePlayStart[]
  /** Server-only: never put in a loader's response. */
  assessments: AssessmentDefinition[]
}

// A version never changes once made, so what is derived from it is kept regardless of generation.
const versions = new Map<string, VersionContent>()
const VERSION_LIMIT = 500

export async function versionContent(versionId: string, db: DbOrTx = getDb()): Promise<VersionContent | null> {
  const hit = versions.get(versionId)
  if (hit) return hit
  const [version] = await db
    .select({
      lessonId: lessonVersions.lessonId,
      version: lessonVersions.version,
      code: lessonVersions.code,
      assessments: lessonVersions.assessments,
      frontmatter: lessonVersions.frontmatter,
    })
    .from(lessonVersions)
    .where(eq(lessonVersions.id, versionId))
  if (!version) return null
  const { assessments } = version
  const content: VersionContent = {
    lessonId: version.lessonId,
    version: version.version,
    objectives: version.frontmatter.objectives ?? [],
    body: bodySegments(versionId, evaluateLesson(version.code)),
    rolePlays: assessments.flatMap((a) => (a.kind === 'roleplay' ? [publicRolePlayStart(a)] : [])),
    assessments,
  }
  if (versions.size >= VERSION_LIMIT) versions.delete(versions.keys().next().value as string)
  versions.set(versionId, content)
  return content
}

/** What a lesson shows of its organisation: the name and the mission statement. */
export function organisationForLessons(organisationId: string) {
  return cachedContent(`organisation:${organisationId}`, getDb(), async (db) => {
    const [org] = await db
      .select({ name: organisations.name, missionStatement: organisations.missionStatement })
      .from(organisations)
      .where(eq(organisations.id, organisationId))
    return org ?? null
  })
}

/** Each competency's name by id, in the framework's order (the map's key order). */
export function competencyNames(db: DbOrTx = getDb()): Promise<ReadonlyMap<string, string>> {
  return cachedContent('competency-names', db, async (db) => {
    const rows = await db
      .select({ id: competencies.id, name: competencies.name })
      .from(competencies)
      .orderBy(asc(competencies.position))
    return new Map(rows.map((c) => [c.id, c.name]))
  })
}
