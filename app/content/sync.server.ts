import { and, desc, eq, isNull, notInArray, sql } from 'drizzle-orm'
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
import type { ContentProblem } from './problems'

export interface SyncReport {
  newVersions: string[]
  unchanged: string[]
  failed: { lesson: string; problems: ContentProblem[] }[]
  problems: ContentProblem[]
}

/**
 * Loads content/ into the database in one transaction. An unchanged lesson keeps its
 * version; a changed one gets a new version (older attempts keep pointing at theirs);
 * a lesson that fails to compile keeps its published version. Running it twice
 * changes nothing.
 */
export async function syncContent(db: Db, root: string): Promise<SyncReport> {
  const check = await checkContent(root)
  const report: SyncReport = { newVersions: [], unchanged: [], failed: [], problems: check.tree.problems }
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
      const values = {
        title: course.title,
        summary: course.summary,
        audience: course.audience,
        retakePolicy: course.retakePolicy,
        position,
        archivedAt: null,
      }
      const [row] = await tx
        .insert(courses)
        .values({ slug: course.slug, ...values })
        .onConflictDoUpdate({ target: courses.slug, set: values })
        .returning({ id: courses.id })
      if (!row) throw new Error('course upsert returned nothing')

      const moduleIds = new Map<string, string>()
      for (const [m, mod] of course.modules.entries()) {
        const [modRow] = await tx
          .insert(courseModules)
          .values({ courseId: row.id, slug: mod.id, title: mod.title, position: m })
          .onConflictDoUpdate({ target: [courseModules.courseId, courseModules.slug], set: { title: mod.title, position: m } })
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
            set: { position, moduleId: moduleIds.get(lessonFile.moduleId) ?? null, archivedAt: null },
          })
          .returning({ id: lessons.id, publishedVersionId: lessons.publishedVersionId })
        if (!lessonRow) throw new Error('lesson upsert returned nothing')

        const compiled = check.lessons.find((l) => l.courseSlug === course.slug && l.slug === lessonFile.slug)?.result
        if (!compiled || !compiled.ok) {
          report.failed.push({ lesson: label, problems: compiled && !compiled.ok ? compiled.problems : [] })
          continue
        }
        const [existing] = await tx
          .select({ id: lessonVersions.id })
          .from(lessonVersions)
          .where(and(eq(lessonVersions.lessonId, lessonRow.id), eq(lessonVersions.contentHash, compiled.contentHash)))
        let versionId = existing?.id
        if (!versionId) {
          const [latest] = await tx
            .select({ version: lessonVersions.version })
            .from(lessonVersions)
            .where(eq(lessonVersions.lessonId, lessonRow.id))
            .orderBy(desc(lessonVersions.version))
            .limit(1)
          const [inserted] = await tx
            .insert(lessonVersions)
            .values({
              lessonId: lessonRow.id,
              version: (latest?.version ?? 0) + 1,
              contentHash: compiled.contentHash,
              title: compiled.frontmatter.title,
              summary: compiled.frontmatter.summary,
              minutes: compiled.frontmatter.minutes,
              frontmatter: compiled.frontmatter,
              source: check.lessons.find((l) => l.courseSlug === course.slug && l.slug === lessonFile.slug)?.source ?? '',
              code: compiled.code,
              assessments: compiled.assessments,
            })
            .returning({ id: lessonVersions.id })
          versionId = inserted?.id
          report.newVersions.push(label)
        } else if (lessonRow.publishedVersionId === versionId) {
          report.unchanged.push(label)
        } else {
          report.newVersions.push(label)
        }
        if (versionId && lessonRow.publishedVersionId !== versionId)
          await tx.update(lessons).set({ publishedVersionId: versionId }).where(eq(lessons.id, lessonRow.id))
      }
      await tx
        .update(lessons)
        .set({ archivedAt: new Date() })
        .where(
          and(
            eq(lessons.courseId, row.id),
            isNull(lessons.archivedAt),
            liveLessonSlugs.length ? notInArray(lessons.slug, liveLessonSlugs) : undefined,
          ),
        )
    }
    const stale = liveCourseSlugs.length ? notInArray(courses.slug, liveCourseSlugs) : undefined
    await tx.update(courses).set({ archivedAt: new Date() }).where(and(isNull(courses.archivedAt), stale))
  })
  return report
}
