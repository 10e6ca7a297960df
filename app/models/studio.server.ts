import { and, asc, desc, eq, isNull, max, ne, sql } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { courseModules, courses, lessonDrafts, lessonVersions, lessons, organisations, users } from '#db/schema'
import { checkLessonSource } from '~/content/check.server'
import { publishLessonVersion } from '~/content/lesson-versions.server'
import type { ContentProblem } from '~/content/problems'
import { Refusal } from '~/domain/refusal'
import { getDb, refuseOnConflict } from '~/utils/db.server'
import { recordAudit } from './audit.server'
import { loadCatalog } from './catalog.server'

export const STARTER_LESSON = `---
title: A new lesson
summary: One sentence on what the learner gains.
minutes: 5
objectives:
  - Something the learner can do afterwards
competencies: [ownership]
principles: [precise-commitments]
---

## A heading

Write the lesson here.
`

/** Every course's lessons as the studio lists them: published version, open drafts, problems. */
export async function studioLessons(db: DbOrTx = getDb()) {
  const rows = await db
    .select({
      courseSlug: courses.slug,
      courseTitle: courses.title,
      moduleTitle: courseModules.title,
      lessonId: lessons.id,
      slug: lessons.slug,
      position: lessons.position,
      title: lessonVersions.title,
      version: lessonVersions.version,
      origin: lessonVersions.origin,
      changedAt: lessonVersions.createdAt,
      changedBy: users.name,
    })
    .from(lessons)
    .innerJoin(courses, eq(courses.id, lessons.courseId))
    .leftJoin(courseModules, eq(courseModules.id, lessons.moduleId))
    .leftJoin(lessonVersions, eq(lessonVersions.id, lessons.publishedVersionId))
    .leftJoin(users, eq(users.id, lessonVersions.createdBy))
    .where(and(isNull(lessons.archivedAt), isNull(courses.archivedAt)))
    .orderBy(asc(courses.position), asc(lessons.position))
  const drafts = await db
    .select({
      lessonId: lessonDrafts.lessonId,
      author: users.name,
      updatedAt: lessonDrafts.updatedAt,
      problemCount: lessonDrafts.problemCount,
    })
    .from(lessonDrafts)
    .innerJoin(users, eq(users.id, lessonDrafts.userId))
    .orderBy(desc(lessonDrafts.updatedAt))
  return rows.map((r) => ({
    ...r,
    changedAt: r.changedAt?.toISOString() ?? null,
    drafts: drafts
      .filter((d) => d.lessonId === r.lessonId)
      .map((d) => ({ author: d.author, updatedAt: d.updatedAt.toISOString(), problemCount: d.problemCount })),
  }))
}

async function findLesson(db: DbOrTx, courseSlug: string, lessonSlug: string) {
  const [row] = await db
    .select({ id: lessons.id, publishedVersionId: lessons.publishedVersionId, courseTitle: courses.title })
    .from(lessons)
    .innerJoin(courses, eq(courses.id, lessons.courseId))
    .where(and(eq(courses.slug, courseSlug), eq(lessons.slug, lessonSlug), isNull(lessons.archivedAt)))
  if (!row) throw new Refusal('No such lesson.', 404)
  return row
}

async function publishedOf(db: DbOrTx, versionId: string | null) {
  if (!versionId) return null
  const [v] = await db
    .select({
      id: lessonVersions.id,
      version: lessonVersions.version,
      source: lessonVersions.source,
      title: lessonVersions.title,
    })
    .from(lessonVersions)
    .where(eq(lessonVersions.id, versionId))
  return v ?? null
}

/**
 * What the editor opens: the trainer's own draft if they have one, else the published
 * source; and who else has a draft of this lesson, so two trainers know of each other.
 */
export async function openLesson(userId: string, courseSlug: string, lessonSlug: string, db: DbOrTx = getDb()) {
  const lesson = await findLesson(db, courseSlug, lessonSlug)
  const published = await publishedOf(db, lesson.publishedVersionId)
  const drafts = await db
    .select({
      userId: lessonDrafts.userId,
      author: users.name,
      source: lessonDrafts.source,
      revision: lessonDrafts.revision,
      baseVersionId: lessonDrafts.baseVersionId,
      updatedAt: lessonDrafts.updatedAt,
      reviewRequestedAt: lessonDrafts.reviewRequestedAt,
    })
    .from(lessonDrafts)
    .innerJoin(users, eq(users.id, lessonDrafts.userId))
    .where(eq(lessonDrafts.lessonId, lesson.id))
  const own = drafts.find((d) => d.userId === userId)
  return {
    needsReview: await needsReview(db, userId),
    reviewRequestedAt: own?.reviewRequestedAt?.toISOString() ?? null,
    reviews: drafts
      .filter((d) => d.userId !== userId && d.reviewRequestedAt)
      .map((d) => ({ authorId: d.userId, author: d.author, requestedAt: d.reviewRequestedAt?.toISOString() ?? '' })),
    courseTitle: lesson.courseTitle,
    published: published && { version: published.version, title: published.title },
    source: own?.source ?? published?.source ?? STARTER_LESSON,
    revision: own?.revision ?? 0,
    draftSavedAt: own?.updatedAt.toISOString() ?? null,
    // Someone published since this draft began: the trainer is editing an older text.
    publishedSinceDraft: Boolean(own && published && own.baseVersionId !== published.id),
    others: drafts
      .filter((d) => d.userId !== userId)
      .map((d) => ({ author: d.author, updatedAt: d.updatedAt.toISOString() })),
  }
}

/** Checks a lesson's source as publishing would, against the catalogue in the database. */
export async function checkSource(source: string, file: string) {
  return checkLessonSource(source, { file, catalog: await loadCatalog() })
}

/** One trainer's draft of a lesson; with a revision, only while it is still that revision. */
const draftWhere = (lessonId: string, userId: string, revision?: number) =>
  and(
    eq(lessonDrafts.lessonId, lessonId),
    eq(lessonDrafts.userId, userId),
    revision === undefined ? undefined : eq(lessonDrafts.revision, revision),
  )

const staleTab = () =>
  new Refusal('This draft was saved from another tab or window since you opened it. Reload to continue from it.', 409)

/**
 * Saves the trainer's draft. `revision` is the one the editor last saw (0: none yet); a save
 * naming an older one comes from a stale tab and is refused, so no edit silently replaces another.
 */
export async function saveDraft(
  userId: string,
  at: { courseSlug: string; lessonSlug: string },
  input: { source: string; revision: number; problemCount: number },
  db: DbOrTx = getDb(),
) {
  const lesson = await findLesson(db, at.courseSlug, at.lessonSlug)
  const now = new Date()
  if (input.revision === 0) {
    const [row] = await db
      .insert(lessonDrafts)
      .values({
        lessonId: lesson.id,
        userId,
        source: input.source,
        baseVersionId: lesson.publishedVersionId,
        problemCount: input.problemCount,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning({ revision: lessonDrafts.revision, updatedAt: lessonDrafts.updatedAt })
    if (!row) throw staleTab()
    return { revision: row.revision, savedAt: row.updatedAt.toISOString() }
  }
  const [row] = await db
    .update(lessonDrafts)
    .set({
      source: input.source,
      problemCount: input.problemCount,
      revision: sql`${lessonDrafts.revision} + 1`,
      updatedAt: now,
      // An edit after asking for review is not what the reviewer would approve.
      reviewRequestedAt: null,
    })
    .where(draftWhere(lesson.id, userId, input.revision))
    .returning({ revision: lessonDrafts.revision, updatedAt: lessonDrafts.updatedAt })
  if (!row) throw staleTab()
  return { revision: row.revision, savedAt: row.updatedAt.toISOString() }
}

export class UnpublishableDraft extends Refusal {
  constructor(readonly problems: ContentProblem[]) {
    super(
      `The draft has ${problems.length} problem${problems.length === 1 ? '' : 's'}; fix ${problems.length === 1 ? 'it' : 'them'} before publishing.`,
      422,
    )
  }
}

/** Whether the asker's organisation wants a second trainer's or an admin's approval before a studio publish. */
async function needsReview(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({ needs: organisations.publishNeedsReview })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.id, userId))
  return row?.needs ?? false
}

/**
 * Publishes one trainer's draft as the lesson's next version, exactly as content:sync would
 * publish a file, after the same full check; a draft with any problem is refused. The draft
 * row is the claim: it is deleted first, so a doubled publish (or approval) makes one version.
 */
async function publishDraftOf(
  db: DbOrTx,
  at: { courseSlug: string; lessonSlug: string },
  draftOf: { authorId: string; revision: number; approvedBy?: string; reviewed?: boolean },
) {
  const lesson = await findLesson(db, at.courseSlug, at.lessonSlug)
  const [draft] = await db
    .select({ source: lessonDrafts.source, revision: lessonDrafts.revision, requested: lessonDrafts.reviewRequestedAt })
    .from(lessonDrafts)
    .where(draftWhere(lesson.id, draftOf.authorId))
  if (!draft) throw new Refusal('There is no draft to publish: it was published already, or never saved.', 409)
  if (draft.revision !== draftOf.revision) throw staleTab()
  if (draftOf.reviewed && !draft.requested)
    throw new Refusal('This draft was changed after review was requested; its author has to ask again.', 409)
  const { result, problems } = await checkSource(draft.source, `${at.lessonSlug}.mdx`)
  if (!result.ok || problems.length > 0) throw new UnpublishableDraft(problems)
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .delete(lessonDrafts)
      .where(draftWhere(lesson.id, draftOf.authorId, draft.revision))
      .returning({ id: lessonDrafts.id })
    if (!claimed) throw new Refusal('This draft was published or changed from another tab. Reload to see it.', 409)
    return publishLessonVersion(
      tx,
      lesson.id,
      { source: draft.source, compiled: result },
      { origin: 'studio', userId: draftOf.authorId, approvedBy: draftOf.approvedBy },
    )
  })
}

/** Publishes the trainer's own draft, where the organisation does not ask for a review first. */
export async function publishDraft(
  userId: string,
  at: { courseSlug: string; lessonSlug: string },
  input: { revision: number },
  db: DbOrTx = getDb(),
) {
  if (await needsReview(db, userId))
    throw new Refusal('Publishing needs another trainer’s or an admin’s approval: ask for a review.', 409)
  return publishDraftOf(db, at, { authorId: userId, revision: input.revision })
}

/** Asks for the review publishing needs; the draft must already pass every check. */
export async function requestReview(
  userId: string,
  at: { courseSlug: string; lessonSlug: string },
  input: { revision: number },
  db: DbOrTx = getDb(),
) {
  const lesson = await findLesson(db, at.courseSlug, at.lessonSlug)
  const [draft] = await db
    .select({ source: lessonDrafts.source })
    .from(lessonDrafts)
    .where(draftWhere(lesson.id, userId, input.revision))
  if (!draft) throw staleTab()
  const { result, problems } = await checkSource(draft.source, `${at.lessonSlug}.mdx`)
  if (!result.ok || problems.length > 0) throw new UnpublishableDraft(problems)
  await db
    .update(lessonDrafts)
    .set({ reviewRequestedAt: new Date() })
    .where(draftWhere(lesson.id, userId, input.revision))
}

/** A draft waiting for review, as its reviewer sees it: its text beside the published one. */
export async function draftForReview(
  reviewerId: string,
  at: { courseSlug: string; lessonSlug: string },
  authorId: string,
  db: DbOrTx = getDb(),
) {
  if (reviewerId === authorId)
    throw new Refusal('You cannot review your own draft; another trainer or an admin does.', 403)
  const lesson = await findLesson(db, at.courseSlug, at.lessonSlug)
  const [draft] = await db
    .select({
      source: lessonDrafts.source,
      revision: lessonDrafts.revision,
      requestedAt: lessonDrafts.reviewRequestedAt,
      author: users.name,
    })
    .from(lessonDrafts)
    .innerJoin(users, eq(users.id, lessonDrafts.userId))
    .where(draftWhere(lesson.id, authorId))
  if (!draft?.requestedAt) throw new Refusal('No draft of this lesson is waiting for review by that trainer.', 404)
  const published = await publishedOf(db, lesson.publishedVersionId)
  return {
    courseTitle: lesson.courseTitle,
    author: draft.author,
    revision: draft.revision,
    requestedAt: draft.requestedAt.toISOString(),
    source: draft.source,
    publishedSource: published?.source ?? '',
    publishedVersion: published?.version ?? null,
  }
}

/** Another trainer (or an admin) approves a draft waiting for review, which publishes it. */
export async function approveDraft(
  reviewerId: string,
  at: { courseSlug: string; lessonSlug: string },
  input: { authorId: string; revision: number },
  db: DbOrTx = getDb(),
) {
  if (reviewerId === input.authorId) throw new Refusal('You cannot approve your own draft.', 403)
  return publishDraftOf(db, at, { ...input, approvedBy: reviewerId, reviewed: true })
}

/** Whether publishing from the studio needs a second trainer's or an admin's approval. */
export async function publishNeedsReviewOf(organisationId: string, db: DbOrTx = getDb()) {
  const [row] = await db
    .select({ needs: organisations.publishNeedsReview })
    .from(organisations)
    .where(eq(organisations.id, organisationId))
  return row?.needs ?? false
}

/** Turns that setting on or off, with an audit entry in the same transaction. */
export async function setPublishNeedsReview(
  actor: { id: string; organisationId: string },
  needs: boolean,
  db: DbOrTx = getDb(),
) {
  await db.transaction(async (tx) => {
    const [changed] = await tx
      .update(organisations)
      .set({ publishNeedsReview: needs })
      .where(and(eq(organisations.id, actor.organisationId), ne(organisations.publishNeedsReview, needs)))
      .returning({ id: organisations.id })
    if (changed)
      await recordAudit(tx, {
        organisationId: actor.organisationId,
        actorId: actor.id,
        action: 'studio.review-setting',
        targetType: 'organisation',
        targetId: actor.organisationId,
        details: { publishNeedsReview: needs },
      })
  })
}

/** Every version of a lesson, newest first, with who made it and where it came from. */
export async function lessonHistory(courseSlug: string, lessonSlug: string, db: DbOrTx = getDb()) {
  const lesson = await findLesson(db, courseSlug, lessonSlug)
  const versions = await db
    .select({
      id: lessonVersions.id,
      version: lessonVersions.version,
      title: lessonVersions.title,
      origin: lessonVersions.origin,
      createdAt: lessonVersions.createdAt,
      author: users.name,
      source: lessonVersions.source,
    })
    .from(lessonVersions)
    .leftJoin(users, eq(users.id, lessonVersions.createdBy))
    .where(eq(lessonVersions.lessonId, lesson.id))
    .orderBy(desc(lessonVersions.version))
  return {
    courseTitle: lesson.courseTitle,
    publishedVersionId: lesson.publishedVersionId,
    versions: versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })),
  }
}

/**
 * Publishes an older version's text again as a new version (attempts stay on the versions
 * they were taken on). It is checked like any publish: the catalogue may have moved on.
 */
export async function restoreVersion(
  userId: string,
  at: { courseSlug: string; lessonSlug: string },
  versionId: string,
  db: DbOrTx = getDb(),
) {
  const lesson = await findLesson(db, at.courseSlug, at.lessonSlug)
  const [old] = await db
    .select({ source: lessonVersions.source, version: lessonVersions.version })
    .from(lessonVersions)
    .where(and(eq(lessonVersions.id, versionId), eq(lessonVersions.lessonId, lesson.id)))
  if (!old) throw new Refusal('No such version of this lesson.', 404)
  if (versionId === lesson.publishedVersionId)
    throw new Refusal(`Version ${old.version} is the published one already.`, 409)
  const { result, problems } = await checkSource(old.source, `${at.lessonSlug}.mdx`)
  if (!result.ok || problems.length > 0) throw new UnpublishableDraft(problems)
  return db.transaction(async (tx) => {
    // Under the lesson's lock, so a doubled restore finds its twin's version published and stops.
    const [current] = await tx
      .select({ contentHash: lessonVersions.contentHash })
      .from(lessons)
      .innerJoin(lessonVersions, eq(lessonVersions.id, lessons.publishedVersionId))
      .where(eq(lessons.id, lesson.id))
      .for('update', { of: lessons })
    if (current?.contentHash === result.contentHash)
      throw new Refusal(`Version ${old.version}’s text is the published one already.`, 409)
    return publishLessonVersion(tx, lesson.id, { source: old.source, compiled: result }, { origin: 'studio', userId })
  })
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/**
 * Makes a new lesson at the end of a module, unpublished (learners see it once it is
 * published), with the trainer's first draft.
 */
export async function createLesson(
  userId: string,
  input: { courseSlug: string; moduleSlug: string; slug: string },
  db: DbOrTx = getDb(),
) {
  if (!SLUG.test(input.slug))
    throw Refusal.ofFields({ slug: ['Use lower-case letters, digits and single hyphens, e.g. "handling-refunds".'] })
  const [mod] = await db
    .select({ id: courseModules.id, courseId: courses.id })
    .from(courseModules)
    .innerJoin(courses, eq(courses.id, courseModules.courseId))
    .where(
      and(eq(courses.slug, input.courseSlug), eq(courseModules.slug, input.moduleSlug), isNull(courses.archivedAt)),
    )
  if (!mod) throw Refusal.ofFields({ module: ['Choose one of the course’s modules.'] })
  const taken = () => Refusal.ofFields({ slug: ['This course already has a lesson with that name.'] }, 409)
  return db
    .transaction(async (tx) => {
      const [last] = await tx
        .select({ position: max(lessons.position) })
        .from(lessons)
        .where(and(eq(lessons.courseId, mod.courseId), ne(lessons.slug, input.slug)))
      const [lesson] = await tx
        .insert(lessons)
        .values({ courseId: mod.courseId, moduleId: mod.id, slug: input.slug, position: (last?.position ?? -1) + 1 })
        .returning({ id: lessons.id })
      if (!lesson) throw new Error('lesson insert returned nothing')
      await tx.insert(lessonDrafts).values({ lessonId: lesson.id, userId, source: STARTER_LESSON, problemCount: 0 })
      return { courseSlug: input.courseSlug, slug: input.slug }
    })
    .catch(refuseOnConflict(taken))
}

/** Where a new lesson can go: every live course's modules, in order. */
export async function studioModules(db: DbOrTx = getDb()) {
  return db
    .select({
      courseSlug: courses.slug,
      courseTitle: courses.title,
      moduleSlug: courseModules.slug,
      moduleTitle: courseModules.title,
    })
    .from(courseModules)
    .innerJoin(courses, eq(courses.id, courseModules.courseId))
    .where(isNull(courses.archivedAt))
    .orderBy(asc(courses.position), asc(courseModules.position))
}

/**
 * Moves a lesson one place up or down within its module, or a module within its course,
 * and renumbers the course's lessons in module order. The course is marked as reordered, so
 * content:sync keeps this order and content:pull writes it to course.yml.
 */
export async function moveInCourse(
  input: { courseSlug: string; kind: 'lesson' | 'module'; slug: string; direction: 'up' | 'down' },
  db: DbOrTx = getDb(),
) {
  return db.transaction(async (tx) => {
    const [course] = await tx
      .select({ id: courses.id })
      .from(courses)
      .where(and(eq(courses.slug, input.courseSlug), isNull(courses.archivedAt)))
      .for('update')
    if (!course) throw new Refusal('No such course.', 404)
    const modules = await tx
      .select({ id: courseModules.id, slug: courseModules.slug })
      .from(courseModules)
      .where(eq(courseModules.courseId, course.id))
      .orderBy(asc(courseModules.position))
    const rows = await tx
      .select({ id: lessons.id, slug: lessons.slug, moduleId: lessons.moduleId })
      .from(lessons)
      .where(and(eq(lessons.courseId, course.id), isNull(lessons.archivedAt)))
      .orderBy(asc(lessons.position))
    const swap = <T>(list: T[], index: number) => {
      if (index < 0) throw new Refusal(`No such ${input.kind} in this course.`, 404)
      const other = input.direction === 'up' ? index - 1 : index + 1
      if (other < 0 || other >= list.length) return false
      ;[list[index], list[other]] = [list[other]!, list[index]!]
      return true
    }
    if (input.kind === 'module') {
      if (
        !swap(
          modules,
          modules.findIndex((m) => m.slug === input.slug),
        )
      )
        return { moved: false }
    } else {
      const lesson = rows.find((r) => r.slug === input.slug)
      if (!lesson) throw new Refusal('No such lesson in this course.', 404)
      const siblings = rows.filter((r) => r.moduleId === lesson.moduleId)
      if (!swap(siblings, siblings.indexOf(lesson))) return { moved: false }
      const rest = rows.filter((r) => r.moduleId !== lesson.moduleId)
      rows.splice(0, rows.length, ...rest, ...siblings)
    }
    for (const [position, m] of modules.entries())
      await tx.update(courseModules).set({ position }).where(eq(courseModules.id, m.id))
    const rank = new Map(modules.map((m, i) => [m.id, i]))
    const ordered = [...rows].sort(
      (a, b) => (rank.get(a.moduleId ?? '') ?? modules.length) - (rank.get(b.moduleId ?? '') ?? modules.length),
    )
    for (const [position, l] of ordered.entries())
      await tx.update(lessons).set({ position }).where(eq(lessons.id, l.id))
    await tx.update(courses).set({ reorderedInStudio: true }).where(eq(courses.id, course.id))
    return { moved: true }
  })
}
