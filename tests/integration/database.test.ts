import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/pglite'
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

describe('embedded database values', () => {
  // db/client.ts sets drizzle's parsers on the PGlite client once instead of with each statement;
  // what a query returns must not change, in a transaction or out of one.
  it('come back as drizzle’s own PGlite driver returns them', async () => {
    const probe = sql`select
      timestamptz '2026-03-29 01:30:00+00' as at, timestamp '2026-03-29 01:30:00' as local_at,
      date '2026-02-28' as day, interval '1 day 2 hours' as span, 12.50::numeric as amount,
      array[1.5, 2]::numeric[] as amounts, array[timestamptz '2026-01-01 00:00:00+00']::timestamptz[] as ats,
      array[timestamp '2026-01-01 00:00:00']::timestamp[] as local_ats, array[date '2026-01-02']::date[] as days,
      array[interval '3 minutes']::interval[] as spans, array['a', 'b'] as words, 7::bigint as big,
      json_build_object('when', timestamptz '2026-01-01 00:00:00+00') as doc, true as yes`
    const ours = await openDatabase({ kind: 'pglite-memory' })
    const plainClient = await PGlite.create()
    const plain = drizzle({ client: plainClient })
    try {
      const expected = await plain.execute(probe)
      expect(expected.rows[0]).toMatchObject({ at: expect.any(String), ats: expect.any(String) })
      expect((await ours.db.execute(probe)) as unknown).toEqual(expected)
      const inTransaction = await ours.db.transaction((tx) => tx.execute(probe))
      expect(inTransaction as unknown).toEqual(await plain.transaction((tx) => tx.execute(probe)))
    } finally {
      await ours.close()
      await plainClient.close()
    }
  })

  it('round-trip through the query builder: a timestamp written is the instant read back', async () => {
    const { organisationId } = await seedDemoOrganisation(database.handle.db)
    const deactivatedAt = new Date('2026-03-29T01:30:00.123Z')
    const [written] = await database.handle.db
      .insert(users)
      .values({ organisationId, email: 'clock@example.com', name: 'Clock', passwordHash: 'x', deactivatedAt })
      .returning()
    const [read] = await database.handle.db.transaction((tx) =>
      tx
        .select()
        .from(users)
        .where(sql`${users.id} = ${written!.id}`),
    )
    expect(read!.deactivatedAt).toEqual(deactivatedAt)
    expect(read!.createdAt).toBeInstanceOf(Date)
  })
})
