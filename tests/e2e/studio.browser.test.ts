import type { Browser, Page } from 'playwright-core'
import { launchBrowser, signedInPage } from '../support/browser'
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

const signIn = (email: string) => signedInPage(browser, server.url, email)

const lesson = (title: string) => `---
title: ${title}
summary: Greeting people who walk in while you are on the phone.
minutes: 5
objectives:
  - Acknowledge a visitor at once
competencies: [friendliness]
principles: [answer-and-greet]
---

## Look up

A glance and a nod tell a visitor they have been seen.

<RolePlay id="door" title="Someone at the door" start="arrives">
<Scene id="arrives">
<Customer>
Hello? Is anyone free?
</Customer>
<Option id="nod" next="seen" mood={1} points={{"friendliness": 2}} principles={["answer-and-greet"]} feedback="A look and a word tell him he is seen.">
Look up, smile: one moment, I'm with you.
</Option>
<Option id="ignore" next="left" mood={-2} points={{"friendliness": 0}} principles={["answer-and-greet"]} feedback="Eyes on the screen tell him he does not count.">
Keep typing until the call is finished.
</Option>
</Scene>
<Ending id="seen" title="Seen" outcome="good">
He waits happily.
</Ending>
<Ending id="left" title="Gone" outcome="poor">
He leaves.
</Ending>
</RolePlay>

<Quiz id="greet-quiz" title="Greeting">
<Question id="first" type="single" competencies={["friendliness"]} principles={["answer-and-greet"]}>
Someone walks in while you are on the phone. What first?
<Choice id="nod" correct={true} feedback="A nod costs nothing and tells them they are seen.">Nod and smile</Choice>
<Choice id="wait" feedback="They stand there wondering whether anyone noticed them.">Finish the call, then look up</Choice>
</Question>
</Quiz>
`

/** Replaces the editor's whole text, as a trainer pasting a lesson would. */
async function replaceSource(page: Page, text: string) {
  await page.locator('.cm-content').click()
  await page.keyboard.press('Control+A')
  await page.keyboard.insertText(text)
}

describe('the trainer’s studio', () => {
  it('creates a lesson, shows a mistake on its line, publishes the fix to learners, and restores an earlier version', async () => {
    const trainer = await signIn('trainer@example.com')
    const { page } = trainer
    // Wait for hydration, so the module chosen below is not reset by it.
    await page.goto(`${server.url}/author/lessons`, { waitUntil: 'networkidle' })
    await page
      .getByLabel('Module')
      .selectOption({ label: 'Service Culture Foundations · How service feels to the customer' })
    await page.getByLabel('Name in the address').fill('studio-greeting')
    await page.getByRole('button', { name: 'Create and edit' }).click()
    await page.waitForURL(/\/author\/lessons\/service-culture-foundations\/studio-greeting$/)
    await page.locator('.cm-content').waitFor()

    // The line after the lesson holds a component lessons may not use.
    const widgetLine = lesson('Look up from the phone').split('\n').length + 1
    await replaceSource(page, `${lesson('Look up from the phone')}\n<Widget />\n`)
    await page
      .getByTestId('save-status')
      .getByText(/^Draft saved/)
      .waitFor()
    const problems = page.getByTestId('preview-problems')
    await problems.getByText(/Widget/).waitFor()
    expect(await problems.textContent()).toContain(`line ${widgetLine}:1 Unknown component <Widget>`)
    expect(await page.locator('.cm-line', { has: page.locator('.cm-lintRange-error') }).textContent()).toBe(
      '<Widget />',
    )
    expect(await page.getByRole('button', { name: 'Publish' }).isDisabled()).toBe(true)

    await replaceSource(page, lesson('Look up from the phone'))
    await page.getByText('The lesson passes every check.').waitFor()
    await page.getByRole('heading', { level: 2, name: 'Look up from the phone' }).waitFor()
    // The preview plays the quiz and walks the role-play, showing points and branches; nothing is recorded.
    const quiz = page.getByRole('region', { name: 'Try quiz greet-quiz' })
    await quiz.getByLabel('Nod and smile').check()
    await quiz.getByRole('button', { name: 'Check answers' }).click()
    expect(await quiz.getByTestId('try-result').textContent()).toBe('Passed: 100% of the whole pool')
    const walk = page.getByRole('region', { name: 'Walk through role-play door' })
    expect(await walk.getByRole('button', { name: /Keep typing/ }).textContent()).toMatch(
      /mood -2 · friendliness 0 · → left/,
    )
    await walk.getByRole('button', { name: /Look up, smile/ }).click()
    await walk.getByText('Ending “Seen” · good').waitFor()
    expect(await walk.getByTestId('walk-state').textContent()).toBe('Mood +1 · 2 of 2 points · nod')

    await page.getByRole('button', { name: 'Publish' }).click()
    await page.getByText('Published version 1. Learners get it from now on.').waitFor()

    const learner = await signIn('jonas@example.com')
    await learner.page.goto(`${server.url}/courses/service-culture-foundations/studio-greeting`)
    await learner.page.getByRole('heading', { level: 1, name: 'Look up from the phone' }).waitFor()

    await replaceSource(page, lesson('Greet them as you would a friend'))
    await page.getByText('The lesson passes every check.').waitFor()
    await page
      .getByTestId('save-status')
      .getByText(/^Draft saved/)
      .waitFor()
    await page.getByRole('button', { name: 'Publish' }).click()
    await page.getByText('Published version 2. Learners get it from now on.').waitFor()

    await page.getByRole('link', { name: 'History' }).click()
    await page.getByTestId('version-diff').locator('tr[data-kind="changed"]', { hasText: 'Greet them' }).waitFor()
    await page.getByRole('button', { name: 'Restore version 1' }).click()
    await page.waitForURL(/history\?v=3$/)
    await learner.page.reload()
    await learner.page.getByRole('heading', { level: 1, name: 'Look up from the phone' }).waitFor()

    expect(await trainer.problems()).toEqual([])
    expect(await learner.problems()).toEqual([])
  }, 120_000)
})
