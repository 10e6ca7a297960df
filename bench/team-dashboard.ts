// npm run bench (third part): the team dashboard, the organisation-wide CSV exports and the
// trainer's insights on a generated organisation of 10,000 employees, 50 teams and 1,000,000
// attempts, as p50/p95 page times against baselines measured in the same run: a bare Remix
// route and /healthz (a Remix route plus one database round trip). Needs PostgreSQL: the
// point is the size.
import fs from 'node:fs'
import { and, eq } from 'drizzle-orm'
import postgres from 'postgres'
import { type DatabaseHandle, openDatabase } from '#db/client'
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

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 30)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4)
const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres'
// A team from the middle, not the first one an admin's /team opens on by default.
const TEAM = 25
// The insights of a course and one of its lessons with a quiz and a role-play.
const INSIGHTS_COURSE = 'service-culture-foundations'
const INSIGHTS_LESSON = 'precise-commitments'

/** DATABASE_URL, or the local PostgreSQL when it answers; null when there is none to use. */
async function adminUrl() {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL
  const probe = postgres(DEFAULT_ADMIN_URL, { max: 1, connect_timeout: 3, onnotice: () => {} })
  try {
    await probe`select 1`
    return DEFAULT_ADMIN_URL
  } catch {
    return null
  } finally {
    await probe.end({ timeout: 1 })
  }
}

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

const url = await adminUrl()
if (!url) {
  console.log(
    `\nTeam dashboard at scale: skipped, it needs PostgreSQL (set DATABASE_URL, or run one at ${DEFAULT_ADMIN_URL}).`,
  )
  process.exit(0)
}
// The server is given the generated database explicitly; left in the environment,
// startServer would create a second, empty scratch database for it.
delete process.env.DATABASE_URL

const scratch = await createDatabaseFrom(url, null, 'servewell_bench')
const scratchUrl = databaseUrlFor(url, scratch)
let generator: DatabaseHandle | undefined
let server: RunningServer | undefined
let cleaning: Promise<void> | undefined
const cleanup = () =>
  (cleaning ??= (async () => {
    // Our own connections end first: dropped from under it, the client throws where nobody catches.
    await generator?.close()
    await server?.stop()
    await dropDatabase(url, scratch)
  })())
// Interrupted, it still drops the scratch database: a million attempts take about 400 MB.
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    console.error(`\n${signal}: dropping the scratch database ${scratch}…`)
    void cleanup().finally(() => process.exit(130))
  })

try {
  const size = sizeFromEnv()
  const handle = (generator = await openDatabase({ kind: 'postgres', url: scratchUrl, maxConnections: 2 }))
  let generated: Awaited<ReturnType<typeof generateOrganisation>>
  let team: { id: string; members: number; reports: number }
  let counted: { all: number; course: number; lesson: number }
  try {
    await handle.migrate()
    console.log(`\nGenerating "Benchmark Org" (${size.employees} employees, ${size.attempts} attempts) in ${scratch}…`)
    generated = await generateOrganisation(handle.db, { ...size, log: console.log })
    const [row] = await handle.db
      .select({ id: teams.id })
      .from(teams)
      .innerJoin(organisations, eq(organisations.id, teams.organisationId))
      .where(
        and(eq(organisations.slug, BENCH_ORGANISATION_SLUG), eq(teams.name, `Team ${String(TEAM).padStart(2, '0')}`)),
      )
    const [manager] = await handle.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, benchManagerEmail(TEAM)))
    if (!row || !manager) throw new Error('generated organisation has no team 25 or no manager for it')
    const members = await handle.db.$count(users, eq(users.teamId, row.id))
    const reports = await handle.db.$count(users, eq(users.managerId, manager.id))
    team = { id: row.id, members, reports }
    // The insights pages count over attempts: their "rows" are the attempts behind each.
    const [course] = await handle.db.select({ id: courses.id }).from(courses).where(eq(courses.slug, INSIGHTS_COURSE))
    const [lesson] = await handle.db
      .select({ id: lessons.id })
      .from(lessons)
      .where(and(eq(lessons.courseId, course?.id ?? ''), eq(lessons.slug, INSIGHTS_LESSON)))
    if (!course || !lesson) throw new Error(`content/ has no ${INSIGHTS_COURSE}/${INSIGHTS_LESSON}`)
    counted = {
      all: await handle.db.$count(attempts),
      course: await handle.db.$count(attempts, eq(attempts.courseId, course.id)),
      lesson: await handle.db.$count(attempts, eq(attempts.lessonId, lesson.id)),
    }
  } finally {
    generator = undefined
    await handle.close()
  }
  console.log(
    `Generated in ${generated.seconds.toFixed(1)}s: ${Object.entries(generated.counts)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ')}`,
  )

  server = await startServer({
    DATABASE_URL: scratchUrl,
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
    { title: 'team dashboard, admin, one team', path: `/team?team=${team.id}`, cookie: admin, rows: team.members },
    { title: "team dashboard, manager's reports", path: '/team', cookie: manager, rows: team.reports },
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
  console.log(
    `\nTeam dashboard, exports and insights on PostgreSQL — ${generated.counts.employees} employees, ${generated.counts.teams} teams, ` +
      `${generated.counts.attempts} attempts; ${SAMPLES} sequential requests, then ${CONCURRENCY} concurrent clients\n`,
  )
  console.log(
    '| page | rows | bytes | p50 ms | p95 ms | p50 / bare route | p50 / healthz | concurrent p50 ms | concurrent p95 ms | server peak RSS MB, sequential / concurrent |',
  )
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
  for (const r of results)
    console.log(
      `| ${r.title} | ${r === bare || r === health ? '–' : r.rows} | ${r.bytes} | ${ms(r.sequential.p50)} | ${ms(r.sequential.p95)} | ` +
        `${(r.sequential.p50 / bare.sequential.p50).toFixed(1)}x | ${(r.sequential.p50 / health.sequential.p50).toFixed(1)}x | ` +
        `${ms(r.concurrent.p50)} | ${ms(r.concurrent.p95)} | ${mb(r.peakKb.sequential)} / ${mb(r.peakKb.concurrent)} |`,
    )
  if (pid !== null)
    console.log(
      `\nserver RSS: ${mb(startRssKb)} MB after start, ${mb(memoryKb(pid, 'VmRSS'))} MB at the end, high-water mark ${mb(memoryKb(pid, 'VmHWM'))} MB`,
    )
} finally {
  await cleanup()
}
