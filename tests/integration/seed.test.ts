import { eq, sql } from 'drizzle-orm'
import { organisations, teams, users } from '#db/schema'
import { DEMO_PASSWORD, SeedRefusedError, demoPeople, seedDemoOrganisation } from '#db/seed'
import { verifyPassword } from '~/utils/password.server'
import { useTestDatabase } from '../support/database'

const database = useTestDatabase()

describe('demo organisation seed', () => {
  it('refuses to run in production unless forced', async () => {
    await expect(seedDemoOrganisation(database.handle.db, { nodeEnv: 'production' })).rejects.toThrow(SeedRefusedError)
    const [row] = await database.handle.db.select({ n: sql<number>`count(*)::int` }).from(organisations)
    expect(row?.n).toBe(0)
  })

  it('creates an admin, a trainer, two managers, two teams and six or more learners', async () => {
    const result = await seedDemoOrganisation(database.handle.db)
    expect(result.usersCreated).toBe(demoPeople.length)
    const all = await database.handle.db.select().from(users)
    const byRole = (role: string) => all.filter((u) => u.role === role)
    expect(byRole('admin')).toHaveLength(1)
    expect(byRole('trainer')).toHaveLength(1)
    expect(byRole('manager')).toHaveLength(2)
    expect(byRole('learner').length).toBeGreaterThanOrEqual(6)
    expect(all.every((u) => u.hiredAt)).toBe(true)
    expect(await database.handle.db.select().from(teams)).toHaveLength(2)

    const manager = all.find((u) => u.email === 'manager@example.com')
    const learner = all.find((u) => u.email === 'learner@example.com')
    expect(learner?.managerId).toBe(manager?.id)
    expect(learner?.teamId).toBe(manager?.teamId)
    expect(learner?.passwordHash.startsWith('$argon2id$')).toBe(true)
    expect(await verifyPassword(learner?.passwordHash ?? '', DEMO_PASSWORD)).toBe(true)
  })

  it('is idempotent: a second run adds nothing and keeps existing rows', async () => {
    const [before] = await database.handle.db.select().from(users).where(eq(users.email, 'learner@example.com'))
    const again = await seedDemoOrganisation(database.handle.db)
    expect(again.usersCreated).toBe(0)
    const [count] = await database.handle.db.select({ n: sql<number>`count(*)::int` }).from(users)
    expect(count?.n).toBe(demoPeople.length)
    const [after] = await database.handle.db.select().from(users).where(eq(users.email, 'learner@example.com'))
    expect(after?.id).toBe(before?.id)
  })
})
