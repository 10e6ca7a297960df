import type { Browser } from 'playwright-core'
import { checkedPage, launchBrowser, signedInPage } from '../support/browser'
import { publishedLessons } from '../support/lesson-secrets'
import { type RunningServer, startServer } from '../support/server-process'

let server: RunningServer
let browser: Browser
beforeAll(async () => {
  ;[server, browser] = await Promise.all([startServer(), launchBrowser()])
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('reading lessons in a browser', () => {
  it('opens every lesson as a learner with no console error or CSP violation', async () => {
    const lessons = await publishedLessons()
    const { page, problems, close } = await signedInPage(browser, server.url, 'learner@example.com')

    for (const lesson of lessons) {
      const response = await page.goto(`${server.url}${lesson.url}`)
      expect(response?.status(), lesson.url).toBe(200)
      await page.getByRole('heading', { level: 1, name: lesson.title }).waitFor()
    }
    expect(await problems()).toEqual([])
    await close()
  })

  it('navigates from the catalogue to a lesson and on to the next one', async () => {
    const { page, problems, close } = await checkedPage(browser)
    await page.goto(`${server.url}/login?redirectTo=%2Fcourses`)
    await page.getByLabel('Email').fill('learner@example.com')
    await page.getByLabel('Password').fill('servewell-demo')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(`${server.url}/courses`)
    await page.getByRole('link', { name: 'Service Culture Foundations' }).click()
    await page.getByRole('link', { name: 'Start the course' }).click()
    await page.getByRole('heading', { level: 1 }).waitFor()
    const first = await page.getByRole('heading', { level: 1 }).textContent()
    await page.locator('a[rel="next"]').click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).not.toBe(first)
    expect(await problems()).toEqual([])
    await close()
  })

  it('shows a lesson’s prose from its markup, after moving to the next lesson and back in the page', async () => {
    const { page, problems, close } = await signedInPage(browser, server.url, 'learner@example.com')
    await page.goto(`${server.url}/courses/service-culture-foundations/precise-commitments`, {
      waitUntil: 'networkidle',
    })
    const prose = page.locator('[data-segment] p').first()
    const sentence = (await prose.textContent()) ?? ''
    expect(sentence.length).toBeGreaterThan(20)
    // The document's loader data names the prose; the markup alone carries it.
    const inData = await page.evaluate(() => JSON.stringify(window.__remixContext.state.loaderData))
    expect(inData).not.toContain(sentence.slice(0, 40))

    await page.locator('a[rel="next"]').click()
    await expect.poll(() => page.locator('[data-segment] p').first().textContent()).not.toBe(sentence)
    await page.goBack()
    await page.getByText(sentence).first().waitFor()
    // Hydrated: the in-page quiz still answers a click.
    await page.getByRole('radio').first().check()
    expect(await page.getByRole('radio').first().isChecked()).toBe(true)
    expect(await problems()).toEqual([])
    await close()
  })
})
