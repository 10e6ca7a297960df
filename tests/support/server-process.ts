import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { type Db, openDatabase } from '#db/client'
import { seedDemoOrganisation } from '#db/seed'
import { setDatabase } from '~/utils/db.server'
import { createDatabaseFrom, databaseUrlFor, dropDatabase } from './postgres-admin'

export interface RunningServer {
  url: string
  /** The server process, for benchmarks that watch its memory. */
  pid: number | undefined
  output: () => string
  stop: (signal?: NodeJS.Signals) => Promise<number | null>
}

async function freePort() {
  return new Promise<number>((resolve, reject) => {
    const srv = net.createServer()
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      const port = typeof address === 'object' && address ? address.port : 0
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

/** Where a server under test keeps its data: a temporary PGlite directory, or a scratch PostgreSQL database. */
export interface ServerStorage {
  dataDir: string
  /** Empty on the embedded database. */
  databaseUrl: string
  remove: () => Promise<void>
}

export async function serverStorage(): Promise<ServerStorage> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'servewell-e2e-'))
  const baseUrl = process.env.DATABASE_URL
  const scratch = baseUrl ? await createDatabaseFrom(baseUrl, null, 'servewell_e2e') : null
  return {
    dataDir,
    databaseUrl: baseUrl && scratch ? databaseUrlFor(baseUrl, scratch) : '',
    remove: async () => {
      fs.rmSync(dataDir, { recursive: true, force: true })
      if (baseUrl && scratch) await dropDatabase(baseUrl, scratch)
    },
  }
}

export interface LaunchedServer {
  child: ChildProcess
  url: string
  output: () => string
  exited: Promise<number | null>
}

/** Spawns build/server.js on the given storage, as `npm start` runs it, without waiting for it. */
export async function launchServer(
  storage: ServerStorage,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<LaunchedServer> {
  if (!fs.existsSync('build/server.js')) throw new Error('No build: run `npm run build` first (npm test does it).')
  const port = await freePort()
  const childEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: storage.dataDir,
    DATABASE_URL: storage.databaseUrl,
  }
  // NODE_ENV unset, as under `npm start` (the test runner's "test" is not passed on), unless the caller sets it.
  Reflect.deleteProperty(childEnv, 'NODE_ENV')
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, 'build/server.js'], {
    env: { ...childEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (d) => (output += d))
  child.stderr?.on('data', (d) => (output += d))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, url: `http://127.0.0.1:${port}`, output: () => output, exited }
}

/**
 * Starts the built server (build/server.js) as a user would, on a database of its
 * own: a temporary PGlite directory, or a scratch PostgreSQL database when
 * DATABASE_URL is set. Empty at start, so the server migrates and seeds it, unless `prepare`
 * (or `preseed`) fills it first.
 */
export async function startServer(
  env: Record<string, string> = {},
  options: {
    preseed?: boolean
    prepare?: (db: Db) => Promise<void>
    /** Node flags for the server, such as `--cpu-prof` when a benchmark profiles it. */
    nodeArgs?: string[]
  } = {},
): Promise<RunningServer> {
  const storage = await serverStorage()
  // Before the server opens it: the embedded database admits one process at a time.
  if (options.preseed || options.prepare) {
    const handle = await openDatabase(
      storage.databaseUrl
        ? { kind: 'postgres', url: storage.databaseUrl, maxConnections: 1 }
        : { kind: 'pglite', dataDir: path.join(storage.dataDir, 'pglite') },
    )
    await handle.migrate()
    // A production server never seeds itself; benchmarks seed its database first.
    if (options.preseed) await seedDemoOrganisation(handle.db)
    // As the app's database, so `prepare` may call models and routes, which find it there.
    setDatabase(handle)
    try {
      await options.prepare?.(handle.db)
    } finally {
      setDatabase(undefined)
      await handle.close()
    }
  }
  const { child, url, output, exited } = await launchServer(storage, env, options.nodeArgs)

  const deadline = Date.now() + 45_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Server exited early:\n${output()}`)
    try {
      const res = await fetch(`${url}/healthz`)
      if (res.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`Server did not become healthy:\n${output()}`)
    }
    await new Promise((r) => setTimeout(r, 200))
  }

  return {
    url,
    pid: child.pid,
    output,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal)
      const code = await exited
      await storage.remove()
      return code
    },
  }
}
