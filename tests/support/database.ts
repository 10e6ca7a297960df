import { afterAll, beforeAll, inject } from 'vitest'
import { type DatabaseHandle, openDatabase } from '#db/client'
import { noteQuery } from './query-budget'
import { setDatabase } from '~/utils/db.server'
import { createDatabaseFrom, databaseUrlFor, dropDatabase } from './postgres-admin'

/**
 * Gives the calling test file a database of its own: an in-memory PGlite by default,
 * or a fresh copy of the migrated template on PostgreSQL when DATABASE_URL is set.
 */
export function useTestDatabase() {
  const state: { handle?: DatabaseHandle; dropName?: string } = {}
  beforeAll(async () => {
    const url = process.env.DATABASE_URL
    if (url) {
      state.dropName = await createDatabaseFrom(url, inject('templateDatabase'))
      state.handle = await openDatabase({
        kind: 'postgres',
        url: databaseUrlFor(url, state.dropName),
        maxConnections: 5,
        onQuery: noteQuery,
      })
    } else {
      state.handle = await openDatabase({ kind: 'pglite-memory', onQuery: noteQuery })
      await state.handle.migrate()
    }
    setDatabase(state.handle)
  })
  afterAll(async () => {
    setDatabase(undefined)
    await state.handle?.close()
    if (state.dropName && process.env.DATABASE_URL) await dropDatabase(process.env.DATABASE_URL, state.dropName)
  })
  return {
    get handle() {
      if (!state.handle) throw new Error('The test database is not open yet')
      return state.handle
    },
  }
}
