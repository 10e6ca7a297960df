// The JavaScript each page makes a browser download, raw and gzipped (each file on its own, as
// it is served). Sizes, unlike timings, do not depend on the machine.
import { gzipSync } from 'node:zlib'
import { pageScripts } from '../tests/support/page-scripts'

export interface PageWeight {
  title: string
  files: number
  rawBytes: number
  gzipBytes: number
}

export async function measurePageScripts(
  baseUrl: string,
  pages: { title: string; path: string }[],
  cookie: string,
): Promise<PageWeight[]> {
  const rows: PageWeight[] = []
  for (const { title, path } of pages) {
    const scripts = await pageScripts(baseUrl, path, cookie)
    rows.push({
      title,
      files: scripts.length,
      rawBytes: scripts.reduce((sum, s) => sum + Buffer.byteLength(s.body), 0),
      gzipBytes: scripts.reduce((sum, s) => sum + gzipSync(s.body).length, 0),
    })
  }
  return rows
}

export const kB = (bytes: number) => (bytes / 1000).toFixed(1)

export function pageWeightTable(rows: PageWeight[]) {
  return [
    '| page | scripts | JS bytes | JS gzip kB |',
    '| --- | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.title} | ${r.files} | ${r.rawBytes} | ${kB(r.gzipBytes)} |`),
  ].join('\n')
}

export const LESSON_PAGE_BUDGET = 150_000

async function signIn(baseUrl: string, email: string) {
  const res = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: baseUrl },
    body: new URLSearchParams({ email, password: 'servewell-demo' }),
  })
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  if (!cookie) throw new Error(`Sign-in as ${email} failed (${res.status})`)
  return cookie
}

/** The lesson page and /learn as the signed-in learner, /team as the demo manager, as a table; returns the lesson page's gzip bytes. */
export async function printPageWeights(baseUrl: string, learnerCookie: string, lessonPath: string) {
  const rows = [
    ...(await measurePageScripts(
      baseUrl,
      [
        { title: 'lesson page', path: lessonPath },
        { title: '/learn', path: '/learn' },
      ],
      learnerCookie,
    )),
    ...(await measurePageScripts(
      baseUrl,
      [{ title: '/team (manager)', path: '/team' }],
      await signIn(baseUrl, 'manager@example.com'),
    )),
  ]
  console.log('\nJavaScript each page downloads (every file gzipped on its own, default level)\n')
  console.log(pageWeightTable(rows))
  const lesson = rows[0]!
  console.log(
    `\nlesson page: ${kB(lesson.gzipBytes)} kB gzip against a budget of ${kB(LESSON_PAGE_BUDGET)} kB` +
      (lesson.gzipBytes < LESSON_PAGE_BUDGET ? ' (within)' : ' (OVER)'),
  )
  return lesson.gzipBytes
}
