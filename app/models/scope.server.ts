import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import type { DbOrTx } from '#db/client'
import { teams, users } from '#db/schema'
import { can } from '~/domain/permissions'
import { getDb } from '~/utils/db.server'
import type { SessionUser } from '~/utils/require-user.server'

// Who may see whom, in one place: an admin sees everyone active in the organisation, a
// manager their active direct reports, anyone else nobody.

/** The people the actor may see, as a condition on `users` (optionally within one team). */
export function inScope(actor: SessionUser, teamId?: string | null) {
  const everyone = can(actor.role, 'team:view:any')
  if (!everyone && !can(actor.role, 'team:view:own')) return sql`false`
  return and(
    eq(users.organisationId, actor.organisationId),
    isNull(users.deactivatedAt),
    everyone ? undefined : eq(users.managerId, actor.id),
    teamId ? eq(users.teamId, teamId) : undefined,
  )
}

export interface PersonInScope {
  id: string
  name: string
  email: string
  teamId: string | null
  teamName: string | null
  managerId: string | null
}

/** Whom the actor may see and assign to: an admin anyone active in the organisation, a manager their reports. */
export async function peopleInScope(
  actor: SessionUser,
  db: DbOrTx = getDb(),
  teamId?: string | null,
): Promise<PersonInScope[]> {
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      teamId: users.teamId,
      teamName: teams.name,
      managerId: users.managerId,
    })
    .from(users)
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(inScope(actor, teamId))
    .orderBy(asc(users.name))
}

/**
 * `column` (a user id) is one of the people the actor sees, in one team or all. A team page's
 * statements carry this condition rather than a list of 200 ids each. `= any(array(…))` and not
 * `in (select …)`: PostgreSQL then looks each person up by index, where a join to the same
 * subquery reads the whole table (70,000 competency records) to hash it.
 */
export function isInScope(column: AnyPgColumn, actor: SessionUser, teamId?: string | null) {
  return sql`${column} = any(array(${getDb().select({ id: users.id }).from(users).where(inScope(actor, teamId))}))`
}

/** One person, if the actor may see them; otherwise null (a 404), so nobody learns who exists elsewhere. */
export async function personInScope(actor: SessionUser, userId: string, db: DbOrTx = getDb()) {
  const [person] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      teamName: teams.name,
      managerId: users.managerId,
      hiredAt: users.hiredAt,
      organisationId: users.organisationId,
      deactivatedAt: users.deactivatedAt,
    })
    .from(users)
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(and(eq(users.id, userId), inScope(actor)))
  return person ?? null
}

/** Teams a manager may assign to: those with at least one of their reports. Admins: every team. */
export async function assignableTeams(actor: SessionUser) {
  const people = await peopleInScope(actor)
  const all = await getDb()
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(eq(teams.organisationId, actor.organisationId))
    .orderBy(asc(teams.name))
  if (can(actor.role, 'team:view:any')) return all
  const mine = new Set(people.map((p) => p.teamId))
  return all.filter((t) => mine.has(t.id))
}
