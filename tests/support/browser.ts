import fs from 'node:fs'
import { type Browser, type Page, chromium } from 'playwright-core'
import { watchConsole } from './console-watch'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Browser tests need Debian's chromium at ${CHROMIUM_PATH}: run \`sudo apt-get install chromium\` (or set CHROMIUM_PATH).`,
    )
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
}

/** Fills in and sends the login form, without waiting for where it leads (a refusal stays on it). */
export async function submitSignIn(page: Page, baseUrl: string, email: string, password = 'servewell-demo') {
  await page.goto(`${baseUrl}/login`)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

/** Signs a demo account in through the login form (every demo account shares one password). */
export async function signInAs(page: Page, baseUrl: string, email: string) {
  await submitSignIn(page, baseUrl, email)
  // Each role lands on its own home (an admin on /admin); anywhere but the form means signed in.
  await page.waitForURL((url) => url.pathname !== '/login')
}

/** A fresh browser context signed in as a demo account, with its console problems collected. */
export async function signedInPage(browser: Browser, baseUrl: string, email: string) {
  const context = await browser.newContext()
  const page = await context.newPage()
  const problems = watchConsole(page)
  await signInAs(page, baseUrl, email)
  return { page, problems, close: () => context.close() }
}
