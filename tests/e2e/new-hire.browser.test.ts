import type { Browser } from 'playwright-core'
import type { QuizDefinition, RolePlayDefinition } from '~/domain/assessments'
import { bestPath } from '~/domain/role-play-engine'
import { PHONE, launchBrowser, signedInPage } from '../support/browser'
import { curriculumLesson } from '../support/content'
import { type RunningServer, startServer } from '../support/server-process'

let server: RunningServer
let browser: Browser
let quiz: QuizDefinition
let rolePlay: RolePlayDefinition
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
  rolePlay = lesson.rolePlay as RolePlayDefinition
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('a new hire’s first graded lesson', () => {
  it('reads, fails then passes the quiz, plays the role-play to an ending, and sees the record change', async () => {
    const { page, problems, close } = await signedInPage(browser, server.url, 'jonas@example.com')

    await page.goto(`${server.url}/me/competencies`)
    const ownership = page.getByTestId('competency-ownership')
    expect(await ownership.getByTestId('score').textContent()).toBe('no evidence yet')

    await page.goto(`${server.url}${LESSON}`)
    await page.getByRole('heading', { level: 1, name: 'Precise commitments' }).waitFor()

    const asked: QuizDefinition['questions'] = []
    const answer = async (pick: (q: QuizDefinition['questions'][number]) => string[]) => {
      const form = page.locator(`section#quiz-${quiz.id} form`)
      asked.length = 0
      // The quiz is a pool: answer the questions this attempt drew, the ones on the page.
      for (const q of quiz.questions)
        if ((await form.locator(`input[name="q:${q.id}"]`).count()) > 0) {
          asked.push(q)
          for (const choiceId of pick(q)) await form.locator(`input[name="q:${q.id}"][value="${choiceId}"]`).check()
        }
      await form.getByRole('button', { name: /Submit/ }).click()
      await page.waitForURL(/\/attempts\//)
      return page.getByTestId('quiz-verdict').textContent()
    }

    expect(await answer((q) => [q.choices.find((c) => !c.correct)?.id ?? ''])).toMatch(/^Not passed yet/)
    await page
      .getByText(asked[0]?.choices.find((c) => !c.correct)?.feedback.slice(0, 40) ?? '')
      .first()
      .waitFor()
    await page.goto(`${server.url}${LESSON}`)
    expect(await answer((q) => q.choices.filter((c) => c.correct).map((c) => c.id))).toMatch(/^Passed: 100%/)

    await page.goto(`${server.url}${LESSON}`)
    const rp = page.locator(`section#roleplay-${rolePlay.id}`)
    await rp.getByRole('button', { name: 'Start the scenario' }).click()
    for (const step of bestPath(rolePlay).steps) {
      const label =
        rolePlay.scenes.find((s) => s.id === step.sceneId)?.options.find((o) => o.id === step.optionId)?.label ?? ''
      await rp.getByRole('button', { name: label }).click()
      await rp.getByText(label).first().waitFor()
    }
    await rp.getByTestId('roleplay-ending').waitFor()
    expect(await rp.getByTestId('roleplay-ending').textContent()).toMatch(/Ending · good/)
    await page.getByTestId('lesson-completed').waitFor()

    await page.goto(`${server.url}/me/competencies?competency=ownership`)
    const score = await ownership.getByTestId('score').textContent()
    expect(score).toMatch(/^\d+% · \d+\/\d+ points · \d+ items$/)
    // What counts first, named by the question or scene it came from; the failed attempt's evidence folded away.
    const counting = ownership.locator('table').first()
    expect(await counting.textContent()).toMatch(/Quiz · Precise commitments/)
    expect(await counting.textContent()).toMatch(/Role-play · Precise commitments/)
    expect(await counting.textContent()).toContain(rolePlay.title)
    expect(await counting.textContent()).not.toMatch(/superseded/)
    const earlier = ownership.locator('details details')
    expect(await earlier.locator('summary').textContent()).toMatch(
      /^\d+ earlier or practice answers that do not count$/,
    )
    expect(await earlier.locator('table').isVisible()).toBe(false)
    await earlier.locator('summary').click()
    expect(await earlier.locator('tbody').textContent()).toMatch(/superseded/)
    expect(await problems()).toEqual([])
    await close()
  })

  it('on a phone, keeps each new customer line in view and focused, the mood on screen, and announces the coach', async () => {
    const { page, problems, close } = await signedInPage(browser, server.url, 'omar@example.com', PHONE)
    await page.goto(`${server.url}${LESSON}`, { waitUntil: 'networkidle' })
    const rp = page.locator(`section#roleplay-${rolePlay.id}`)
    await rp.getByRole('button', { name: 'Start the scenario' }).click()
    await rp.getByRole('group', { name: 'How do you reply?' }).waitFor()
    const inView = (box: { y: number; height: number } | null) => box !== null && box.y >= 0 && box.y + 24 <= 844

    const steps = bestPath(rolePlay).steps
    for (const [i, step] of steps.entries()) {
      const scene = rolePlay.scenes.find((s) => s.id === step.sceneId)!
      const option = scene.options.find((o) => o.id === step.optionId)!
      await rp.getByRole('button', { name: option.label }).click()
      await rp.getByText(option.label).first().waitFor()
      const next = steps[i + 1]
      const expected = next ? rolePlay.scenes.find((s) => s.id === next.sceneId)!.customer.slice(0, 30) : 'Ending ·'
      await page.waitForFunction((text) => document.activeElement?.textContent?.includes(text), expected)
      // What the learner reads next starts on screen, and so does the mood while they choose.
      await page.waitForFunction(() => {
        const box = document.activeElement!.getBoundingClientRect()
        return box.top >= 0 && box.top + 24 <= window.innerHeight
      })
      expect(inView(await rp.getByRole('meter', { name: 'Customer mood' }).boundingBox())).toBe(true)
      expect(await rp.getByRole('status').filter({ hasText: 'Coach:' }).textContent()).toContain(
        option.feedback.slice(0, 30),
      )
    }
    // The summary names competencies as people read them.
    const summary = (await rp.getByTestId('roleplay-ending').locator('table').textContent()) ?? ''
    expect(summary).toContain('Ownership')
    expect(summary).not.toMatch(/\bownership\b/)
    expect(await problems()).toEqual([])
    await close()
  })
})
