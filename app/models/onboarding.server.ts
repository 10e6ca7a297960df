import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import { z } from 'zod'
import { courses, onboardingPathItems, teams } from '#db/schema'
import type { FieldErrors } from '~/domain/refusal'
import { getDb } from '~/utils/db.server'
import type { SessionUser } from '~/utils/require-user.server'
import { recordAudit } from './audit.server'
import { Refusal } from '~/domain/refusal'

export const MAX_DUE_DAYS = 365

const dueDaysMessage = `Enter a whole number of days from 0 to ${MAX_DUE_DAYS}.`
const dueDaysSchema = z.number().int(dueDaysMessage).min(0, dueDaysMessage).max(MAX_DUE_DAYS, dueDaysMessage)

/** The add form's fields. It lives here, not in the route, so the route's UI bundle never needs the limit from a server module. */
export const onboardingItemFormSchema = z.object({
  courseId: z.uuid({ message: 'Choose a course.' }),
  teamId: z
    .string()
    .trim()
    .transform((v) => (v === '' ? null : v))
    .pipe(z.uuid({ message: 'Choose who gets it from the list.' }).nullable()),
  dueDays: z
    .string({ message: dueDaysMessage })
    .trim()
    .regex(/^\d{1,4}$/, dueDaysMessage)
    .transform(Number)
    .pipe(dueDaysSchema),
})

export type OnboardingItemInput = z.infer<typeof onboardingItemFormSchema>

/** The path as admins read it: every-hire items first, then each team's, soonest due first. */
export async function listOnboardingPath(organisationId: string) {
  const rows = await getDb()
    .select({
      id: onboardingPathItems.id,
      courseId: onboardingPathItems.courseId,
      courseTitle: courses.title,
      courseArchived: sql<boolean>`${courses.archivedAt} is not null`,
      teamId: onboardingPathItems.teamId,
      teamName: teams.name,
      dueDays: onboardingPathItems.dueDays,
    })
    .from(onboardingPathItems)
    .innerJoin(courses, eq(courses.id, onboardingPathItems.courseId))
    .leftJoin(teams, eq(teams.id, onboardingPathItems.teamId))
    .where(eq(onboardingPathItems.organisationId, organisationId))
    .orderBy(
      asc(sql`${onboardingPathItems.teamId} is not null`),
      asc(teams.name),
      asc(onboardingPathItems.dueDays),
      asc(courses.title),
    )
  return rows.map((r) => ({ ...r, teamName: r.teamName ?? 'Everyone' }))
}

/** Courses that can go on the path: archived ones would never be assigned. */
export async function listPathCourses() {
  return getDb()
    .select({ id: courses.id, title: courses.title })
    .from(courses)
    .where(isNull(courses.archivedAt))
    .orderBy(asc(courses.position), asc(courses.title))
}

/** Adds a course to the path. People already hired keep their assignments as they are. */
export async function addOnboardingItem(actor: SessionUser, input: OnboardingItemInput) {
  return getDb().transaction(async (tx) => {
    const errors: FieldErrors = {}
    if (!dueDaysSchema.safeParse(input.dueDays).success) errors.dueDays = [dueDaysMessage]
    const [course] = await tx
      .select({ id: courses.id, title: courses.title })
      .from(courses)
      .where(and(eq(courses.id, input.courseId), isNull(courses.archivedAt)))
    if (!course) errors.courseId = ['That course does not exist or was archived.']
    let teamName: string | null = null
    if (input.teamId) {
      const [team] = await tx
        .select({ name: teams.name })
        .from(teams)
        .where(and(eq(teams.id, input.teamId), eq(teams.organisationId, actor.organisationId)))
      if (team) teamName = team.name
      else errors.teamId = ['That team does not exist in your organisation.']
    }
    if (Object.keys(errors).length > 0) throw Refusal.ofFields(errors)

    // The unique constraint, not an earlier read, decides: two admins adding the same item at once get one row.
    const [item] = await tx
      .insert(onboardingPathItems)
      .values({
        organisationId: actor.organisationId,
        teamId: input.teamId,
        courseId: input.courseId,
        dueDays: input.dueDays,
      })
      .onConflictDoNothing()
      .returning({ id: onboardingPathItems.id })
    if (!item)
      throw Refusal.ofFields({
        courseId: [`${course?.title ?? 'This course'} is already on the path for ${teamName ?? 'every new hire'}.`],
      })
    await recordAudit(tx, {
      organisationId: actor.organisationId,
      actorId: actor.id,
      action: 'onboarding.item_added',
      targetType: 'onboarding_item',
      targetId: item.id,
      details: { course: course?.title, team: teamName ?? 'Everyone', dueDays: input.dueDays },
    })
    return item
  })
}

/** Takes a course off the path; null when the organisation has no such item. */
export async function removeOnboardingItem(actor: SessionUser, itemId: string) {
  return getDb().transaction(async (tx) => {
    const [removed] = await tx
      .delete(onboardingPathItems)
      .where(and(eq(onboardingPathItems.id, itemId), eq(onboardingPathItems.organisationId, actor.organisationId)))
      .returning({
        id: onboardingPathItems.id,
        courseId: onboardingPathItems.courseId,
        teamId: onboardingPathItems.teamId,
        dueDays: onboardingPathItems.dueDays,
      })
    if (!removed) return null
    const [course] = await tx.select({ title: courses.title }).from(courses).where(eq(courses.id, removed.courseId))
    const [team] = removed.teamId
      ? await tx.select({ name: teams.name }).from(teams).where(eq(teams.id, removed.teamId))
      : []
    await recordAudit(tx, {
      organisationId: actor.organisationId,
      actorId: actor.id,
      action: 'onboarding.item_removed',
      targetType: 'onboarding_item',
      targetId: removed.id,
      details: { course: course?.title, team: team?.name ?? 'Everyone', dueDays: removed.dueDays },
    })
    return removed
  })
}
