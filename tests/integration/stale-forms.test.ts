import fs from 'node:fs'
import { eq } from 'drizzle-orm'
import { attempts, lessonCompletions, reflections } from '#db/schema'
import { seedDemoOrganisation } from '#db/seed'
import { syncContent } from '~/content/sync.server'
import { copyContent } from '../support/content'
import { useTestDatabase } from '../support/database'
import { lessonClient, quizSubmission } from '../support/lesson-actions'
import { freshLearner } from '../support/requests'

// A page left open while a trainer publishes a new version: every form on it is stale, and
// every kind of form says so the same way.
const database = useTestDatabase()
const db = () => database.handle.db
const content = copyContent()
afterAll(() => content.remove())

beforeAll(async () => {
  await seedDemoOrganisation(db())
  await syncContent(db(), content.dir)
})

async function publishNewVersions() {
  for (const lesson of ['welcome', 'promises', 'listening']) {
    const file = content.lessonPath('demo-course', lesson)
    fs.writeFileSync(file, `${fs.readFileSync(file, 'utf8')}\nOne more paragraph.\n`)
  }
  const report = await syncContent(db(), content.dir)
  expect(report.newVersions).toHaveLength(3)
}

describe('forms from an older version of a lesson', () => {
  it('are refused with 409 for reflections, quizzes, completion and role-plays alike, and record nothing', async () => {
    const learner = await freshLearner()
    const welcome = lessonClient('demo-course', 'welcome')
    const promises = lessonClient('demo-course', 'promises')
    const listening = lessonClient('demo-course', 'listening')
    const [oldWelcome, oldPromises, oldListening] = await Promise.all([
      welcome.open(learner.cookie),
      promises.open(learner.cookie),
      listening.open(learner.cookie),
    ])
    await publishNewVersions()

    const responses = [
      await welcome.post(learner.cookie, {
        intent: 'save-reflection',
        reflectionId: 'why-here',
        versionId: oldWelcome.lesson.versionId,
        body: 'Draft',
      }),
      await welcome.post(learner.cookie, {
        intent: 'submit-reflection',
        reflectionId: 'why-here',
        versionId: oldWelcome.lesson.versionId,
        body: 'Final',
      }),
      await promises.post(
        learner.cookie,
        quizSubmission(oldPromises, [
          ['q:when', 'time'],
          ['q:slip', 'warn'],
        ]),
      ),
      await welcome.post(learner.cookie, { intent: 'complete', versionId: oldWelcome.lesson.versionId }),
      await listening.post(learner.cookie, {
        intent: 'start-roleplay',
        rolePlayId: 'angry-caller',
        versionId: oldListening.lesson.versionId,
      }),
    ]
    for (const response of responses) {
      expect(response.status).toBe(409)
      expect((await response.json()).error).toMatch(/This lesson was updated (since|while) you/)
    }
    expect(await db().select().from(reflections).where(eq(reflections.userId, learner.id))).toHaveLength(0)
    expect(await db().select().from(attempts).where(eq(attempts.userId, learner.id))).toHaveLength(0)
    expect(await db().select().from(lessonCompletions).where(eq(lessonCompletions.userId, learner.id))).toHaveLength(0)
  })
})
