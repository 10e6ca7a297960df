import { desc, eq } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { lessonVersions, lessons } from '#db/schema'
import type { CompileResult } from './compile.server'

export type CompiledLesson = Extract<CompileResult, { ok: true }>

/**
 * Publishes a compiled lesson as its next version: the one way a version is made, by
 * content:sync from a file and by the studio. The lesson's row is locked first, so two
 * publishes of one lesson take turns instead of racing for the same version number.
 */
export async function publishLessonVersion(
  tx: DbOrTx,
  lessonId: string,
  lesson: { source: string; compiled: CompiledLesson },
  by: { origin: 'file' | 'studio'; userId?: string | null; approvedBy?: string | null },
) {
  await tx.select({ id: lessons.id }).from(lessons).where(eq(lessons.id, lessonId)).for('update')
  const [latest] = await tx
    .select({ version: lessonVersions.version })
    .from(lessonVersions)
    .where(eq(lessonVersions.lessonId, lessonId))
    .orderBy(desc(lessonVersions.version))
    .limit(1)
  const { compiled } = lesson
  const [inserted] = await tx
    .insert(lessonVersions)
    .values({
      lessonId,
      version: (latest?.version ?? 0) + 1,
      contentHash: compiled.contentHash,
      title: compiled.frontmatter.title,
      summary: compiled.frontmatter.summary,
      minutes: compiled.frontmatter.minutes,
      frontmatter: compiled.frontmatter,
      source: lesson.source,
      code: compiled.code,
      assessments: compiled.assessments,
      origin: by.origin,
      createdBy: by.userId ?? null,
      approvedBy: by.approvedBy ?? null,
    })
    .returning({ id: lessonVersions.id, version: lessonVersions.version })
  if (!inserted) throw new Error('version insert returned nothing')
  await tx.update(lessons).set({ publishedVersionId: inserted.id }).where(eq(lessons.id, lessonId))
  return inserted
}
