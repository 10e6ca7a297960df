import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { DatabaseLockedError, openDatabase } from '#db/client'
import { users } from '#db/schema'
import { seedDemoOrganisation } from '#db/seed'
import { useTestDatabase } from '../support/database'

const database = useTestDatabase()

describe('database', () => {
  it('running migrations again changes nothing', async () => {
    const count = async () => {
      const result = await database.handle.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)
      return (
        (result as unknown as { rows?: { n: number }[] }).rows?.[0]?.n ?? (result as unknown as { n: number }[])[0]?.n
      )
    }
    const before = await count()
    await database.handle.migrate()
    expect(await count()).toBe(before)
    expect(before).toBeGreaterThan(0)
  })

  it('treats email addresses case-insensitively as one identity', async () => {
    const { organisationId } = await seedDemoOrganisation(database.handle.db)
    await expect(
      database.handle.db.insert(users).values({
        organisationId,
        email: 'LEARNER@Example.com',
        name: 'Copy',
        passwordHash: 'x',
      }),
    ).rejects.toThrow()
  })
})

describe('embedded database lock', () => {
  it('refuses a second process-level open of the same data directory with a clear error', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'servewell-lock-'))
    const dataDir = path.join(dir, 'pglite')
    const first = await openDatabase({ kind: 'pglite', dataDir })
    try {
      // Simulate another live process holding the lock.
      fs.writeFileSync(path.join(dir, 'pglite.lock'), String(process.ppid))
      await expect(openDatabase({ kind: 'pglite', dataDir })).rejects.toThrow(DatabaseLockedError)
      await expect(openDatabase({ kind: 'pglite', dataDir })).rejects.toThrow(/in use by another process/)
    } finally {
      await first.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('takes over a lock left by a process that no longer exists, and releases it on close', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'servewell-lock-'))
    const dataDir = path.join(dir, 'pglite')
    const lock = path.join(dir, 'pglite.lock')
    fs.writeFileSync(lock, '999999')
    const handle = await openDatabase({ kind: 'pglite', dataDir })
    expect(fs.readFileSync(lock, 'utf8')).toBe(String(process.pid))
    await handle.close()
    expect(fs.existsSync(lock)).toBe(false)
    fs.rmSync(dir, { recursive: true, force: true })
  })
})
