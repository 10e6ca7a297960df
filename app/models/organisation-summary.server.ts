import { and, eq, isNull, sql } from 'drizzle-orm'
import { teams, users } from '#db/schema'
import type { Role } from '~/domain/permissions'
import { getDb } from '~/utils/db.server'

export async function organisationSummary(organisationId: string) {
  const db = getDb()
  const byRole = await db
    .select({ role: users.role, count: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.organisationId, organisationId), isNull(users.deactivatedAt)))
    .groupBy(users.role)
  const [teamCount] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(teams)
    .where(eq(teams.organisationId, organisationId))
  const counts: Record<Role, number> = { learner: 0, manager: 0, trainer: 0, admin: 0 }
  for (const row of byRole) counts[row.role] = row.count
  return { activeByRole: counts, teams: teamCount?.count ?? 0 }
}
