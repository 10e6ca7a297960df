import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { type ServerBuild, broadcastDevReady } from '@remix-run/node'
import { formatProblem } from '../app/content/problems'
import { type SyncReport, syncContent } from '../app/content/sync.server'
import { seedDemo } from '../app/models/demo.server'
import { isDatabaseEmpty } from '../db/seed'
import { createMailTransport, startReminderWorker } from '../app/reminders/worker.server'
import { connectDatabase, disconnectDatabase, getDatabase } from '../app/utils/db.server'
import { getEnv, remixMode } from '../app/utils/env.server'
import { deleteStaleSessions } from '../app/utils/session.server'
import { createServerApp } from './app'

const SHUTDOWN_GRACE_MS = 10_000

async function main() {
  const env = getEnv()
  const database = await connectDatabase()
  const contentRoot = env.CONTENT_SYNC_ON_START ? path.resolve('content') : null
  if (env.NODE_ENV !== 'production' && (await isDatabaseEmpty(database.db))) {
    reportContent(await seedDemo(database.db, { contentRoot, nodeEnv: env.NODE_ENV }))
    console.log('Seeded the demo organisation (password for every demo account: servewell-demo).')
  } else if (contentRoot) {
    // Content that cannot be read must not keep the server down: it serves the published versions.
    reportContent(
      await syncContent(database.db, contentRoot).catch((error: unknown) => {
        console.error(
          `Content sync failed, serving the published lessons: ${error instanceof Error ? error.message : error}`,
        )
        return null
      }),
    )
  }
  await deleteStaleSessions()
  const reminders =
    env.REMINDER_INTERVAL_SECONDS > 0
      ? startReminderWorker({
          getDatabase,
          intervalMs: env.REMINDER_INTERVAL_SECONDS * 1000,
          transport: createMailTransport(env.SMTP_URL),
          from: env.MAIL_FROM,
          appUrl: env.APP_URL,
        })
      : null

  const buildPath = path.resolve('build/index.js')
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild
  const app = createServerApp({ build, mode: remixMode(env), trustProxy: env.TRUST_PROXY })

  const server = app.listen(env.PORT, env.HOST, () => {
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : env.PORT
    console.log(`Servewell is listening on http://localhost:${port} (${database.kind} database)`)
    if (process.env.REMIX_DEV_ORIGIN) broadcastDevReady(build)
  })

  let stopping = false
  const shutdown = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`${signal} received: finishing in-flight requests…`)
    const force = setTimeout(() => {
      console.error('Shutdown took too long; exiting.')
      process.exit(1)
    }, SHUTDOWN_GRACE_MS)
    force.unref()
    // Stopped first, so no new round starts while requests finish; awaited before the database closes.
    const remindersStopped = reminders?.stop()
    server.close(async () => {
      await remindersStopped
      await disconnectDatabase()
      console.log('Stopped cleanly.')
      process.exit(0)
    })
    // Keep-alive sockets idle between requests would hold close() open until they time out.
    server.closeIdleConnections()
    setInterval(() => server.closeIdleConnections(), 100).unref()
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
}

function reportContent(report: SyncReport | null) {
  if (!report) return
  console.log(
    `Content: ${report.newVersions.length} new lesson version(s), ${report.unchanged.length} unchanged, ${report.failed.length} failed to compile.`,
  )
  for (const lesson of report.conflicts)
    console.error(`Content: kept the studio version of ${lesson}; its file changed too (see npm run content:pull).`)
  for (const problem of [...report.problems, ...report.failed.flatMap((f) => f.problems)])
    console.error(formatProblem(problem))
}

main().catch(async (error) => {
  console.error(error instanceof Error ? error.message : error)
  await disconnectDatabase().catch(() => {})
  process.exit(1)
})
