// npm run bench (third part): the team dashboard, the organisation-wide CSV exports and the
// trainer's insights on a generated organisation of 10,000 employees, 50 teams and 1,000,000
// attempts, as p50/p95 page times against baselines measured in the same run: a bare Remix
// route and /healthz (a Remix route plus one database round trip). On the PostgreSQL in
// DATABASE_URL, in a scratch database; without it, on the embedded PGlite in a temporary
// directory, with 100,000 attempts by default (a million take PGlite about 20 minutes to
// generate; decision 007).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { and, eq } from 'drizzle-orm'
import { type Db, type DatabaseHandle, openDatabase } from '#db/client'
import {
  BENCH_ADMIN_EMAIL,
  BENCH_ORGANISATION_SLUG,
  BENCH_PASSWORD,
  benchManagerEmail,
  generateOrganisation,
  sizeFromEnv,
} from '#db/scripts/generate-organisation'
import { attempts, courses, lessons, organisations, teams, users } from '#db/schema'
import { startServer, type RunningServer } from '../tests/support/server-process'
import { createDatabaseFrom, databaseUrlFor, dropDatabase } from '../tests/support/postgres-admin'
import { summary } from './stats'
import { recordSummary } from './summary'

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 30)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4)
// A team from the middle, not the first one an admin's /team opens on by default.
const TEAM = 25
// The insights of a course and one of its lessons with a quiz and a role-play.
const INSIGHTS_COURSE = 'service-culture-foundations'
const INSIGHTS_LESSON = 'precise-commitments'
/** What issue 14 asks of the team dashboard under the concurrent clients, for 200 people. */
const DASHBOARD_TARGET = { p95Ms: 300, bytes: 250_000 }

const memoryKb = (pid: number, field: 'VmRSS' | 'VmHWM') =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0)

/** The server's peak resident memory while `fn` runs, sampled every 20 ms. */
async function peakRss<T>(pid: number | null, fn: () => Promise<T>): Promise<{ result: T; peakKb: number | null }> {
  if (pid === null) return { result: await fn(), peakKb: null }
  let peak = memoryKb(pid, 'VmRSS')
  const timer = setInterval(() => (peak = Math.max(peak, memoryKb(pid, 'VmRSS'))), 20)
  try {
    return { result: await fn(), peakKb: peak }
  } finally {
    clearInterval(timer)
  }
}

async function signIn(server: RunningServer, email: string) {
  const response = await fetch(`${server.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url },
    body: new URLSearchParams({ email, password: BENCH_PASSWORD }),
  })
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  if (!cookie) throw new Error(`Sign-in as ${email} failed (${response.status})`)
  return cookie
}

interface Target {
  title: string
  path: string
  cookie?: string
  /** People on the page; for a CSV the rows are counted in the body. */
  rows?: number
  /** The concurrent p95 and the bytes the page must stay under. */
  target?: { p95Ms: number; bytes: number }
}

/** One request, its whole body read: a streamed export is only done when its last byte is. */
async function fetchOnce(server: RunningServer, target: Target) {
  const start = performance.now()
  const response = await fetch(`${server.url}${target.path}`, {
    headers: target.cookie ? { Cookie: target.cookie } : {},
  })
  const body = new Uint8Array(await response.arrayBuffer())
  const ms = performance.now() - start
  if (response.status !== 200) throw new Error(`${target.title}: ${target.path} answered ${response.status}`)
  let lines = 0
  for (const byte of body) if (byte === 10) lines++
  return { ms, bytes: body.length, csvRows: lines - 1 }
}

async function measure(server: RunningServer, pid: number | null, target: Target) {
  for (let i = 0; i < 2; i++) await fetchOnce(server, target)
  const one = await peakRss(pid, async () => {
    const samples: number[] = []
    let last = { bytes: 0, csvRows: 0 }
    for (let i = 0; i < SAMPLES; i++) {
      const r = await fetchOnce(server, target)
      samples.push(r.ms)
      last = r
    }
    return { samples, ...last }
  })
  const many = await peakRss(pid, async () => {
    const samples: number[] = []
    const each = Math.max(2, Math.ceil(SAMPLES / CONCURRENCY))
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let i = 0; i < each; i++) samples.push((await fetchOnce(server, target)).ms)
      }),
    )
    return samples
  })
  return {
    ...target,
    bytes: one.result.bytes,
    rows: target.rows ?? one.result.csvRows,
    sequential: summary(one.result.samples),
    concurrent: summary(many.result),
    peakKb: { sequential: one.peakKb, concurrent: many.peakKb },
  }
}

// PostgreSQL when DATABASE_URL names one; otherwise the embedded database, as `npm start` would use.
const adminUrl = process.env.DATABASE_URL ?? ''
const engine = adminUrl ? 'PostgreSQL' : 'PGlite'
// The server is given the generated database explicitly; left in the environment,
// startServer would create a second, empty scratch database for it.
delete process.env.DATABASE_URL

/** Where the organisation is generated: a scratch PostgreSQL database, or a PGlite directory. */
async function benchStorage(): Promise<{
  label: string
  open: () => Promise<DatabaseHandle>
  serverEnv: Record<string, string>
  remove: () => Promise<void>
}> {
  if (adminUrl) {
    const scratch = await createDatabaseFrom(adminUrl, null, 'servewell_bench')
    const url = databaseUrlFor(adminUrl, scratch)
    return {
      label: scratch,
      open: () => openDatabase({ kind: 'postgres', url, maxConnections: 2 }),
      serverEnv: { DATABASE_URL: url },
      remove: () => dropDatabase(adminUrl, scratch),
    }
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'servewell-bench-'))
  return {
    label: dataDir,
    open: () => openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') }),
    serverEnv: { DATA_DIR: dataDir },
    remove: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  }
}

const storage = await benchStorage()
let generator: DatabaseHandle | undefined
let server: RunningServer | undefined
let cleaning: Promise<void> | undefined
const cleanup = () =>
  (cleaning ??= (async () => {
    // Our own connections end first: dropped from under it, the client throws where nobody catches.
    await generator?.close()
    await server?.stop()
    await storage.remove()
  })())
// Interrupted, it still removes the generated data: a million attempts take about 400 MB.
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    console.error(`\n${signal}: removing ${storage.label}…`)
    void cleanup().finally(() => process.exit(130))
  })

/** Team 25, its manager's reports, and the attempts behind the insights pages. */
async function benchSubjects(db: Db) {
  const [row] = await db
    .select({ id: teams.id })
    .from(teams)
    .innerJoin(organisations, eq(organisations.id, teams.organisationId))
    .where(
      and(eq(organisations.slug, BENCH_ORGANISATION_SLUG), eq(teams.name, `Team ${String(TEAM).padStart(2, '0')}`)),
    )
  const [manager] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, benchManagerEmail(TEAM)))
  if (!row || !manager) throw new Error('generated organisation has no team 25 or no manager for it')
  const members = await db.$count(users, eq(users.teamId, row.id))
  const reports = await db.$count(users, eq(users.managerId, manager.id))
  // The insights pages count over attempts: their "rows" are the attempts behind each.
  const [course] = await db.select({ id: courses.id }).from(courses).where(eq(courses.slug, INSIGHTS_COURSE))
  const [lesson] = await db
    .select({ id: lessons.id })
    .from(lessons)
    .where(and(eq(lessons.courseId, course?.id ?? ''), eq(lessons.slug, INSIGHTS_LESSON)))
  if (!course || !lesson) throw new Error(`content/ has no ${INSIGHTS_COURSE}/${INSIGHTS_LESSON}`)
  return {
    team: { id: row.id, members, reports },
    counted: {
      all: await db.$count(attempts),
      course: await db.$count(attempts, eq(attempts.courseId, course.id)),
      lesson: await db.$count(attempts, eq(attempts.lessonId, lesson.id)),
    },
  }
}

try {
  const size = sizeFromEnv(process.env, adminUrl ? undefined : { employees: 10_000, attempts: 100_000 })
  const handle = (generator = await storage.open())
  let generated: Awaited<ReturnType<typeof generateOrganisation>>
  let subjects: Awaited<ReturnType<typeof benchSubjects>>
  try {
    await handle.migrate()
    console.log(
      `\nGenerating "Benchmark Org" (${size.employees} employees, ${size.attempts} attempts) on ${engine} in ${storage.label}…`,
    )
    generated = await generateOrganisation(handle.db, { ...size, log: console.log })
    subjects = await benchSubjects(handle.db)
  } finally {
    generator = undefined
    await handle.close()
  }
  const { team, counted } = subjects
  console.log(
    `Generated in ${generated.seconds.toFixed(1)}s: ${Object.entries(generated.counts)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ')}`,
  )

  server = await startServer({
    ...storage.serverEnv,
    NODE_ENV: 'production',
    SESSION_SECRET: 'bench-secret-bench-secret-bench-secret!',
    BENCH_ROUTES: '1',
    // The generator synced content/ a moment ago, and a reminder round queueing thousands
    // of overdue emails mid-run would be measured along with the pages.
    CONTENT_SYNC_ON_START: 'false',
    REMINDER_INTERVAL_SECONDS: '0',
  })
  // Memory is read from /proc; elsewhere the table leaves it out.
  const pid = fs.existsSync('/proc') ? (server.pid ?? null) : null
  const startRssKb = pid === null ? null : memoryKb(pid, 'VmRSS')
  const admin = await signIn(server, BENCH_ADMIN_EMAIL)
  const manager = await signIn(server, benchManagerEmail(TEAM))

  const targets: Target[] = [
    { title: 'bare Remix route (baseline)', path: '/bench/static' },
    { title: '/healthz (baseline: one query)', path: '/healthz' },
    // The exports come first, on a fresh server, so their peak memory is theirs and not
    // heap the dashboards' renders left behind.
    { title: 'assignments CSV, whole organisation', path: '/team/export/assignments.csv', cookie: admin },
    { title: 'competencies CSV, whole organisation', path: '/team/export/competencies.csv', cookie: admin },
    {
      title: 'team dashboard, admin, one team',
      path: `/team?team=${team.id}`,
      cookie: admin,
      rows: team.members,
      target: DASHBOARD_TARGET,
    },
    {
      title: "team dashboard, manager's reports",
      path: '/team',
      cookie: manager,
      rows: team.reports,
      target: DASHBOARD_TARGET,
    },
    { title: 'insights overview (attempts)', path: '/author/insights', cookie: admin, rows: counted.all },
    {
      title: 'insights of a course (attempts)',
      path: `/author/insights/${INSIGHTS_COURSE}`,
      cookie: admin,
      rows: counted.course,
    },
    {
      title: 'insights of a lesson (attempts)',
      path: `/author/insights/${INSIGHTS_COURSE}/${INSIGHTS_LESSON}`,
      cookie: admin,
      rows: counted.lesson,
    },
    {
      title: 'item statistics CSV of a lesson (attempts)',
      path: `/author/insights/${INSIGHTS_COURSE}/${INSIGHTS_LESSON}/items.csv`,
      cookie: admin,
      rows: counted.lesson,
    },
  ]
  const results = []
  for (const target of targets) {
    console.log(`  measuring ${target.title}…`)
    results.push(await measure(server, pid, target))
  }
  const [bare, health] = results
  if (!bare || !health) throw new Error('baselines missing')

  const ms = (v: number) => v.toFixed(1)
  const mb = (kb: number | null) => (kb === null ? 'n/a' : (kb / 1024).toFixed(0))
  const verdict = (r: Awaited<ReturnType<typeof measure>>) => {
    if (!r.target) return '–'
    const p95 = r.concurrent.p95 < r.target.p95Ms ? 'met' : 'MISSED'
    const bytes = r.bytes < r.target.bytes ? 'met' : 'MISSED'
    return `< ${r.target.p95Ms} ms: ${p95}; < ${r.target.bytes / 1000} kB: ${bytes}`
  }
  console.log(
    `\nTeam dashboard, exports and insights on ${engine} — ${generated.counts.employees} employees, ${generated.counts.teams} teams, ` +
      `${generated.counts.attempts} attempts; ${SAMPLES} sequential requests, then ${CONCURRENCY} concurrent clients\n`,
  )
  if (!adminUrl)
    console.log(
      `(PGlite, with ${size.attempts.toLocaleString('en')} attempts unless BENCH_ATTEMPTS says otherwise: set DATABASE_URL for PostgreSQL at full size.)\n`,
    )
  console.log(
    '| page | rows | bytes | p50 ms | p95 ms | p50 / bare route | p50 / healthz | concurrent p50 ms | concurrent p95 ms | target (concurrent p95; bytes) | server peak RSS MB, sequential / concurrent |',
  )
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |')
  for (const r of results)
    console.log(
      `| ${r.title} | ${r === bare || r === health ? '–' : r.rows} | ${r.bytes} | ${ms(r.sequential.p50)} | ${ms(r.sequential.p95)} | ` +
        `${(r.sequential.p50 / bare.sequential.p50).toFixed(1)}x | ${(r.sequential.p50 / health.sequential.p50).toFixed(1)}x | ` +
        `${ms(r.concurrent.p50)} | ${ms(r.concurrent.p95)} | ${verdict(r)} | ${mb(r.peakKb.sequential)} / ${mb(r.peakKb.concurrent)} |`,
    )
  for (const r of results)
    if (r.target)
      recordSummary({
        what: `${r.title}, ${r.rows} people, ${(generated.counts.attempts ?? 0).toLocaleString('en')} attempts, ${engine}`,
        now: `p95 ${ms(r.concurrent.p95)} ms with ${CONCURRENCY} clients (${ms(r.sequential.p95)} alone); ${(r.bytes / 1000).toFixed(0)} kB`,
        target: `< ${r.target.p95Ms} ms; < ${r.target.bytes / 1000} kB`,
        met: r.concurrent.p95 < r.target.p95Ms && r.bytes < r.target.bytes,
      })
  if (pid !== null)
    console.log(
      `\nserver RSS: ${mb(startRssKb)} MB after start, ${mb(memoryKb(pid, 'VmRSS'))} MB at the end, high-water mark ${mb(memoryKb(pid, 'VmHWM'))} MB`,
    )
} finally {
  await cleanup()
}
