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

    expect(manager.problems).toEqual([])
    expect(learner.problems).toEqual([])
    await manager.close()
    await learner.close()
  })
})
