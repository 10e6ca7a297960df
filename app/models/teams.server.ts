import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import { teams, users } from '#db/schema'
import { getDb, refuseOnConflict } from '~/utils/db.server'
import type { SessionUser } from '~/utils/require-user.server'
import { recordAudit } from './audit.server'
import { Refusal } from '~/domain/refusal'

export async function listTeamsWithCounts(organisationId: string) {
  return getDb()
    .select({
      id: teams.id,
      name: teams.name,
      members: sql<number>`count(${users.id})::int`,
    })
    .from(teams)
    .leftJoin(users, and(eq(users.teamId, teams.id), isNull(users.deactivatedAt)))
    .where(eq(teams.organisationId, organisationId))
    .groupBy(teams.id)
    .orderBy(asc(teams.name))
}

const NAME_TAKEN = 'A team with this name already exists.'

export async function createTeam(actor: SessionUser, name: string) {
  return getDb()
    .transaction(async (tx) => {
      const [existing] = await tx
        .select({ id: teams.id })
        .from(teams)
        .where(and(eq(teams.organisationId, actor.organisationId), sql`lower(${teams.name}) = lower(${name})`))
      if (existing) throw Refusal.ofFields({ name: [NAME_TAKEN] })
      const [team] = await tx
        .insert(teams)
        .values({ organisationId: actor.organisationId, name })
        .returning({ id: teams.id })
      if (!team) throw new Error('Insert returned no row')
      await recordAudit(tx, {
        organisationId: actor.organisationId,
        actorId: actor.id,
        action: 'team.created',
        targetType: 'team',
        targetId: team.id,
        details: { name },
      })
      return team
    })
    .catch(refuseOnConflict(() => Refusal.ofFields({ name: [NAME_TAKEN] }, 409)))
}
