import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/pglite'
import { DatabaseLockedError, type DbOrTx, openDatabase } from '#db/client'
import { users } from '#db/schema'
import { seedDemoOrganisation } from '#db/seed'
import { isUniqueViolation } from '~/utils/db.server'
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
  // db/pglite-tuning.ts sets drizzle's parsers on the PGlite client once, and keeps the plan of a
  // statement that comes again: what a query returns must not change, the first time or the
  // fifth, in a transaction or out of one.
  const probe = (text: string, count: number) => sql`select
      timestamptz '2026-03-29 01:30:00+00' as at, timestamp '2026-03-29 01:30:00' as local_at,
      date '2026-02-28' as day, interval '1 day 2 hours' as span, 12.50::numeric as amount,
      array[1.5, 2]::numeric[] as amounts, array[timestamptz '2026-01-01 00:00:00+00']::timestamptz[] as ats,
      array[timestamp '2026-01-01 00:00:00']::timestamp[] as local_ats, array[date '2026-01-02']::date[] as days,
      array[interval '3 minutes']::interval[] as spans, array['a', 'b'] as words, 7::bigint as big,
      json_build_object('when', timestamptz '2026-01-01 00:00:00+00') as doc, true as yes,
      ${text}::text as echoed, ${count}::int + 1 as counted, ${null}::text as nothing, ${true}::boolean as flag`
  const awkward = ["O'Brien", 'back\\slash \\', "'); drop table users; --", "it's \\' both", 'ünïcode ✓', '']

  async function pair() {
    const ours = await openDatabase({ kind: 'pglite-memory' })
    await ours.migrate()
    const plainClient = await PGlite.create()
    return {
      ours,
      plain: drizzle({ client: plainClient }),
      close: async () => {
        await ours.close()
        await plainClient.close()
      },
    }
  }

  it('come back as drizzle’s own PGlite driver returns them, however often a statement runs', async () => {
    const { ours, plain, close } = await pair()
    try {
      for (let round = 0; round < 3; round++) {
        for (const [i, text] of awkward.entries()) {
          const expected = await plain.execute(probe(text, i))
          expect(expected.rows[0]).toMatchObject({ at: expect.any(String), ats: expect.any(String), echoed: text })
          expect((await ours.db.execute(probe(text, i))) as unknown).toEqual(expected)
          const inTransaction = await ours.db.transaction((tx) => tx.execute(probe(text, i)))
          expect(inTransaction as unknown).toEqual(await plain.transaction((tx) => tx.execute(probe(text, i))))
        }
      }
      // The statement is kept by now, and a quote in a value never became SQL.
      const kept = await ours.db.execute(sql`select statement from pg_prepared_statements`)
      expect(JSON.stringify(kept)).toContain('as echoed')
      expect(await ours.db.$count(users)).toBe(0)
    } finally {
      await close()
    }
  })

  it('writes and their refusals are the same when a statement’s plan is kept', async () => {
    const { ours, close } = await pair()
    try {
      const { organisationId } = await seedDemoOrganisation(ours.db)
      for (let i = 0; i < 4; i++) {
        const written = await ours.db.transaction((tx) =>
          tx
            .insert(users)
            .values({ organisationId, email: `kept-${i}@example.com`, name: `Kept ${i}`, passwordHash: 'x' })
            .returning({ email: users.email }),
        )
        expect(written).toEqual([{ email: `kept-${i}@example.com` }])
        const renamed = await ours.db
          .update(users)
          .set({ name: `Renamed ${i}` })
          .where(sql`${users.email} = ${`kept-${i}@example.com`}`)
          .returning({ name: users.name })
        expect(renamed).toEqual([{ name: `Renamed ${i}` }])
        // A second account with the address: the same unique violation, in a transaction or not.
        const again = (db: DbOrTx) =>
          db.insert(users).values({ organisationId, email: `kept-${i}@example.com`, name: 'Copy', passwordHash: 'x' })
        await expect(again(ours.db)).rejects.toSatisfy(isUniqueViolation)
        await expect(ours.db.transaction((tx) => again(tx))).rejects.toSatisfy(isUniqueViolation)
      }
      const kept = await ours.db.execute(sql`select statement from pg_prepared_statements`)
      expect(JSON.stringify(kept)).toMatch(/insert into .*users/)
      // Migrations may change what a statement returns: the plans are dropped after them.
      await ours.migrate()
      expect(await ours.db.execute(sql`select count(*)::int as n from pg_prepared_statements`)).toMatchObject({
        rows: [{ n: 0 }],
      })
    } finally {
      await close()
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
