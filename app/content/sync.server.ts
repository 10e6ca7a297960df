import fs from 'node:fs'
import path from 'node:path'
import { and, desc, eq, isNotNull, isNull, notInArray, sql } from 'drizzle-orm'
import type { Db } from '#db/client'
import {
  competencies,
  competencyFramework,
  courseModules,
  courses,
  lessonVersions,
  lessons,
  principles,
} from '#db/schema'
import { checkContent } from './check.server'
import { contentHash } from './compile.server'
import { publishLessonVersion } from './lesson-versions.server'
import type { ContentProblem } from './problems'

export interface SyncReport {
  newVersions: string[]
  unchanged: string[]
  /** Lessons (or a course.yml's order) changed both in their file and in the studio since the last sync: the studio's stands. */
  conflicts: string[]
  failed: { lesson: string; problems: ContentProblem[] }[]
  problems: ContentProblem[]
}

/**
 * Loads content/ into the database in one transaction. A lesson whose file is unchanged
 * since the last sync keeps its published version (which may be the studio's); a changed
 * file becomes a new version (older attempts keep pointing at theirs) unless the studio
 * published since, which is reported as a conflict (`preferFiles` publishes the file
 * anyway); a lesson that fails to compile keeps its published version. Running it twice
 * changes nothing.
 */
export async function syncContent(db: Db, root: string, options: { preferFiles?: boolean } = {}): Promise<SyncReport> {
  const check = await checkContent(root)
  const report: SyncReport = { newVersions: [], unchanged: [], conflicts: [], failed: [], problems: check.tree.problems }
  const { framework } = check.tree
  if (!framework) return report

  await db.transaction(async (tx) => {
    // Two servers starting together against one PostgreSQL take turns.
    await tx.execute(sql`select pg_advisory_xact_lock(4242001)`)
    await tx
      .insert(competencyFramework)
      .values({ id: 1, levels: framework.levels, minimumItems: framework.minimumItems })
      .onConflictDoUpdate({
        target: competencyFramework.id,
        set: { levels: framework.levels, minimumItems: framework.minimumItems },
      })
    for (const [position, c] of framework.competencies.entries()) {
      const values = { name: c.name, description: c.description, descriptors: c.descriptors, position }
      await tx.insert(competencies).values({ id: c.id, ...values }).onConflictDoUpdate({ target: competencies.id, set: values })
    }
    for (const [position, p] of check.tree.principles.entries()) {
      if (!check.tree.catalog.competencies.has(p.competency)) continue
      const values = { name: p.name, summary: p.summary, competencyId: p.competency, position }
      await tx.insert(principles).values({ id: p.id, ...values }).onConflictDoUpdate({ target: principles.id, set: values })
    }

    const liveCourseSlugs: string[] = []
    for (const [position, course] of check.tree.courses.entries()) {
      liveCourseSlugs.push(course.slug)
      // course.yml's metadata and order apply only when the file changed since the last sync, so a
      // reordering made in the studio stands; if both changed, the studio's stands and it is reported.
      const fileHash = contentHash(fs.readFileSync(path.join(course.dir, 'course.yml'), 'utf8'))
      const [known] = await tx
        .select({ fileHash: courses.fileHash, reordered: courses.reorderedInStudio })
        .from(courses)
        .where(eq(courses.slug, course.slug))
      const fileChanged = known?.fileHash !== fileHash
      if (fileChanged && known?.reordered && !options.preferFiles) report.conflicts.push(`${course.slug}/course.yml`)
      const applyFile = fileChanged && (!known?.reordered || Boolean(options.preferFiles))
      const values = {
        title: course.title,
        summary: course.summary,
        audience: course.audience,
        retakePolicy: course.retakePolicy,
        position,
        archivedAt: null,
        fileHash,
        reorderedInStudio: false,
      }
      const [row] = await tx
        .insert(courses)
        .values({ slug: course.slug, ...values })
        .onConflictDoUpdate({ target: courses.slug, set: applyFile ? values : { position, archivedAt: null } })
        .returning({ id: courses.id })
      if (!row) throw new Error('course upsert returned nothing')

      const moduleIds = new Map<string, string>()
      for (const [m, mod] of course.modules.entries()) {
        const [modRow] = await tx
          .insert(courseModules)
          .values({ courseId: row.id, slug: mod.id, title: mod.title, position: m })
          .onConflictDoUpdate({
            target: [courseModules.courseId, courseModules.slug],
            set: applyFile ? { title: mod.title, position: m } : { slug: mod.id },
          })
          .returning({ id: courseModules.id })
        if (modRow) moduleIds.set(mod.id, modRow.id)
      }

      const liveLessonSlugs: string[] = []
      for (const [position, lessonFile] of course.lessonFiles.entries()) {
        liveLessonSlugs.push(lessonFile.slug)
        const label = `${course.slug}/${lessonFile.slug}`
        const [lessonRow] = await tx
          .insert(lessons)
          .values({ courseId: row.id, slug: lessonFile.slug, position, moduleId: moduleIds.get(lessonFile.moduleId) ?? null })
          .onConflictDoUpdate({
            target: [lessons.courseId, lessons.slug],
            set: applyFile
              ? { position, moduleId: moduleIds.get(lessonFile.moduleId) ?? null, archivedAt: null }
              : { slug: lessonFile.slug },
          })
          .returning({ id: lessons.id, publishedVersionId: lessons.publishedVersionId, fileHash: lessons.fileHash })
        if (!lessonRow) throw new Error('lesson upsert returned nothing')

        const checked = check.lessons.find((l) => l.courseSlug === course.slug && l.slug === lessonFile.slug)
        const compiled = checked?.result
        if (!compiled || !compiled.ok) {
          report.failed.push({ lesson: label, problems: compiled && !compiled.ok ? compiled.problems : [] })
          continue
        }
        // The file is published only when it changed since the last sync read it. If the studio
        // published since then too, both sides changed: report it and publish neither.
        if (lessonRow.fileHash === compiled.contentHash) {
          report.unchanged.push(label)
          continue
        }
        const [published] = lessonRow.publishedVersionId
          ? await tx
              .select({ origin: lessonVersions.origin, contentHash: lessonVersions.contentHash })
              .from(lessonVersions)
              .where(eq(lessonVersions.id, lessonRow.publishedVersionId))
          : []
        if (published?.contentHash === compiled.contentHash) {
          report.unchanged.push(label)
        } else if (published?.origin === 'studio' && !options.preferFiles) {
          report.conflicts.push(label)
          continue
        } else {
          // A file reverted to an earlier text publishes that version again rather than a copy.
          const [earlier] = await tx
            .select({ id: lessonVersions.id })
            .from(lessonVersions)
            .where(and(eq(lessonVersions.lessonId, lessonRow.id), eq(lessonVersions.contentHash, compiled.contentHash)))
            .orderBy(desc(lessonVersions.version))
            .limit(1)
          if (earlier) await tx.update(lessons).set({ publishedVersionId: earlier.id }).where(eq(lessons.id, lessonRow.id))
          else {
            await publishLessonVersion(tx, lessonRow.id, { source: checked?.source ?? '', compiled }, { origin: 'file' })
          }
          report.newVersions.push(label)
        }
        await tx.update(lessons).set({ fileHash: compiled.contentHash }).where(eq(lessons.id, lessonRow.id))
      }
      if (!applyFile) continue
      await tx
        .update(lessons)
        .set({ archivedAt: new Date() })
        .where(
          and(
            eq(lessons.courseId, row.id),
            isNull(lessons.archivedAt),
            // A lesson made in the studio has no file to miss until content:pull writes one.
            isNotNull(lessons.fileHash),
            liveLessonSlugs.length ? notInArray(lessons.slug, liveLessonSlugs) : undefined,
          ),
        )
    }
    const stale = liveCourseSlugs.length ? notInArray(courses.slug, liveCourseSlugs) : undefined
    await tx.update(courses).set({ archivedAt: new Date() }).where(and(isNull(courses.archivedAt), stale))
  })
  return report
}
