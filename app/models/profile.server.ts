import { eq } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { teams, users } from '#db/schema'
import { getDb } from '~/utils/db.server'

const managers = alias(users, 'managers')

export async function getProfile(userId: string) {
  const [row] = await getDb()
    .select({
      name: users.name,
      email: users.email,
      role: users.role,
      hiredAt: users.hiredAt,
      teamName: teams.name,
      managerName: managers.name,
    })
    .from(users)
    .leftJoin(teams, eq(teams.id, users.teamId))
    .leftJoin(managers, eq(managers.id, users.managerId))
    .where(eq(users.id, userId))
  if (!row) throw new Response('Not found', { status: 404 })
  return row
}
