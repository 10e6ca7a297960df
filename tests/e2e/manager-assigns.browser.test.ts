import type { Browser, Page } from 'playwright-core'
import type { QuizDefinition } from '~/domain/assessments'
import { addDays, isoDate } from '~/domain/calendar'
import { formatDate } from '~/domain/calendar'
import { launchBrowser, signedInPage } from '../support/browser'
import { curriculumLesson } from '../support/content'
import { type RunningServer, startServer } from '../support/server-process'

let server: RunningServer
let browser: Browser
let quiz: QuizDefinition
const LESSON = '/courses/service-culture-foundations/precise-commitments'

beforeAll(async () => {
  const [started, launched, lesson] = await Promise.all([
    startServer(),
    launchBrowser(),
    curriculumLesson('precise-commitments'),
  ])
  server = started
  browser = launched
  quiz = lesson.quiz as QuizDefinition
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

const signIn = (email: string) => signedInPage(browser, server.url, email)

const ownershipCellOf = (page: Page, name: string) =>
  page.getByTestId('heatmap').locator('tr', { hasText: name }).locator('[data-testid$="-ownership"]')

describe('a manager assigns work to a team', () => {
  it('reaches the learner’s My learning, and the heatmap moves once they pass the quiz', async () => {
    const due = addDays(isoDate(new Date()), 10)
    const manager = await signIn('manager@example.com')
    await manager.page.goto(`${server.url}/team/assign`)
    await manager.page.getByLabel('Course or lesson').selectOption({ label: 'Lesson: Precise commitments' })
    await manager.page.getByLabel('Whole team').selectOption({ label: 'Front Desk' })
    await manager.page.getByLabel('Due date (optional)').fill(due)
    await manager.page.getByLabel('Note (optional)').fill('Read before Friday’s shift.')
    await manager.page.getByRole('button', { name: 'Assign' }).click()
    await manager.page.getByRole('status').filter({ hasText: 'Assigned' }).waitFor()
    expect(await manager.page.getByRole('status').textContent()).toMatch(/to 3 people.*join the team later/)

    await manager.page.goto(`${server.url}/team`)
    expect(await ownershipCellOf(manager.page, 'Lena Fischer').getAttribute('data-level')).toBe('not-yet-evidenced')

    const learner = await signIn('learner@example.com')
    const assigned = learner.page.getByTestId('assignment').filter({ hasText: 'Precise commitments' })
    await assigned.waitFor()
    expect(await assigned.textContent()).toContain(`Due ${formatDate(due)}`)
    expect(await assigned.textContent()).toContain('Read before Friday’s shift.')
    expect(await assigned.getAttribute('data-status')).toBe('not_started')

    await learner.page.goto(`${server.url}${LESSON}`)
    const form = learner.page.locator(`section#quiz-${quiz.id} form`)
    for (const q of quiz.questions)
      if ((await form.locator(`input[name="q:${q.id}"]`).count()) > 0)
        for (const choice of q.choices.filter((c) => c.correct))
          await form.locator(`input[name="q:${q.id}"][value="${choice.id}"]`).check()
    await form.getByRole('button', { name: /Submit/ }).click()
    await learner.page.waitForURL(/\/attempts\//)
    expect(await learner.page.getByTestId('quiz-verdict').textContent()).toMatch(/^Passed/)

    await manager.page.reload()
    const cell = ownershipCellOf(manager.page, 'Lena Fischer')
    expect(await cell.getAttribute('data-level')).toBe('exemplary')
    expect(await cell.textContent()).toMatch(/Exemplary 100%/)
    expect(await ownershipCellOf(manager.page, 'Omar Said').getAttribute('data-level')).toBe('not-yet-evidenced')

    expect(await manager.problems()).toEqual([])
    expect(await learner.problems()).toEqual([])
    await manager.close()
    await learner.close()
  })

  it('opens the manager’s Monday with what waits on them; Remind queues an email the admin sees in the outbox', async () => {
    const manager = await signIn('manager@example.com')
    await manager.page.goto(`${server.url}/team`, { waitUntil: 'networkidle' })
    const summary = manager.page.getByTestId('team-summary')
    const notStartedCard = summary.locator('li', { hasText: 'Not started' })
    expect(Number((await notStartedCard.locator('p').first().textContent())?.match(/\d+/)?.[0])).toBeGreaterThan(0)
    await notStartedCard.getByRole('link', { name: 'Send a reminder' }).click()
    const row = manager.page.getByTestId('not-started').locator('li').first()
    const person = (await row.getByRole('link').first().textContent()) ?? ''
    const remind = row.getByRole('button', { name: `Remind ${person}` })
    await remind.click()
    await row
      .getByRole('status')
      .filter({ hasText: `Reminder to ${person} queued` })
      .waitFor()
    expect(await remind.isDisabled()).toBe(true)
    await manager.page.reload({ waitUntil: 'networkidle' })
    const again = manager.page.getByTestId('not-started').locator('li', { hasText: person }).first()
    expect(await again.textContent()).toContain('Reminded today')

    const admin = await signIn('admin@example.com')
    await admin.page.goto(`${server.url}/admin/outbox`)
    const message = admin.page.locator('tr', { hasText: 'A reminder from Mia Chen' })
    expect(await message.textContent()).toContain('Reminder from a manager')
    expect(await message.textContent()).toContain(person)
    expect(await manager.problems()).toEqual([])
    expect(await admin.problems()).toEqual([])
    await manager.close()
    await admin.close()
  })

  it('assigns a weak competency’s lesson in one click to those below proficient only, once', async () => {
    const manager = await signIn('manager@example.com')
    await manager.page.goto(`${server.url}/team`, { waitUntil: 'networkidle' })
    // A weak competency someone is already proficient in, and a lesson that still reaches someone.
    const levelsOf = (id: string) =>
      manager.page
        .getByTestId('heatmap')
        .locator(`[data-testid$="-${id}"]`)
        .evaluateAll((cells) => cells.map((c) => c.getAttribute('data-level')))
    let chosen: { id: string; proficient: number } | null = null
    for (const card of await manager.page.locator('[data-testid^="gap-"]').all()) {
      const id = ((await card.getAttribute('data-testid')) ?? '').slice('gap-'.length)
      const proficient = (await levelsOf(id)).filter((l) => l === 'proficient' || l === 'exemplary').length
      if (proficient > 0 && (await card.getByRole('button', { name: /below proficient/ }).count()) > 0) {
        chosen = { id, proficient }
        break
      }
    }
    expect(chosen).not.toBeNull()
    const { id, proficient } = chosen!
    const item = manager.page
      .getByTestId(`gap-${id}`)
      .locator('li', { has: manager.page.getByRole('button') })
      .first()
    const button = item.getByRole('button', { name: /below proficient/ })
    const offered = Number(/Assign to (\d+)/.exec((await button.textContent()) ?? '')?.[1])
    const lesson = (await item.getByRole('link').first().textContent()) ?? ''
    const competency = (await manager.page.getByTestId(`gap-${id}`).getByRole('heading').first().textContent()) ?? ''
    const people = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`
    await button.click()
    const status = item.getByRole('status')
    await status.filter({ hasText: 'Assigned' }).waitFor()
    expect(await status.textContent()).toMatch(
      new RegExp(
        `^Assigned “${lesson}” to ${people(offered)} below proficient in ${competency}, due in 14 days\\. Skipped: ${people(proficient)} already proficient`,
      ),
    )
    // A second click finds nobody new.
    await button.click()
    await status.filter({ hasText: `Nobody new to assign in ${competency}` }).waitFor()
    expect(await manager.problems()).toEqual([])
    await manager.close()
  })
})
