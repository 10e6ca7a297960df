import type { DbOrTx } from '#db/client'
import { PgTransaction } from 'drizzle-orm/pg-core'
import { getDatabase } from './db.server'

// Courses, lessons, the competency framework and organisation settings change rarely and are
// read on nearly every page. Each app server keeps what it read of them in memory, and forgets
// all of it when the content generation moves: a trigger raises that number on every change
// (migration 0014), and every signed-in request reads it with its session
// (findSessionUser), so a publish on one server is seen by the next request on any other.
// Until a request has told it the generation, nothing is cached: scripts and direct model
// calls always read the database.

interface CacheState {
  generation: number | null
  /** Raised on every forget, so a read that started before it is not stored after it. */
  epoch: number
  entries: Map<string, unknown>
}

const MAX_ENTRIES = 5_000
// Per database handle, so tests that switch databases never see each other's content.
const states = new WeakMap<object, CacheState>()

function state(): CacheState {
  const handle = getDatabase()
  let found = states.get(handle)
  if (!found) {
    found = { generation: null, epoch: 0, entries: new Map() }
    states.set(handle, found)
  }
  return found
}

/** Called with the generation a request read: a new one empties the cache. */
export function noteContentGeneration(generation: number) {
  const s = state()
  if (s.generation === generation) return
  s.generation = generation
  s.epoch++
  s.entries.clear()
}

/**
 * `load(db)`'s result, read once per content generation. A null result is not kept, nor one
 * read inside a transaction, which may yet roll back what it saw.
 */
export async function cachedContent<T>(key: string, db: DbOrTx, load: (db: DbOrTx) => Promise<T>): Promise<T> {
  const s = state()
  if (s.entries.has(key)) return s.entries.get(key) as T
  const { epoch } = s
  const value = await load(db)
  if (s.generation !== null && s.epoch === epoch && value !== null && !(db instanceof PgTransaction)) {
    if (s.entries.size >= MAX_ENTRIES) s.entries.clear()
    s.entries.set(key, value)
  }
  return value
}
