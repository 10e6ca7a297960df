import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm'
import { competencies, courses, lessonVersions, lessons, reflectionReviews, reflections, users } from '#db/schema'
import { ratingEvidence } from '~/domain/rubric'
import { getDb } from '~/utils/db.server'
import type { SessionUser } from '~/utils/require-user.server'
import { inScope, peopleInScope, personInScope } from './scope.server'
import { recordAudit } from './audit.server'
import { loadFramework } from './competency-records.server'
import { recordEvidence } from './learning-record.server'
import { Refusal } from '~/domain/refusal'

/** Submitted reflections of the given people, newest first, with the manager's review if any. */
async function submittedReflections(userIds: string[], filter?: 'waiting' | 'reviewed') {
  if (userIds.length === 0) return []
  const rows = await getDb()
    .select({
      id: reflections.id,
      userId: reflections.userId,
      personName: users.name,
      prompt: reflections.prompt,
      body: reflections.body,
      submittedAt: reflections.submittedAt,
      lessonTitle: lessonVersions.title,
      lessonSlug: lessons.slug,
      courseSlug: courses.slug,
      lessonCompetencies: sql<string[]>`coalesce(${lessonVersions.frontmatter} -> 'competencies', '[]'::jsonb)`,
      reply: reflectionReviews.reply,
      ratedCompetencyId: reflectionReviews.competencyId,
      ratedLevelId: reflectionReviews.levelId,
      reviewedAt: reflectionReviews.updatedAt,
      reviewerName: sql<string | null>`(select name from users r where r.id = ${reflectionReviews.reviewerId})`,
    })
    .from(reflections)
    .innerJoin(users, eq(users.id, reflections.userId))
    .innerJoin(lessonVersions, eq(lessonVersions.id, reflections.lessonVersionId))
    .innerJoin(lessons, eq(lessons.id, reflections.lessonId))
    .innerJoin(courses, eq(courses.id, lessons.courseId))
    .leftJoin(reflectionReviews, eq(reflectionReviews.reflectionId, reflections.id))
    .where(
      and(
        inArray(reflections.userId, userIds),
        eq(reflections.status, 'submitted'),
        filter === 'waiting' ? sql`${reflectionReviews.reflectionId} is null` : undefined,
        filter === 'reviewed' ? isNotNull(reflectionReviews.reflectionId) : undefined,
      ),
    )
    .orderBy(filter === 'waiting' ? asc(reflections.submittedAt) : desc(reflections.submittedAt))
    .limit(200)
  return rows.map((r) => ({
    ...r,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
  }))
}

/** How many submitted reflections of the actor's people (of one team) wait for a reply. */
export async function waitingReflectionCount(actor: SessionUser, teamId?: string | null) {
  const [row] = await getDb()
    .select({ n: sql<number>`count(*)::int` })
    .from(reflections)
    .innerJoin(users, eq(users.id, reflections.userId))
    .where(
      and(
        inScope(actor, teamId),
        eq(reflections.status, 'submitted'),
        sql`not exists (select 1 from ${reflectionReviews} where ${reflectionReviews.reflectionId} = ${reflections.id})`,
      ),
    )
  return row?.n ?? 0
}

/** What a manager reviews: their reports' reflections (an admin: everyone's), waiting ones oldest first. */
export async function coachingQueue(actor: SessionUser, filter: 'waiting' | 'reviewed') {
  const people = await peopleInScope(actor)
  const [items, framework, rubric] = await Promise.all([
    submittedReflections(
      people.map((p) => p.id),
      filter,
    ),
    loadFramework(),
    getDb()
      .select({ id: competencies.id, name: competencies.name, descriptors: competencies.descriptors })
      .from(competencies)
      .orderBy(asc(competencies.position)),
  ])
  return { items, levels: framework.levels, competencies: rubric }
}

export async function reflectionsOfPerson(userId: string) {
  return submittedReflections([userId])
}

export interface ReviewInput {
  reply: string
  competencyId: string | null
  levelId: string | null
}

/**
 * Saves the manager's reply and rating. A rating is evidence on the learner's record,
 * marked manager-rated; rating again replaces it and removing the rating withdraws it.
 */
export async function reviewReflection(actor: SessionUser, reflectionId: string, input: ReviewInput) {
  const framework = await loadFramework()
  const rating = input.competencyId && input.levelId ? ratingEvidence(framework, input.levelId) : null
  if (input.levelId && !rating) throw new Refusal('Choose one of the rubric levels.')
  return getDb().transaction(async (tx) => {
    // The reflection row exists before any review of it: locking it makes two reviews at once
    // (a double click, two tabs) take turns, so the second replaces the first's evidence.
    const [target] = await tx
      .select({
        id: reflections.id,
        userId: reflections.userId,
        status: reflections.status,
        lessonVersionId: reflections.lessonVersionId,
        reflectionId: reflections.reflectionId,
      })
      .from(reflections)
      .where(eq(reflections.id, reflectionId))
      .for('update')
    // personInScope also checks the organisation.
    const person = target ? await personInScope(actor, target.userId, tx) : null
    if (!target || target.status !== 'submitted' || !person)
      throw new Refusal('No such reflection among your people.', 404)
    if (target.userId === actor.id) throw new Refusal('You cannot rate your own reflection.', 403)
    if (input.competencyId) {
      const [known] = await tx
        .select({ id: competencies.id })
        .from(competencies)
        .where(eq(competencies.id, input.competencyId))
      if (!known) throw new Refusal('Choose a competency from the list.')
    }

    const [previous] = await tx.select().from(reflectionReviews).where(eq(reflectionReviews.reflectionId, reflectionId))
    // A new rating replaces the previous one's evidence; removing the rating withdraws it.
    const [evidenceId = null] = await recordEvidence(
      tx,
      target.userId,
      rating && input.competencyId
        ? [
            {
              competencyId: input.competencyId,
              points: rating.points,
              maxPoints: rating.maxPoints,
              source: 'manager',
              attemptId: null,
              lessonVersionId: target.lessonVersionId,
              itemId: `reflection:${target.reflectionId}`,
            },
          ]
        : [],
      { withdraw: previous?.evidenceId ? [previous.evidenceId] : [] },
    )
    const values = {
      reviewerId: actor.id,
      reply: input.reply,
      competencyId: rating ? input.competencyId : null,
      levelId: rating ? input.levelId : null,
      evidenceId,
      updatedAt: new Date(),
    }
    await tx
      .insert(reflectionReviews)
      .values({ reflectionId, ...values })
      .onConflictDoUpdate({ target: reflectionReviews.reflectionId, set: values })
    await recordAudit(tx, {
      organisationId: actor.organisationId,
      actorId: actor.id,
      action: 'reflection.reviewed',
      targetType: 'user',
      targetId: target.userId,
      details: { reflectionId, competencyId: values.competencyId, levelId: values.levelId },
    })
    return { userId: target.userId, rated: Boolean(rating) }
  })
}
