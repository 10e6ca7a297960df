import type { Browser, Page } from 'playwright-core'
import { checkedPage, launchBrowser, signedInPage, withoutOwnStatus } from '../support/browser'
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

/** What a screen reader would start reading from: the focused element, named by a few of its traits. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement
    return {
      tag: el?.tagName.toLowerCase(),
      id: el?.id,
      name: el?.getAttribute('name'),
      role: el?.getAttribute('role'),
      invalid: el?.getAttribute('aria-invalid'),
      text: el?.textContent?.trim().slice(0, 80),
    }
  })

describe('focus and announcements', () => {
  it('after a form with a mistake, focuses its first invalid field', async () => {
    const { page, problems, close } = await signedInPage(browser, server.url, 'trainer@example.com')
    await page.goto(`${server.url}/author/lessons`, { waitUntil: 'networkidle' })
    await page.getByLabel('Name in the address').fill('Not A Slug')
    await page.getByRole('button', { name: 'Create and edit' }).click()
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true')
    expect(await focused(page)).toMatchObject({ tag: 'input', name: 'slug', invalid: 'true' })
    expect(withoutOwnStatus(await problems(), `${server.url}/author/lessons`)).toEqual([])
    await close()
  })

  it('after a form that succeeds, focuses its result; while it is sent, its button says so', async () => {
    const { page, problems, close } = await signedInPage(browser, server.url, 'manager@example.com')
    await page.goto(`${server.url}/team/assign`, { waitUntil: 'networkidle' })
    await page.getByLabel('Course or lesson').selectOption({ label: 'Lesson: Precise commitments' })
    await page.getByLabel('Whole team').selectOption({ label: 'Front Desk' })
    // Held back, so the pending state can be seen.
    await page.route('**/team/assign?_data=*', async (route) => {
      await new Promise((r) => setTimeout(r, 500))
      await route.continue()
    })
    await page.getByRole('button', { name: 'Assign', exact: true }).click()
    const pending = page.getByRole('button', { name: 'Assigning…' })
    await pending.waitFor()
    expect(await pending.getAttribute('aria-disabled')).toBe('true')
    await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'status')
    expect((await focused(page)).text).toMatch(/^Assigned/)
    expect(await page.getByRole('button', { name: 'Assign', exact: true }).getAttribute('aria-disabled')).toBeNull()
    expect(await problems()).toEqual([])
    await close()
  })

  it('announces the new page’s title after a client-side navigation and moves the focus to it', async () => {
    const { page, problems, close } = await checkedPage(browser)
    await page.goto(`${server.url}/login`, { waitUntil: 'networkidle' })
    const announcer = page.getByTestId('route-announcer')
    // Not on the first load: the browser reads a freshly loaded page from its start.
    expect(await announcer.textContent()).toBe('')
    await page.getByLabel('Email').fill('learner@example.com')
    await page.getByLabel('Password').fill('servewell-demo')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(`${server.url}/learn`)
    await expect.poll(() => announcer.textContent()).toBe('My learning · Servewell')
    expect(await focused(page)).toMatchObject({ tag: 'main', id: 'main' })

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My competencies' }).click()
    await page.getByRole('heading', { level: 1, name: 'My competencies' }).waitFor()
    await expect.poll(() => announcer.textContent()).toBe(await page.title())
    expect(await page.title()).toMatch(/competencies/i)
    expect(await focused(page)).toMatchObject({ tag: 'main', id: 'main' })
    expect(await problems()).toEqual([])
    await close()
  })
})
