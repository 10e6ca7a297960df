// npm run bench — lesson-page and learner-home throughput against baselines measured in the
// same run: a bare Remix route rendering one paragraph, /healthz (a Remix data route and one
// query) for the lesson's loader alone, and a plain Node http server returning the lesson
// page's HTML as a string. Results are ratios, not absolutes.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import autocannon from 'autocannon'
import { startServer } from '../tests/support/server-process'
import { LESSON_PAGE_BUDGET, kB, printPageWeights } from './bundles'
import { recordSummary } from './summary'

const DURATION = Number(process.env.BENCH_SECONDS ?? 8)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10)
const LESSON = '/courses/service-culture-foundations/precise-commitments'
const LESSON_DATA = `${LESSON}?_data=${encodeURIComponent('routes/courses.$course.$lesson')}`
const TARGET = 0.5

async function run(title: string, url: string, headers: Record<string, string> = {}) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers })
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${title}: ${result.non2xx} non-2xx, ${result.errors} errors`)
  return { title, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 }
}

const server = await startServer(
  { BENCH_ROUTES: '1', NODE_ENV: 'production', SESSION_SECRET: 'bench-secret-bench-secret-bench-secret!' },
  { preseed: true },
)
try {
  const login = await fetch(`${server.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url },
    body: new URLSearchParams({ email: 'learner@example.com', password: 'servewell-demo' }),
  })
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  if (!cookie) throw new Error(`Sign-in failed (${login.status}); is the database seeded?`)
  const page = await fetch(`${server.url}${LESSON}`, { headers: { Cookie: cookie } })
  if (page.status !== 200) throw new Error(`Lesson page answered ${page.status}`)
  const html = await page.text()
  for (let i = 0; i < 20; i++) await fetch(`${server.url}${LESSON}`, { headers: { Cookie: cookie } })

  const plain = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
    res.end(html)
  })
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve))
  const plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}/`

  const signedIn = { Cookie: cookie }
  const lesson = await run('lesson page (signed-in learner, warm cache)', `${server.url}${LESSON}`, signedIn)
  const loaderOnly = await run('lesson loader alone (?_data=)', `${server.url}${LESSON_DATA}`, signedIn)
  const learn = await run('/learn (signed-in learner)', `${server.url}/learn`, signedIn)
  const bare = await run('bare Remix route (one paragraph)', `${server.url}/bench/static`)
  const healthz = await run('/healthz (a Remix route and one query)', `${server.url}/healthz`)
  const raw = await run('plain Node http (lesson HTML as a string)', plainUrl)
  plain.close()

  console.log(`\nLesson page throughput — ${CONNECTIONS} connections, ${DURATION}s each, same machine, same run\n`)
  console.log('| target | req/s | p50 ms | p99 ms |')
  console.log('| --- | ---: | ---: | ---: |')
  for (const r of [lesson, loaderOnly, learn, bare, healthz, raw])
    console.log(`| ${r.title} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} |`)
  const ratios = [
    { what: 'lesson page req/s ÷ bare Remix route req/s', ratio: lesson.rps / bare.rps },
    { what: 'lesson loader alone (`?_data=`) ÷ `/healthz`', ratio: loaderOnly.rps / healthz.rps },
    { what: '`/learn` req/s ÷ bare route', ratio: learn.rps / bare.rps },
  ]
  console.log('')
  for (const r of ratios) {
    console.log(`${r.what}: ${r.ratio.toFixed(2)}x`)
    recordSummary({ what: r.what, now: `${r.ratio.toFixed(2)}x`, target: `≥ ${TARGET}x`, met: r.ratio >= TARGET })
  }
  console.log(`lesson / plain Node http: ${(lesson.rps / raw.rps).toFixed(2)}x`)
  const lessonScripts = await printPageWeights(server.url, cookie, LESSON)
  recordSummary({
    what: 'JavaScript per lesson page (gzip)',
    now: `${kB(lessonScripts)} kB`,
    target: `< ${kB(LESSON_PAGE_BUDGET)} kB`,
    met: lessonScripts < LESSON_PAGE_BUDGET,
  })
} finally {
  await server.stop()
}
