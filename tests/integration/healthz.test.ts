import { openDatabase } from '#db/client'
import { loader as healthz } from '~/routes/healthz'
import { setDatabase } from '~/utils/db.server'
import { useTestDatabase } from '../support/database'
import { jsonOf } from '../support/requests'

const database = useTestDatabase()

describe('GET /healthz', () => {
  it('answers ok after a real query', async () => {
    const response = await healthz()
    expect(response.status).toBe(200)
    expect(await jsonOf(response)).toEqual({ status: 'ok', db: 'ok' })
  })

  it('answers 503 with db down when the database cannot answer', async () => {
    const broken = await openDatabase({ kind: 'pglite-memory' })
    await broken.close()
    setDatabase(broken)
    try {
      const response = await healthz()
      expect(response.status).toBe(503)
      expect(await jsonOf(response)).toMatchObject({ db: 'down' })
    } finally {
      setDatabase(database.handle)
    }
  })

  it('answers 503 when PostgreSQL is unreachable', async () => {
    const unreachable = await openDatabase({
      kind: 'postgres',
      url: 'postgres://nobody@127.0.0.1:1/none',
      maxConnections: 1,
    })
    setDatabase(unreachable)
    try {
      const response = await healthz()
      expect(response.status).toBe(503)
    } finally {
      setDatabase(database.handle)
      await unreachable.close()
    }
  })
})
