import fs from 'node:fs'
import path from 'node:path'
import { and, asc, eq, isNotNull, isNull, or, sql } from 'drizzle-orm'
import { isMap, isSeq, parseDocument } from 'yaml'
import type { Db } from '#db/client'
import { courseModules, courses, lessonVersions, lessons } from '#db/schema'
import { contentHash } from './compile.server'

export interface PullReport {
  written: string[]
  /** Lessons made in the studio, now listed in their module in course.yml. */
  listed: string[]
}

/**
 * Writes every studio version that its file does not hold yet back to content/, so it can be
 * committed: the lesson's file and, for a lesson made in the studio or a course reordered
 * there, the order in course.yml. Hashes are recorded, so the next content:sync finds them unchanged.
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
  const touched = new Set<string>()
  for (const lesson of pending) {
    const courseDir = path.join(root, 'courses', lesson.courseSlug)
    fs.mkdirSync(courseDir, { recursive: true })
    fs.writeFileSync(path.join(courseDir, `${lesson.slug}.mdx`), lesson.source)
    report.written.push(`${lesson.courseSlug}/${lesson.slug}`)
    if (lesson.fileHash === null) {
      report.listed.push(`${lesson.courseSlug}/${lesson.slug}`)
      touched.add(lesson.courseSlug)
    }
    await db.update(lessons).set({ fileHash: lesson.contentHash }).where(eq(lessons.id, lesson.lessonId))
  }
  const reordered = await db
    .select({ slug: courses.slug })
    .from(courses)
    .where(and(isNull(courses.archivedAt), eq(courses.reorderedInStudio, true)))
  for (const { slug } of reordered) touched.add(slug)
  for (const slug of touched) await writeCourseOrder(db, root, slug)
  return report
}

/**
 * Writes the course's module and lesson order from the database into its course.yml, keeping
 * the file's comments and layout, and records the file's hash so the next sync finds it unchanged.
 */
async function writeCourseOrder(db: Db, root: string, courseSlug: string) {
  const file = path.join(root, 'courses', courseSlug, 'course.yml')
  if (!fs.existsSync(file)) return
  const rows = await db
    .select({ courseId: courses.id, moduleSlug: courseModules.slug, lessonSlug: lessons.slug })
    .from(courseModules)
    .innerJoin(courses, eq(courses.id, courseModules.courseId))
    .leftJoin(
      lessons,
      and(eq(lessons.moduleId, courseModules.id), isNull(lessons.archivedAt), isNotNull(lessons.fileHash)),
    )
    .where(eq(courses.slug, courseSlug))
    .orderBy(asc(courseModules.position), asc(lessons.position))
  const order = new Map<string, string[]>()
  for (const r of rows) order.set(r.moduleSlug, [...(order.get(r.moduleSlug) ?? []), ...(r.lessonSlug ? [r.lessonSlug] : [])])
  const doc = parseDocument(fs.readFileSync(file, 'utf8'))
  const modules = doc.get('modules')
  if (!isSeq(modules)) return
  const rank = [...order.keys()]
  modules.items.sort((a, b) => rank.indexOf(String(isMap(a) ? a.get('id') : '')) - rank.indexOf(String(isMap(b) ? b.get('id') : '')))
  for (const mod of modules.items) {
    if (!isMap(mod)) continue
    const list = order.get(String(mod.get('id')))
    const current = mod.get('lessons', true)
    if (!list || !isSeq(current)) continue
    const next = doc.createNode(list)
    next.flow = current.flow
    mod.set('lessons', next)
  }
  const text = doc.toString()
  fs.writeFileSync(file, text)
  const courseId = rows[0]?.courseId
  if (courseId)
    await db.update(courses).set({ fileHash: contentHash(text), reorderedInStudio: false }).where(eq(courses.id, courseId))
}
