import fs from 'node:fs'
import path from 'node:path'
import { and, eq, isNull, or, sql } from 'drizzle-orm'
import { isMap, isSeq, parseDocument } from 'yaml'
import type { Db } from '#db/client'
import { courseModules, courses, lessonVersions, lessons } from '#db/schema'

export interface PullReport {
  written: string[]
  /** Lessons made in the studio that are now listed in their module in course.yml. */
  listed: string[]
}

/**
 * Writes every studio version that its file does not hold yet back to content/, so it can be
 * committed: the lesson's file, and for a lesson made in the studio its place in course.yml.
 * Each lesson's file hash is then the version's, so the next content:sync finds it unchanged.
 */
export async function pullContent(db: Db, root: string): Promise<PullReport> {
  const report: PullReport = { written: [], listed: [] }
  const pending = await db
    .select({
      lessonId: lessons.id,
      slug: lessons.slug,
      courseSlug: courses.slug,
      moduleSlug: courseModules.slug,
      source: lessonVersions.source,
      contentHash: lessonVersions.contentHash,
      fileHash: lessons.fileHash,
    })
    .from(lessons)
    .innerJoin(courses, eq(courses.id, lessons.courseId))
    .innerJoin(lessonVersions, eq(lessonVersions.id, lessons.publishedVersionId))
    .leftJoin(courseModules, eq(courseModules.id, lessons.moduleId))
    .where(
      and(
        isNull(lessons.archivedAt),
        eq(lessonVersions.origin, 'studio'),
        or(isNull(lessons.fileHash), sql`${lessons.fileHash} <> ${lessonVersions.contentHash}`),
      ),
    )
  for (const lesson of pending) {
    const courseDir = path.join(root, 'courses', lesson.courseSlug)
    fs.mkdirSync(courseDir, { recursive: true })
    fs.writeFileSync(path.join(courseDir, `${lesson.slug}.mdx`), lesson.source)
    report.written.push(`${lesson.courseSlug}/${lesson.slug}`)
    if (lesson.fileHash === null && lesson.moduleSlug && listInCourseFile(path.join(courseDir, 'course.yml'), lesson.moduleSlug, lesson.slug))
      report.listed.push(`${lesson.courseSlug}/${lesson.slug}`)
    await db.update(lessons).set({ fileHash: lesson.contentHash }).where(eq(lessons.id, lesson.lessonId))
  }
  return report
}

/** Appends a lesson to its module's list in course.yml, keeping the file's comments and layout. */
function listInCourseFile(file: string, moduleSlug: string, lessonSlug: string) {
  if (!fs.existsSync(file)) return false
  const doc = parseDocument(fs.readFileSync(file, 'utf8'))
  const modules = doc.get('modules')
  if (!isSeq(modules)) return false
  for (const mod of modules.items) {
    if (!isMap(mod) || mod.get('id') !== moduleSlug) continue
    const list = mod.get('lessons')
    if (!isSeq(list) || list.items.some((item) => String(item) === lessonSlug || (item as { value?: unknown }).value === lessonSlug))
      return false
    list.add(lessonSlug)
    fs.writeFileSync(file, doc.toString())
    return true
  }
  return false
}
