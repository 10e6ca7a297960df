import path from 'node:path'
import { and, eq, notInArray } from 'drizzle-orm'
import type { Browser, Page } from 'playwright-core'
import type { Db } from '#db/client'
import { courses, lessonCompletions, lessons, users } from '#db/schema'
import { seedDemo } from '~/models/demo.server'
import type { QuizDefinition } from '~/domain/assessments'
import { bestPath } from '~/domain/role-play-engine'
import { checkedPage, launchBrowser, signedInPage } from '../support/browser'
import { curriculumLesson } from '../support/content'
import { type RunningServer, startServer } from '../support/server-process'

const COURSE = '/courses/service-culture-foundations'
const [FIRST, LAST] = ['why-service-matters', 'internal-customers']
let server: RunningServer
let browser: Browser

beforeAll(async () => {
  // Lena has done every lesson of the foundations course but its first and its last.
  const prepare = async (db: Db) => {
    await seedDemo(db, { contentRoot: path.resolve('content') })
    const [lena] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'learner@example.com'))
    const rest = await db
      .select({ id: lessons.id, versionId: lessons.publishedVersionId })
      .from(lessons)
      .innerJoin(courses, eq(courses.id, lessons.courseId))
      .where(and(eq(courses.slug, 'service-culture-foundations'), notInArray(lessons.slug, [FIRST, LAST])))
    await db
      .insert(lessonCompletions)
      .values(rest.map((l) => ({ userId: lena!.id, lessonId: l.id, lessonVersionId: l.versionId! })))
      .onConflictDoNothing()
  }
  ;[server, browser] = await Promise.all([startServer({}, { prepare }), launchBrowser()])
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** Passes the lesson's quiz with the key, answering the questions this attempt drew, and lands on its result. */
async function passQuiz(page: Page, lesson: string) {
  const { quiz } = await curriculumLesson(lesson)
  await page.goto(`${server.url}${COURSE}/${lesson}`)
  const form = page.locator(`section#quiz-${quiz!.id} form`)
  for (const q of (quiz as QuizDefinition).questions)
    if ((await form.locator(`input[name="q:${q.id}"]`).count()) > 0)
      for (const c of q.choices.filter((c) => c.correct))
        await form.locator(`input[name="q:${q.id}"][value="${c.id}"]`).check()
  await form.getByRole('button', { name: /Submit/ }).click()
  await page.waitForURL(/\/attempts\//)
  expect(await page.getByTestId('quiz-verdict').textContent()).toMatch(/^Passed/)
}

describe('a new hire’s finish line', () => {
  it('goes from a passed quiz to the next lesson, from the last one to the certificate, which anyone can check', async () => {
    const { page, problems, close } = await signedInPage(browser, server.url, 'learner@example.com')

    await passQuiz(page, FIRST)
    expect(await page.getByTestId('course-complete').count()).toBe(0)
    await page.getByRole('link', { name: 'Next lesson: Our service mission statement' }).click()
    await page.getByRole('heading', { level: 1, name: 'Our service mission statement' }).waitFor()

    const { rolePlay } = await curriculumLesson(LAST)
    await page.goto(`${server.url}${COURSE}/${LAST}`)
    const rp = page.locator(`section#roleplay-${rolePlay!.id}`)
    await rp.getByRole('button', { name: 'Start the scenario' }).click()
    for (const step of bestPath(rolePlay!).steps) {
      const label =
        rolePlay!.scenes.find((s) => s.id === step.sceneId)?.options.find((o) => o.id === step.optionId)?.label ?? ''
      await rp.getByRole('button', { name: label }).click()
      await rp.getByText(label).first().waitFor()
    }
    await rp.getByTestId('roleplay-ending').waitFor()

    await passQuiz(page, LAST)
    const moment = page.getByTestId('course-complete')
    await moment
      .getByRole('heading', { name: 'Congratulations, you have completed Service Culture Foundations' })
      .waitFor()
    expect(await page.getByRole('link', { name: /^Next lesson/ }).count()).toBe(0)
    await moment.getByText('9', { exact: true }).click()
    await moment.getByRole('button', { name: 'Send my rating' }).click()
    await moment.getByText('Thank you, your rating is saved.').waitFor()
    expect(page.url()).toMatch(/\/attempts\//)

    await moment.getByRole('link', { name: 'See your certificate' }).click()
    await page.getByRole('heading', { level: 1, name: 'Lena Fischer' }).waitFor()
    const certificate = page.getByTestId('certificate')
    expect(await certificate.textContent()).toMatch(/Service Culture Foundations/)
    const code = (await certificate.getByTestId('verification-code').textContent())!
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    expect(await certificate.textContent()).toContain(`${server.url}/verify/${code}`)
    expect(await problems()).toEqual([])
    await close()

    const stranger = await checkedPage(browser)
    const visitor = stranger.page
    await visitor.goto(`${server.url}/verify`)
    await visitor.getByLabel('Verification code').fill(code.toLowerCase().replace(/-/g, ' '))
    await visitor.getByRole('button', { name: 'Check the code' }).click()
    await visitor.getByRole('heading', { level: 1, name: 'This certificate is valid' }).waitFor()
    const facts = (await visitor.locator('dl').textContent())!
    expect(facts).toContain('Lena Fischer')
    expect(facts).toContain('Service Culture Foundations')
    expect(await stranger.problems()).toEqual([])
    await stranger.close()
  }, 90_000)
})
