import path from 'node:path'
import { inArray } from 'drizzle-orm'
import type { Browser, Page } from 'playwright-core'
import type { Db } from '#db/client'
import { competencies, competencyRecords, users } from '#db/schema'
import { seedDemoOrganisation } from '#db/seed'
import { syncContent } from '~/content/sync.server'
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

/**
 * The demo people with a record that makes Ownership the team's gap, whatever the demo's
 * random progress would have drawn: everyone exemplary elsewhere, Grace proficient in
 * Ownership, Lena and Omar without evidence of it. No work assigned yet.
 */
async function prepare(db: Db) {
  await seedDemoOrganisation(db)
  await syncContent(db, path.resolve('content'))
  const people = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.email, ['grace@example.com', 'learner@example.com', 'omar@example.com']))
  const framework = await db.select({ id: competencies.id }).from(competencies)
  await db.insert(competencyRecords).values(
    people.flatMap((p) =>
      framework.flatMap((c) =>
        c.id !== 'ownership'
          ? [{ userId: p.id, competencyId: c.id, earned: 5, possible: 5, items: 5, score: 1, level: 'exemplary' }]
          : p.email === 'grace@example.com'
            ? [
                {
                  userId: p.id,
                  competencyId: c.id,
                  earned: 7,
                  possible: 10,
                  items: 5,
                  score: 0.7,
                  level: 'proficient',
                },
              ]
            : [],
      ),
    ),
  )
}

beforeAll(async () => {
  const [started, launched, lesson] = await Promise.all([
    startServer({}, { prepare }),
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

/** A person's Ownership cell, found as a reader finds it: their row, under the Ownership column header. */
async function ownershipCellOf(page: Page, name: string) {
  const heatmap = page.getByTestId('heatmap')
  const column = (await heatmap.locator('thead th').allTextContents()).indexOf('Ownership')
  expect(column).toBeGreaterThan(0)
  return heatmap.locator('tbody tr', { hasText: name }).locator('th, td').nth(column)
}

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
    expect(await (await ownershipCellOf(manager.page, 'Lena Fischer')).getAttribute('data-level')).toBe(
      'not-yet-evidenced',
    )

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
    const cell = await ownershipCellOf(manager.page, 'Lena Fischer')
    expect(await cell.getAttribute('data-level')).toBe('exemplary')
    expect(await cell.textContent()).toMatch(/Exemplary 100%/)
    expect(await (await ownershipCellOf(manager.page, 'Omar Said')).getAttribute('data-level')).toBe(
      'not-yet-evidenced',
    )

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
    // Grace is proficient in Ownership and Lena passed its quiz above; Omar alone is below.
    const card = manager.page.getByTestId('gap-ownership')
    const button = card.locator('li', { hasText: 'Owning mistakes' }).getByRole('button', { name: /below proficient/ })
    expect(await button.textContent()).toMatch(/^Assign to 1 below proficient/)
    // A double click sends it once; the result stays on the card.
    await button.dblclick()
    const status = card.getByRole('status')
    await status.filter({ hasText: 'Assigned' }).waitFor()
    expect(await status.textContent()).toBe(
      'Assigned “Owning mistakes” to 1 person below proficient in Ownership, due in 14 days. Skipped: 2 people already proficient.',
    )
    // Now nobody below proficient is without it: the lesson offers nothing more.
    await expect.poll(() => card.locator('li', { hasText: 'Owning mistakes' }).getByRole('button').count()).toBe(0)
    await manager.page.getByRole('link', { name: 'Omar Said' }).first().click()
    await manager.page.getByRole('heading', { level: 1, name: 'Omar Said' }).waitFor()
    expect(await manager.page.getByTestId('assignment').filter({ hasText: 'Owning mistakes' }).count()).toBe(1)
    expect(await manager.problems()).toEqual([])
    await manager.close()
  })
})
