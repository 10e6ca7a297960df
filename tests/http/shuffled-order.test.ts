import { seedDemoOrganisation } from '#db/seed'
import { syncContent } from '~/content/sync.server'
import { useAppServer } from '../support/app-server'
import { useTestDatabase } from '../support/database'
import { lessonClient, quizSubmission } from '../support/lesson-actions'
import { freshLearner } from '../support/requests'

// Where an answer sits must tell a test-wise learner nothing: the server shuffles choices and
// replies per learner and attempt, the same way on every reload.
const database = useTestDatabase()
const app = useAppServer()
const promises = lessonClient('demo-course', 'promises')
const listening = lessonClient('demo-course', 'listening')
const WRITTEN = { when: ['time', 'soon'], slip: ['warn', 'hide', 'new-time'] }

beforeAll(async () => {
  await seedDemoOrganisation(database.handle.db)
  await syncContent(database.handle.db, 'tests/fixtures/content')
})

describe('the order of choices and replies', () => {
  it('is stable on reload, differs between learners, and is not the written order', async () => {
    const orders: string[] = []
    for (let i = 0; i < 8; i++) {
      const learner = await freshLearner(`order${i}`)
      const first = (await promises.open(learner.cookie)).assessments.quizzes[0]!
      const again = (await promises.open(learner.cookie)).assessments.quizzes[0]!
      expect(again.choiceOrder).toEqual(first.choiceOrder)
      expect([...first.choiceOrder.slip!].sort()).toEqual([...WRITTEN.slip].sort())
      orders.push(JSON.stringify(first.choiceOrder))
    }
    expect(new Set(orders).size).toBeGreaterThan(1)
    expect(orders.some((o) => o !== JSON.stringify(WRITTEN))).toBe(true)
  })

  it('is the order the page itself shows', async () => {
    for (let i = 0; i < 8; i++) {
      const learner = await freshLearner(`page${i}`)
      const order = (await promises.open(learner.cookie)).assessments.quizzes[0]!.choiceOrder.slip!
      if (order.join() === WRITTEN.slip.join()) continue
      const html = await (
        await fetch(`${app.url}/courses/demo-course/promises`, { headers: { Cookie: learner.cookie } })
      ).text()
      const shown = [...html.matchAll(/name="q:slip"[^>]*value="([^"]+)"/g)].map((m) => m[1])
      expect(shown).toEqual(order)
      return
    }
    throw new Error('eight learners all got the written order')
  })

  it('changes with a new attempt at the quiz', async () => {
    const changed: boolean[] = []
    for (let i = 0; i < 6; i++) {
      const learner = await freshLearner(`retake${i}`)
      const page = await promises.open(learner.cookie)
      const quiz = page.assessments.quizzes[0]!
      await promises.post(
        learner.cookie,
        quizSubmission(page, [
          ['q:when', 'soon'],
          ['q:slip', 'hide'],
        ]),
      )
      const next = (await promises.open(learner.cookie)).assessments.quizzes[0]!
      expect(next.nextAttemptNumber).toBe(2)
      changed.push(JSON.stringify(next.choiceOrder) !== JSON.stringify(quiz.choiceOrder))
    }
    expect(changed).toContain(true)
  })

  it('shuffles a role-play’s replies per run, the same on reload', async () => {
    const orders: string[] = []
    for (let i = 0; i < 8; i++) {
      const learner = await freshLearner(`run${i}`)
      const page = await listening.open(learner.cookie)
      await listening.post(learner.cookie, {
        intent: 'start-roleplay',
        rolePlayId: 'angry-caller',
        versionId: page.lesson.versionId,
      })
      const run = (await listening.open(learner.cookie)).assessments.rolePlays[0]!.run!
      const again = (await listening.open(learner.cookie)).assessments.rolePlays[0]!.run!
      expect(again.scene!.options).toEqual(run.scene!.options)
      orders.push(run.scene!.options.map((o) => o.id).join())
    }
    expect(new Set(orders)).toEqual(new Set(['acknowledge,policy', 'policy,acknowledge']))
  })
})
