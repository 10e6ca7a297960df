import { inflateSync } from 'node:zlib'
import { eq } from 'drizzle-orm'
import { courses, lessonCompletions, lessons, users } from '#db/schema'
import { seedDemoOrganisation } from '#db/seed'
import { syncContent } from '~/content/sync.server'
import { useAppServer } from '../support/app-server'
import { useTestDatabase } from '../support/database'
import { decodeHtml } from '../support/lesson-secrets'
import { sessionCookieFor } from '../support/requests'

const database = useTestDatabase()
const app = useAppServer()
const db = () => database.handle.db
const cookies = { lena: '', grace: '' }
let code = ''

const open = (url: string, cookie = '') =>
  fetch(`${app.url}${url}`, { headers: { Cookie: cookie }, redirect: 'manual' })
/** What a reader sees: the markup without the data in the page's scripts. */
const visible = async (res: Response) =>
  decodeHtml((await res.text()).replace(/<script\b[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ')).replace(
    /\s+/g,
    ' ',
  )

/** The text a PDF draws: its streams inflated, then the strings of each text-showing operator joined. */
function pdfText(pdf: Buffer) {
  const streams = [...pdf.toString('latin1').matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)].map((m) => {
    const raw = Buffer.from(m[1]!, 'latin1')
    try {
      return inflateSync(raw).toString('latin1')
    } catch {
      return raw.toString('latin1')
    }
  })
  const hex = (h: string) => Buffer.from(h, 'hex').toString('latin1')
  return streams
    .flatMap((s) => [...s.matchAll(/\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)])
    .map((m) =>
      m[2] !== undefined ? hex(m[2]) : [...m[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => hex(h[1]!)).join(''),
    )
    .join('\n')
}

beforeAll(async () => {
  await seedDemoOrganisation(db())
  await syncContent(db(), 'tests/fixtures/content')
  cookies.lena = await sessionCookieFor('learner@example.com')
  cookies.grace = await sessionCookieFor('grace@example.com')
  const [lena] = await db().select({ id: users.id }).from(users).where(eq(users.email, 'learner@example.com'))
  const courseLessons = await db()
    .select({ id: lessons.id, versionId: lessons.publishedVersionId })
    .from(lessons)
    .innerJoin(courses, eq(courses.id, lessons.courseId))
    .where(eq(courses.slug, 'demo-course'))
  await db()
    .insert(lessonCompletions)
    .values(
      courseLessons.map((l) => ({
        userId: lena!.id,
        lessonId: l.id,
        lessonVersionId: l.versionId!,
        completedAt: new Date('2026-03-04T10:00:00Z'),
      })),
    )
  const page = await open('/learn/certificates/demo-course', cookies.lena)
  expect(page.status).toBe(200)
  code = (await visible(page)).match(/Verification code ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/)![1]!
})

describe('a certificate', () => {
  it('shows the organisation, the learner, the course, the day they finished and where to check it', async () => {
    const text = await visible(await open('/learn/certificates/demo-course', cookies.lena))
    expect(text).toContain('Harbour & Co.')
    expect(text).toContain('Lena Fischer')
    expect(text).toContain('Demo Course')
    expect(text).toContain('on 4 Mar 2026')
    expect(text).toContain(`Verification code ${code}`)
    expect(text).toContain(`Check it at ${app.url}/verify/${code}`)
  })

  it('keeps its code: opening it again issues nothing new', async () => {
    const again = await visible(await open('/learn/certificates/demo-course', cookies.lena))
    expect(again).toContain(`Verification code ${code}`)
  })

  it('downloads as an A4 landscape PDF with the same words', async () => {
    const res = await open('/learn/certificates/demo-course/certificate.pdf', cookies.lena)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('application/pdf')
    expect(res.headers.get('Content-Disposition')).toMatch(/^attachment; filename="certificate-demo-course\.pdf"$/)
    const pdf = Buffer.from(await res.arrayBuffer())
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    // A4 is 595.28 × 841.89 points; landscape puts the long side across.
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/)
    const text = pdfText(pdf)
    for (const words of ['Harbour & Co.', 'Lena Fischer', 'Demo Course', 'on 4 Mar 2026', `Verification code ${code}`])
      expect(text).toContain(words)
    expect(text).toContain(`${app.url}/verify/${code}`)
  })

  it('is only its learner’s: another learner asking for it gets 404, someone signed out is sent to sign in', async () => {
    for (const url of ['/learn/certificates/demo-course', '/learn/certificates/demo-course/certificate.pdf']) {
      const other = await open(url, cookies.grace)
      expect(other.status, url).toBe(404)
      expect(await other.text()).not.toContain('Lena')
      const signedOut = await open(url)
      expect(signedOut.status, url).toBe(302)
      expect(signedOut.headers.get('Location')).toMatch(/^\/login\?redirectTo=/)
    }
    expect((await open('/learn/certificates/no-such-course/certificate.pdf', cookies.lena)).status).toBe(404)
    expect((await open('/learn/certificates/..%2Fetc/certificate.pdf', cookies.lena)).status).toBe(404)
  })
})

describe('checking a code at /verify, signed out', () => {
  it('says the certificate is valid, and whose, for which course, organisation and day', async () => {
    const res = await open(`/verify/${code}`)
    expect(res.status).toBe(200)
    const text = await visible(res)
    expect(text).toContain('This certificate is valid')
    expect(text).toMatch(
      /Issued to Lena Fischer Course Demo Course Organisation Harbour & Co\. Completed on 4 Mar 2026/,
    )
  })

  it('accepts the code in any case, with or without its dashes', async () => {
    for (const typed of [code.toLowerCase(), code.replace(/-/g, ''), code.replace(/-/g, '').toLowerCase()]) {
      const res = await open(`/verify/${typed}`)
      expect(res.status, typed).toBe(200)
      expect(await visible(res)).toContain('Lena Fischer')
    }
  })

  it('tells nothing the certificate does not show', async () => {
    const html = await (await open(`/verify/${code}`)).text()
    expect(html).not.toContain('learner@example.com')
    expect(html).not.toMatch(/Front Desk|Mia Chen/)
  })

  it('answers an unknown or malformed code with 404 "No certificate has this code", never a 500', async () => {
    const unknown = code === '0000-0000-0000' ? '1111-1111-1111' : '0000-0000-0000'
    for (const typed of [unknown, 'hello', 'ABCD-EFGH-JKMU', 'x'.repeat(3000), "1'%20or%20'1'='1"]) {
      const res = await open(`/verify/${typed}`)
      expect(res.status, typed).toBe(404)
      expect(await visible(res), typed).toContain('No certificate has this code')
    }
  })

  it('offers a form for typing a code, which opens that code’s page', async () => {
    const form = await open('/verify')
    expect(form.status).toBe(200)
    expect(await form.text()).toMatch(/<form[^>]*method="get"[^>]*action="\/verify"/)
    const sent = await open(`/verify?code=${encodeURIComponent(` ${code.toLowerCase()} `)}`)
    expect(sent.status).toBe(302)
    expect(sent.headers.get('Location')).toBe(`/verify/${code.toLowerCase()}`)
  })

  it('stays valid after the learner has left the organisation', async () => {
    await db().update(users).set({ deactivatedAt: new Date() }).where(eq(users.email, 'learner@example.com'))
    try {
      const res = await open(`/verify/${code}`)
      expect(res.status).toBe(200)
      expect(await visible(res)).toContain('Lena Fischer')
    } finally {
      await db().update(users).set({ deactivatedAt: null }).where(eq(users.email, 'learner@example.com'))
    }
  })
})
