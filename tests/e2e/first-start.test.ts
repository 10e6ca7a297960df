import path from 'node:path'
import { sql } from 'drizzle-orm'
import { openDatabase } from '#db/client'
import { type LaunchedServer, type ServerStorage, launchServer, serverStorage } from '../support/server-process'

// The demo organisation is seeded on the very first start. A start killed part-way must leave
// either nothing (and the next start seeds it) or the whole demo, never people without their
// learning plan.

let storage: ServerStorage
beforeEach(async () => {
  storage = await serverStorage()
})
afterEach(async () => {
  await storage.remove()
})

const openStorage = () =>
  openDatabase(
    storage.databaseUrl
      ? { kind: 'postgres', url: storage.databaseUrl, maxConnections: 1 }
      : { kind: 'pglite', dataDir: path.join(storage.dataDir, 'pglite') },
  )

async function count(db: Awaited<ReturnType<typeof openStorage>>['db'], table: string) {
  const result = (await db.execute(sql`select count(*)::int as n from ${sql.identifier(table)}`)) as unknown
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { n: number }[]
  return rows[0]?.n ?? 0
}

/** What the killed start left behind, read once the process is gone. */
async function demoState() {
  const handle = await openStorage()
  try {
    const organisations = await count(handle.db, 'organisations').catch(() => 0)
    if (organisations === 0) return 'empty'
    const planned = (await count(handle.db, 'onboarding_path_items')) > 0 && (await count(handle.db, 'assignments')) > 0
    return planned ? 'complete' : 'half-seeded'
  } finally {
    await handle.close()
  }
}

async function until(condition: () => Promise<boolean> | boolean, server: LaunchedServer, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (server.child.exitCode !== null) throw new Error(`Server exited:\n${server.output()}`)
    if (Date.now() > deadline) throw new Error(`Timed out:\n${server.output()}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

async function kill(server: LaunchedServer) {
  server.child.kill('SIGKILL')
  await server.exited
}

describe('the first start', () => {
  it('is never seen half-seeded: the organisation appears with its learning plan, or not at all', async () => {
    const server = await launchServer(storage)
    if (storage.databaseUrl) {
      // On PostgreSQL another connection can watch: kill the moment the organisation is visible.
      const watcher = await openStorage()
      try {
        await until(async () => (await count(watcher.db, 'organisations').catch(() => 0)) > 0, server)
      } finally {
        await watcher.close()
      }
    } else {
      await until(() => /Seeded the demo organisation/.test(server.output()), server)
    }
    await kill(server)
    expect(await demoState()).toBe('complete')
  })

  it('seeds the whole demo on the next start after a kill during seeding', async () => {
    const first = await launchServer(storage)
    // Migrating takes a moment and seeding (with the content it needs) some seconds: this lands inside it.
    await new Promise((r) => setTimeout(r, 1_500))
    await kill(first)
    expect(['empty', 'complete']).toContain(await demoState())

    const second = await launchServer(storage)
    try {
      await until(async () => {
        try {
          return (await fetch(`${second.url}/healthz`)).ok
        } catch {
          return false
        }
      }, second)
      const signIn = await fetch(`${second.url}/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: 'learner@example.com', password: 'servewell-demo' }).toString(),
        redirect: 'manual',
      })
      const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
      const learn = await (await fetch(`${second.url}/learn`, { headers: { Cookie: cookie } })).text()
      expect(learn).toMatch(/Service culture foundations/i)
    } finally {
      await kill(second)
    }
    expect(await demoState()).toBe('complete')
  })
})
