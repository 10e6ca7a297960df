import fs from 'node:fs'
import path from 'node:path'
import { decodeHtml, publishedLessons } from '../support/lesson-secrets'
import { type RunningServer, startServer } from '../support/server-process'

let server: RunningServer
let cookie = ''
let lessons: Awaited<ReturnType<typeof publishedLessons>> = []

beforeAll(async () => {
  ;[server, lessons] = await Promise.all([startServer(), publishedLessons()])
  const res = await fetch(`${server.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url },
    body: new URLSearchParams({ email: 'learner@example.com', password: 'servewell-demo' }),
  })
  cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
})
afterAll(async () => {
  await server?.stop()
})

const ROUTE_ID = 'routes/courses.$course.$lesson'

describe('answer keys never reach the browser before the learner answers', () => {
  it('has lessons with assessments to check', () => {
    expect(lessons.length).toBeGreaterThanOrEqual(2)
    expect(lessons.every((l) => l.secrets.length > 0)).toBe(true)
  })

  it('keeps every feedback, coaching, expert and ending text out of each lesson’s HTML and loader data', async () => {
    for (const lesson of lessons) {
      const htmlRes = await fetch(`${server.url}${lesson.url}`, { headers: { Cookie: cookie } })
      expect(htmlRes.status, lesson.url).toBe(200)
      const html = decodeHtml(await htmlRes.text())
      expect(html, lesson.url).toContain(lesson.title.replace(/&/g, '&'))

      const dataRes = await fetch(`${server.url}${lesson.url}?_data=${encodeURIComponent(ROUTE_ID)}`, {
        headers: { Cookie: cookie },
      })
      expect(dataRes.status, lesson.url).toBe(200)
      const data = await dataRes.text()

      for (const secret of lesson.secrets) {
        expect(html.includes(secret), `${lesson.url} HTML leaks: ${secret.slice(0, 60)}`).toBe(false)
        expect(
          data.includes(JSON.stringify(secret).slice(1, -1)),
          `${lesson.url} loader data leaks: ${secret.slice(0, 60)}`,
        ).toBe(false)
      }
      for (const key of ['"correct"', '"feedback"', '"points"', '"minMood"', '"maxMood"', '"expert"']) {
        expect(data, `${lesson.url} loader data has ${key}`).not.toContain(key)
        expect(html, `${lesson.url} HTML has ${key}`).not.toContain(key)
      }
    }
  })

  it('keeps them out of every script the browser can download', () => {
    const dir = path.resolve('public/build')
    const scripts = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'))
    expect(scripts.length).toBeGreaterThan(0)
    const bundle = scripts.map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n')
    for (const lesson of lessons) for (const secret of lesson.secrets) expect(bundle.includes(secret)).toBe(false)
  })
})
