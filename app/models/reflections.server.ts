import { and, eq, isNull } from 'drizzle-orm'
import { courses, lessonVersions, lessons, reflectionReviews, reflections, users } from '#db/schema'
import type { AssessmentDefinition } from '~/content/assessment-types'
import { getDb } from '~/utils/db.server'
import { AssessmentRefused } from './attempts.server'

/**
 * Saves a learner's answer to a reflection prompt, per lesson version: a draft until
 * they submit it; a submitted reflection is final (it goes to their manager).
 */
export async function saveReflection(
  userId: string,
  input: { courseSlug: string; lessonSlug: string; reflectionId: string; versionId: string; body: string; submit: boolean },
) {
  const db = getDb()
  const [row] = await db
    .select({ lessonId: lessons.id, assessments: lessonVersions.assessments, versionLesson: lessonVersions.lessonId })
    .from(lessonVersions)
    .innerJoin(lessons, eq(lessons.id, lessonVersions.lessonId))
    .innerJoin(courses, eq(courses.id, lessons.courseId))
    .where(
      and(
        eq(lessonVersions.id, input.versionId),
        eq(courses.slug, input.courseSlug),
        eq(lessons.slug, input.lessonSlug),
        isNull(lessons.archivedAt),
      ),
    )
  if (!row) throw new AssessmentRefused('That reflection does not belong to this lesson. Reload the page and try again.')
  const prompt = (row.assessments as AssessmentDefinition[]).find((a) => a.kind === 'reflection' && a.id === input.reflectionId)
  if (!prompt || prompt.kind !== 'reflection') throw new AssessmentRefused('This lesson has no such reflection prompt.')
  const body = input.body.trim()
  if (input.submit && body.length < 3) throw new AssessmentRefused('Write your reflection before submitting it.')

  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(reflections)
      .where(and(eq(reflections.userId, userId), eq(reflections.lessonVersionId, input.versionId), eq(reflections.reflectionId, input.reflectionId)))
      .for('update')
    if (existing?.status === 'submitted') throw new AssessmentRefused('You already submitted this reflection; it can no longer be changed.', 409)
    const now = new Date()
    const values = {
      body,
      status: input.submit ? ('submitted' as const) : ('draft' as const),
      updatedAt: now,
      submittedAt: input.submit ? now : null,
    }
    if (existing) await tx.update(reflections).set(values).where(eq(reflections.id, existing.id))
    else
      await tx.insert(reflections).values({
        userId,
        lessonId: row.lessonId,
        lessonVersionId: input.versionId,
        reflectionId: input.reflectionId,
        prompt: prompt.prompt,
        ...values,
      })
    return { status: values.status }
  })
}

/** The learner's own reflections on a lesson version, with their manager's reply once there is one. */
export async function reflectionsFor(userId: string, versionId: string) {
  const rows = await getDb()
    .select({
      reflectionId: reflections.reflectionId,
      body: reflections.body,
      status: reflections.status,
      updatedAt: reflections.updatedAt,
      reply: reflectionReviews.reply,
      repliedAt: reflectionReviews.updatedAt,
      reviewerName: users.name,
    })
    .from(reflections)
    .leftJoin(reflectionReviews, eq(reflectionReviews.reflectionId, reflections.id))
    .leftJoin(users, eq(users.id, reflectionReviews.reviewerId))
    .where(and(eq(reflections.userId, userId), eq(reflections.lessonVersionId, versionId)))
  return rows.map(({ reply, repliedAt, reviewerName, ...r }) => ({
    ...r,
    updatedAt: r.updatedAt.toISOString(),
    reply: reply && repliedAt ? { text: reply, reviewerName, at: repliedAt.toISOString() } : null,
  }))
}
