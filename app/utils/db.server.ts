import { type DatabaseHandle, type Db, openDatabase, targetFromEnv } from '#db/client'
import { getEnv } from './env.server'

// The HTTP server and the Remix build are bundled separately, so the open handle
// lives on globalThis: both see the same database, and dev rebuilds reuse it.
const globalKey = Symbol.for('servewell.database')
type GlobalWithDb = typeof globalThis & { [globalKey]?: DatabaseHandle }
const store = globalThis as GlobalWithDb

export function setDatabase(handle: DatabaseHandle | undefined) {
  store[globalKey] = handle
}

export function getDatabase(): DatabaseHandle {
  const handle = store[globalKey]
  if (!handle) throw new Error('The database is not open: call connectDatabase() at start-up.')
  return handle
}

export function getDb(): Db {
  return getDatabase().db
}

/**
 * A statement built once per database handle and reused: for a small query, drizzle's building
 * of the SQL and its result mapping cost more than the database does. Not for transactions.
 */
export function preparedOn<T>(build: (db: Db) => T): () => T {
  const built = new WeakMap<Db, T>()
  return () => {
    const db = getDb()
    let statement = built.get(db)
    if (!statement) {
      statement = build(db)
      built.set(db, statement)
    }
    return statement
  }
}

/** Opens the configured database and brings its schema up to date. */
export async function connectDatabase(): Promise<DatabaseHandle> {
  const existing = store[globalKey]
  if (existing) return existing
  const handle = await openDatabase(targetFromEnv(getEnv()))
  try {
    await handle.migrate()
  } catch (error) {
    await handle.close()
    throw error
  }
  setDatabase(handle)
  return handle
}

export async function disconnectDatabase() {
  const handle = store[globalKey]
  setDatabase(undefined)
  await handle?.close()
}

/**
 * Whether an error is a unique-constraint violation: a concurrent identical write (a double
 * click, a second tab) committed first. Drizzle wraps the driver's error, so causes are followed.
 */
export function isUniqueViolation(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if ((cause as Error & { code?: unknown }).code === '23505') return true
  }
  return false
}

/** A catch handler for a write that can race its twin: a unique violation becomes `refusal`, anything else is rethrown. */
export function refuseOnConflict(refusal: () => Error | Promise<Error>) {
  return async (error: unknown): Promise<never> => {
    throw isUniqueViolation(error) ? await refusal() : error
  }
}

/** The rows of a raw `db.execute(sql…)`: PGlite answers { rows: [...] }, postgres.js the rows themselves. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as T[]
}
