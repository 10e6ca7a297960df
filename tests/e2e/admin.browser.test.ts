import type { Browser, Page } from 'playwright-core'
import { launchBrowser, submitSignIn } from '../support/browser'
import { watchConsole } from '../support/console-watch'
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

const signIn = (page: Page, email: string, password?: string) => submitSignIn(page, server.url, email, password)

const peopleTable = (page: Page) => page.getByRole('table', { name: 'People in your organisation' })
const namesIn = async (page: Page) =>
  (await peopleTable(page).locator('tbody tr td:first-child a').allTextContents()).sort()

describe('an admin runs people in a browser', () => {
  it('finds people, filters by team, deactivates one after confirming, and that person cannot sign in', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    const problems = watchConsole(page)
    await signIn(page, 'admin@example.com')
    await page.waitForURL(`${server.url}/admin`)
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'People' }).click()
    await page.waitForURL(`${server.url}/admin/users`)
    await expect.poll(() => page.getByTestId('showing').textContent()).toBe('Showing 1–11 of 11')

    await page.getByLabel('Name or email').fill('GRACE')
    await page.getByRole('button', { name: 'Show people' }).click()
    await page.waitForURL(/\/admin\/users\?q=GRACE/)
    await expect.poll(() => namesIn(page)).toEqual(['Grace Kim'])

    await page.getByRole('link', { name: 'Clear filters' }).first().click()
    await page.waitForURL(`${server.url}/admin/users`)
    await page.getByLabel('Team').selectOption({ label: 'Front Desk' })
    await page.getByRole('button', { name: 'Show people' }).click()
    await page.waitForURL(/team=/)
    await expect.poll(() => namesIn(page)).toEqual(['Grace Kim', 'Lena Fischer', 'Mia Chen', 'Omar Said'])
    // The URL holds the filters: going back shows the list before them.
    await page.goBack()
    await page.waitForURL(`${server.url}/admin/users`)
    await expect.poll(() => page.getByTestId('showing').textContent()).toBe('Showing 1–11 of 11')
    await page.goForward()
    await expect.poll(() => namesIn(page)).toEqual(['Grace Kim', 'Lena Fischer', 'Mia Chen', 'Omar Said'])

    await page.getByRole('link', { name: 'Omar Said' }).click()
    await page.getByRole('heading', { level: 1, name: 'Omar Said' }).waitFor()
    await page.getByRole('link', { name: 'Deactivate…' }).click()
    const yes = page.getByRole('button', { name: 'Yes, deactivate Omar Said' })
    await yes.waitFor()
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Deactivate Omar Said?')
    // Cancelling changes nothing.
    await page.getByRole('link', { name: 'Cancel' }).click()
    await page.getByRole('link', { name: 'Deactivate…' }).click()
    await yes.click()
    await page.getByText(/· deactivated /).waitFor()
    await page.getByRole('button', { name: 'Reactivate' }).waitFor()
    expect(problems).toEqual([])
    await context.close()

    const omar = await browser.newContext()
    const omarPage = await omar.newPage()
    await signIn(omarPage, 'omar@example.com')
    await omarPage.getByRole('alert').filter({ hasText: 'Your account has been deactivated' }).waitFor()
    expect(omarPage.url()).toBe(`${server.url}/login`)
    await signIn(omarPage, 'omar@example.com', 'not-the-password')
    await omarPage.getByRole('alert').filter({ hasText: 'The email or password is wrong.' }).waitFor()
    expect((await omar.cookies()).filter((c) => c.name.includes('session'))).toEqual([])
    await omar.close()
  })

  it('fits every admin page in a 390 px phone screen, with no sideways scrolling', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
    const page = await context.newPage()
    const problems = watchConsole(page)
    await signIn(page, 'admin@example.com')
    await page.waitForURL(`${server.url}/admin`)
    await page.goto(`${server.url}/admin/users?q=lena`)
    await page.getByRole('link', { name: 'Lena Fischer' }).click()
    await page.getByRole('heading', { level: 1, name: 'Lena Fischer' }).waitFor()
    const lena = new URL(page.url()).pathname
    const widthOf = () => page.evaluate(() => document.documentElement.scrollWidth)

    for (const path of [
      '/admin',
      '/admin/users',
      '/admin/users?status=all&sort=team&dir=desc',
      '/admin/users?q=nobody-here',
      '/admin/users/new',
      lena,
      `${lena}?confirm=deactivate`,
      '/admin/teams',
      '/admin/onboarding',
      '/admin/mission',
      '/admin/outbox',
      '/admin/audit',
      '/admin/users/import',
    ]) {
      await page.goto(`${server.url}${path}`)
      expect(await widthOf(), path).toBeLessThanOrEqual(390)
    }

    // The import preview, problems and all.
    await page
      .getByLabel('Or paste CSV text')
      .fill(
        'name,email,role,team,manager email,hire date\nRosa Alvarez,rosa.alvarez@example.com,manager,Front Desk,,2025-03-03\nSomeone With A Very Long Name Indeed,learner@example.com,,Night Shift Team Of The Far North,,03/03/2025\n',
      )
    await page.getByRole('button', { name: 'Preview' }).click()
    const problemsOfLine3 = page.getByRole('list', { name: 'Problems on line 3' })
    await problemsOfLine3.waitFor()
    expect(await widthOf()).toBeLessThanOrEqual(390)
    // The problems are on screen beside the row, not off to the right.
    const box = await problemsOfLine3.boundingBox()
    expect(box!.x + box!.width).toBeLessThanOrEqual(390)
    await page.getByRole('button', { name: 'Import 1 person, skip 1 row with problems' }).waitFor()
    await page.getByRole('button', { name: 'Download the 1 row with problems (CSV)' }).waitFor()
    expect(problems).toEqual([])
    await context.close()
  })
})
