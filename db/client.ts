import fs from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'
import { tunedForDrizzle } from './pglite-tuning'
import * as tables from './schema'

export const schema = tables
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>
/** The database or an open transaction: what a function that writes as part of a larger change takes. */
export type DbOrTx = Db | Parameters<Parameters<Db['transaction']>[0]>[0]

/** Sees every statement the app sends: how tests hold pages to a query budget. */
export type QueryListener = (query: string) => void

export type DatabaseTarget = (
  | { kind: 'postgres'; url: string; maxConnections?: number }
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'pglite-memory' }
) & { onQuery?: QueryListener }

export interface DatabaseHandle {
  db: Db
  kind: DatabaseTarget['kind']
  /** Runs a trivial query; rejects when the database cannot answer. */
  ping(): Promise<void>
  migrate(): Promise<void>
  close(): Promise<void>
}

export const defaultMigrationsFolder = path.resolve(process.cwd(), 'db/migrations')

export class DatabaseLockedError extends Error {}

export function targetFromEnv(env: { DATABASE_URL?: string; DATA_DIR: string }): DatabaseTarget {
  if (env.DATABASE_URL) return { kind: 'postgres', url: env.DATABASE_URL }
  return { kind: 'pglite', dataDir: path.resolve(env.DATA_DIR, 'pglite') }
}

function loggerFor(onQuery: QueryListener | undefined) {
  return onQuery ? { logQuery: (query: string) => onQuery(query) } : false
}

export async function openDatabase(
  target: DatabaseTarget,
  migrationsFolder = defaultMigrationsFolder,
): Promise<DatabaseHandle> {
  if (target.kind === 'postgres') {
    const sql = postgres(target.url, {
      max: target.maxConnections ?? 10,
      onnotice: () => {},
      connection: { application_name: 'servewell' },
    })
    const db = drizzlePostgres({ client: sql, schema, logger: loggerFor(target.onQuery) }) as unknown as Db
    return {
      db,
      kind: 'postgres',
      ping: async () => {
        await sql`select 1`
      },
      migrate: () => migratePostgres(db as never, { migrationsFolder }),
      close: () => sql.end({ timeout: 5 }),
    }
  }

  let releaseLock = () => {}
  let client: PGlite
  if (target.kind === 'pglite') {
    fs.mkdirSync(target.dataDir, { recursive: true })
    releaseLock = acquireDirectoryLock(target.dataDir)
    try {
      client = await PGlite.create({ dataDir: target.dataDir })
    } catch (error) {
      releaseLock()
      throw error
    }
  } else {
    client = await PGlite.create()
  }
  const tuned = tunedForDrizzle(client)
  const db = drizzlePglite({
    client: tuned.client,
    schema,
    logger: loggerFor(target.onQuery),
  }) as unknown as Db
  let closed = false
  return {
    db,
    kind: target.kind,
    ping: async () => {
      if (closed) throw new Error('The embedded database is closed.')
      await client.query('select 1')
    },
    migrate: async () => {
      await migratePglite(db as never, { migrationsFolder })
      await tuned.forgetPlans()
    },
    close: async () => {
      if (closed) return
      closed = true
      await client.close()
      releaseLock()
    },
  }
}

/**
 * PGlite is a single-process database: two processes writing one data directory
 * would corrupt it. A lock file with the owner's pid keeps the second one out, and a
 * lock left by a process that no longer exists is taken over.
 */
function acquireDirectoryLock(dataDir: string): () => void {
  const lockPath = path.join(dataDir, '..', `${path.basename(dataDir)}.lock`)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' })
      let released = false
      return () => {
        if (released) return
        released = true
        fs.rmSync(lockPath, { force: true })
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const owner = Number(fs.readFileSync(lockPath, 'utf8').trim())
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new DatabaseLockedError(
          `The embedded database in ${dataDir} is in use by another process (pid ${owner}). ` +
            'Stop that process first, or set DATABASE_URL to use PostgreSQL, which many processes can share.',
        )
      }
      fs.rmSync(lockPath, { force: true })
    }
  }
  throw new DatabaseLockedError(`Could not lock the embedded database in ${dataDir}.`)
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
