import fs from 'node:fs'
import { AxeBuilder } from '@axe-core/playwright'
import { type Browser, type BrowserContextOptions, type Page, chromium } from 'playwright-core'
import { watchConsole } from './console-watch'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export const DESKTOP = { width: 1280, height: 800 }
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }

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

/** The WCAG 2 A/AA rules and axe's best practices; moderate and minor findings are not gated. */
const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']
const gatedImpacts = new Set(['serious', 'critical'])
/**
 * Findings that are wrong about one element, kept narrow so the rule still guards the rest. The
 * code editor's scroller holds a contenteditable, which takes focus and scrolls it with the caret;
 * axe does not count contenteditable as focusable, and a tab stop of its own would be a dead one.
 */
const falsePositives = [{ rule: 'scrollable-region-focusable', target: '.cm-scroller' }]
const isFalsePositive = (rule: string, target: string) =>
  falsePositives.some((f) => f.rule === rule && f.target === target)

/** The element boxes that reach past the right edge of a window `limit` pixels wide, widest first, named well enough to find them. */
function overflowingElements(limit: number) {
  const clippedInside = (el: Element) => {
    // An in-flow element inside a scroll box that fits does not widen the page; an absolute one may escape it.
    if (getComputedStyle(el).position === 'absolute' || getComputedStyle(el).position === 'fixed') return false
    for (let parent = el.parentElement; parent && parent !== document.body; parent = parent.parentElement)
      if (getComputedStyle(parent).overflowX !== 'visible' && parent.getBoundingClientRect().right <= limit + 1)
        return true
    return false
  }
  const name = (el: Element) => {
    const classes = [...el.classList].slice(0, 4).join('.')
    const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)
    return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${classes ? `.${classes}` : ''}> "${text}"`
  }
  return [...document.body.querySelectorAll('*')]
    .map((el) => ({ el, box: el.getBoundingClientRect() }))
    .filter(({ el, box }) => box.right > limit + 1 && box.width > 0 && !clippedInside(el))
    .sort((a, b) => b.box.right - a.box.right)
    .slice(0, 5)
    .map(({ el, box }) => `${name(el)} reaches ${Math.round(box.right)}px`)
}

/**
 * Checks a page once it has settled: axe's serious and critical violations, and whether it is
 * wider than the window (on a phone, the page must not scroll sideways).
 */
async function checkPage(page: Page): Promise<string[]> {
  const { width, height } = page.viewportSize() ?? { width: 0, height: 0 }
  const where = `${page.url()} at ${width}×${height}`
  const results = await new AxeBuilder({ page }).withTags(axeTags).analyze()
  const found = results.violations
    .filter((v) => gatedImpacts.has(v.impact ?? ''))
    .map((v) => ({ ...v, targets: v.nodes.map((n) => n.target.join(' ')).filter((t) => !isFalsePositive(v.id, t)) }))
    .filter((v) => v.targets.length > 0)
    .map((v) => `axe ${v.id} (${v.help}) on ${where}: ${v.targets.join(', ')}`)
  // Against the viewport, not innerWidth: a phone browser zooms out to fit a wide page, widening innerWidth with it.
  const overflow = (await page.evaluate(() => document.documentElement.scrollWidth)) - width
  if (overflow > 0) {
    const widest = await page.evaluate(overflowingElements, width)
    found.push(`overflow: ${where} is ${overflow}px wider than the window; widest: ${widest.join('; ')}`)
  }
  return found
}

const leftThePage = /Execution context was destroyed|Target page, context or browser has been closed|navigat/i

/**
 * A fresh browser context whose every page is checked: console errors and CSP violations as they
 * happen, and axe and the overflow check after each navigation (a full load or a client-side one),
 * once per URL and viewport. `problems()` waits for checks still running, then lists everything.
 */
export async function checkedPage(browser: Browser, options: BrowserContextOptions = {}) {
  const context = await browser.newContext({ viewport: DESKTOP, ...options })
  const page = await context.newPage()
  const problems = watchConsole(page)
  const checked = new Set<string>()
  let queue: Promise<void> = Promise.resolve()

  const settle = async () => {
    await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined)
    // Two frames after the network is quiet: hydration and the effects it starts have run.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
  }
  const check = (url: string) => async () => {
    try {
      await settle()
      const key = `${page.url()} ${JSON.stringify(page.viewportSize())}`
      // Another navigation came first; its own check will run.
      if (page.url() !== url || checked.has(key)) return
      checked.add(key)
      problems.push(...(await checkPage(page)))
    } catch (error) {
      // The test moved on before the check finished; the next page is checked in its turn.
      if (!(error instanceof Error && leftThePage.test(error.message))) throw error
    }
  }
  page.on('framenavigated', (frame) => {
    if (frame !== page.mainFrame() || frame.url() === 'about:blank') return
    queue = queue.then(check(frame.url())).catch((error: unknown) => {
      problems.push(`check failed on ${frame.url()}: ${String(error)}`)
    })
  })

  return {
    page,
    problems: async () => {
      await queue
      return problems
    },
    close: () => context.close(),
  }
}

/**
 * Drops the console's reports of error statuses the page means to answer with: a 403 or 404 page's
 * own document, or a form at `url` answering 400 to a mistake (its `_data` request).
 */
export function withoutOwnStatus(problems: string[], url: string) {
  const own = (p: string) =>
    p.startsWith('Failed to load resource:') &&
    (p.endsWith(`(${url})`) || (p.includes(`(${url}?`) && p.includes('_data=')))
  return problems.filter((p) => !own(p))
}

/** A checked browser context (see `checkedPage`) signed in as a demo account. */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  email: string,
  options: BrowserContextOptions = {},
) {
  const checked = await checkedPage(browser, options)
  await signInAs(checked.page, baseUrl, email)
  return checked
}
