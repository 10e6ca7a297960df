import type { Page } from 'playwright-core'

/** Collects console errors, CSP violations and uncaught exceptions; pages should produce none. */
export function watchConsole(page: Page) {
  const problems: string[] = []
  page.on('console', (msg) => {
    if (msg.type() === 'error' || /Content Security Policy/i.test(msg.text()))
      problems.push(`${msg.text()} (${msg.location().url})`)
  })
  page.on('pageerror', (error) => problems.push(error.message))
  return problems
}
