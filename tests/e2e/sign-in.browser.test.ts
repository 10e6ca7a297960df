import type { Browser, Page } from 'playwright-core'
import { checkedPage, launchBrowser, submitSignIn, withoutOwnStatus } from '../support/browser'
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

const signIn = (page: Page, email: string) => submitSignIn(page, server.url, email)

describe('signing in and out in a browser', () => {
  it('a learner signs in, sees their name, signs out — with no CSP violation', async () => {
    const { page, problems, close } = await checkedPage(browser)

    await signIn(page, 'learner@example.com')
    await page.waitForURL(`${server.url}/learn`)
    await expect.poll(() => page.getByTestId('signed-in-name').textContent()).toBe('Lena Fischer')
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Welcome, Lena')
    const nav = await page.getByRole('navigation', { name: 'Main' }).textContent()
    expect(nav).toContain('Learn')
    expect(nav).not.toContain('Admin')

    // Client-side navigation proves the hydrated app runs under the CSP.
    await page.getByRole('link', { name: 'My competencies' }).click()
    await page.waitForURL(`${server.url}/me/competencies`)
    await page.getByRole('heading', { name: 'My competencies' }).waitFor()

    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.waitForURL(`${server.url}/login`)
    await page.goto(`${server.url}/learn`)
    expect(page.url()).toBe(`${server.url}/login?redirectTo=%2Flearn`)

    expect(await problems()).toEqual([])
    await close()
  })

  it('a learner who opens an admin page gets the 403 page', async () => {
    const { page, problems, close } = await checkedPage(browser)
    await signIn(page, 'learner@example.com')
    await page.waitForURL(`${server.url}/learn`)
    const response = await page.goto(`${server.url}/admin/users`)
    expect(response?.status()).toBe(403)
    await page.getByRole('heading', { name: 'You do not have access to this page' }).waitFor()
    expect(withoutOwnStatus(await problems(), `${server.url}/admin/users`)).toEqual([])
    await close()
  })

  it('a wrong password shows the message on the form', async () => {
    const { page, problems, close } = await checkedPage(browser)
    await page.goto(`${server.url}/login`)
    await page.getByLabel('Email').fill('learner@example.com')
    await page.getByLabel('Password').fill('not-my-password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('alert').filter({ hasText: 'The email or password is wrong.' }).waitFor()
    expect(withoutOwnStatus(await problems(), `${server.url}/login`)).toEqual([])
    await close()
  })
})
