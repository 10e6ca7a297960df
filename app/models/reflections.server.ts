import { and, eq, sql } from 'drizzle-orm'
import { reflections } from '#db/schema'
import { getDb } from '~/utils/db.server'
import { checkVersion, publishedLesson } from './attempts.server'
import type { DbOrTx } from '#db/client'
import { Refusal } from '~/domain/refusal'

/**
 * Saves a learner's answer to a reflection prompt, per lesson version: a draft until
 * they submit it; a submitted reflection is final (it goes to their manager). Like every
 * lesson form, one from an older version of the lesson is refused as stale (409).
 */
export async function saveReflection(
  userId: string,
  input: {
    courseSlug: string
    lessonSlug: string
    reflectionId: string
    versionId: string
    body: string
    submit: boolean
  },
  db: DbOrTx = getDb(),
) {
  const lesson = await publishedLesson(db, input.courseSlug, input.lessonSlug)
  await checkVersion(db, lesson, input.versionId)
  const prompt = lesson.assessments.find((a) => a.kind === 'reflection' && a.id === input.reflectionId)
  if (!prompt || prompt.kind !== 'reflection') throw new Refusal('This lesson has no such reflection prompt.')
  const body = input.body.trim()
  if (input.submit && body.length < 3) throw new Refusal('Write your reflection before submitting it.')

  const now = new Date()
  const values = {
    body,
    status: input.submit ? ('submitted' as const) : ('draft' as const),
    updatedAt: now,
    submittedAt: input.submit ? now : null,
  }
  // One row per learner, version and prompt, so a double-clicked save or a second tab updates
  // it instead of racing to insert a second; only a draft may change.
  const [saved] = await db
    .insert(reflections)
    .values({
      userId,
      lessonId: lesson.lessonId,
      lessonVersionId: lesson.versionId,
      reflectionId: prompt.id,
      prompt: prompt.prompt,
      ...values,
    })
    .onConflictDoUpdate({
      target: [reflections.userId, reflections.lessonVersionId, reflections.reflectionId],
      set: values,
      setWhere: sql`${reflections.status} = 'draft'`,
    })
    .returning({ status: reflections.status })
  if (saved) return { status: saved.status }

  const [existing] = await db
    .select({ body: reflections.body })
    .from(reflections)
    .where(
      and(
        eq(reflections.userId, userId),
        eq(reflections.lessonVersionId, lesson.versionId),
        eq(reflections.reflectionId, prompt.id),
      ),
    )
  // The same submission twice (a double click) has had its effect once; say so, not "refused".
  if (input.submit && existing?.body === body) return { status: 'submitted' as const }
  throw new Refusal('You already submitted this reflection; it can no longer be changed.', 409)
}
