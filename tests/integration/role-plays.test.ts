import { and, eq } from 'drizzle-orm'
import { attempts, competencyRecords, evidence, lessonCompletions, reflections, roleplayDecisions } from '#db/schema'
import { seedDemoOrganisation } from '#db/seed'
import { syncContent } from '~/content/sync.server'
import { useTestDatabase } from '../support/database'
import { lessonClient } from '../support/lesson-actions'
import { freshLearner, jsonOf } from '../support/requests'

const database = useTestDatabase()
const db = () => database.handle.db
const listening = lessonClient('demo-course', 'listening')
let learner: Awaited<ReturnType<typeof freshLearner>>

beforeAll(async () => {
  await seedDemoOrganisation(db())
  await syncContent(db(), 'tests/fixtures/content')
})
beforeEach(async () => {
  learner = await freshLearner()
})

async function start() {
  const page = await listening.open(learner.cookie)
  const response = await listening.post(learner.cookie, {
    intent: 'start-roleplay',
    rolePlayId: 'angry-caller',
    versionId: page.lesson.versionId,
  })
  expect(response.status).toBe(302)
  const after = await listening.open(learner.cookie)
  const run = after.assessments.rolePlays[0]?.run
  if (!run) throw new Error('no run')
  return run
}

function choose(
  run: { attemptId: string; step: number; scene: { id: string } | null },
  optionId: string,
  overrides: Record<string, string> = {},
) {
  return listening.post(learner.cookie, {
    intent: 'choose',
    rolePlayId: 'angry-caller',
    attemptId: run.attemptId,
    sceneId: run.scene?.id ?? '',
    optionId,
    step: String(run.step),
    ...overrides,
  })
}

const currentRun = async () => (await listening.open(learner.cookie)).assessments.rolePlays[0]?.run

describe('role-play runs', () => {
  it('plays scene by scene, moving the mood and branching on it on the server', async () => {
    const run = await start()
    expect(run).toMatchObject({ step: 0, mood: -2, status: 'in_progress', scene: { id: 'open' } })
    expect((await choose(run, 'acknowledge')).status).toBe(302)
    const second = await currentRun()
    // mood -2 + 2 = 0 meets the branch's minMood 0, so the customer calms down
    expect(second).toMatchObject({ step: 1, mood: 0, scene: { id: 'calmer' } })
    expect(JSON.stringify(second)).toContain('SECRET-COACH-acknowledge')
    expect(JSON.stringify(second)).not.toMatch(/SECRET-COACH-plan|SECRET-EXPERT|SECRET-ENDING/)
  })

  it('resumes where it was after a reload, and starting again resumes rather than duplicating', async () => {
    const run = await start()
    await choose(run, 'policy')
    const page = await listening.open(learner.cookie)
    await listening.post(learner.cookie, {
      intent: 'start-roleplay',
      rolePlayId: 'angry-caller',
      versionId: page.lesson.versionId,
    })
    expect(await currentRun()).toMatchObject({
      attemptId: run.attemptId,
      step: 1,
      mood: -3,
      scene: { id: 'still-angry' },
    })
    expect(await db().select().from(attempts).where(eq(attempts.userId, learner.id))).toHaveLength(1)
  })

  it('refuses skipping ahead, replaying a choice and choosing another scene’s option', async () => {
    const run = await start()
    const skip = await choose(run, 'plan', { sceneId: 'calmer', step: '1' })
    expect(skip.status).toBe(409)
    const otherScene = await choose(run, 'plan')
    expect(otherScene.status).toBe(409)
    expect((await choose(run, 'acknowledge')).status).toBe(302)
    const replayed = await choose(run, 'acknowledge')
    expect(replayed.status).toBe(409)
    expect((await jsonOf<{ error: string }>(replayed)).error).toMatch(/earlier point/)
    expect(
      await db().select().from(roleplayDecisions).where(eq(roleplayDecisions.attemptId, run.attemptId)),
    ).toHaveLength(1)
  })

  it('refuses a choice on another learner’s run', async () => {
    const run = await start()
    const other = await freshLearner('intruder')
    const response = await listening.post(other.cookie, {
      intent: 'choose',
      rolePlayId: 'angry-caller',
      attemptId: run.attemptId,
      sceneId: 'open',
      optionId: 'acknowledge',
      step: '0',
    })
    expect(response.status).toBe(404)
    expect(await db().select().from(roleplayDecisions)).not.toContainEqual(
      expect.objectContaining({ attemptId: run.attemptId }),
    )
  })

  it('at an ending keeps every decision, scores against the best path, and records evidence', async () => {
    let run = await start()
    await choose(run, 'policy') // mood -3, still-angry
    run = (await currentRun())!
    await choose(run, 'recover') // mood -1, calmer
    run = (await currentRun())!
    expect(run.scene?.id).toBe('calmer')
    await choose(run, 'plan') // good ending
    const finished = (await listening.open(learner.cookie)).assessments.rolePlays[0]?.run as unknown as {
      status: string
      ending: { id: string; outcome: string }
      summary: { earned: Record<string, number>; best: Record<string, number>; moodCurve: number[] }
      history: { expert: string | null }[]
    }
    expect(finished.status).toBe('submitted')
    expect(finished.ending).toMatchObject({ id: 'good-end', outcome: 'good' })
    expect(finished.summary.moodCurve).toEqual([-2, -3, -1, 0])
    expect(finished.summary.earned).toEqual({ attentiveness: 2, ownership: 1 })
    expect(finished.summary.best).toEqual({ attentiveness: 3, ownership: 1 })
    expect(finished.history[0]?.expert).toMatch(/SECRET-EXPERT-open/)

    const decisions = await db().select().from(roleplayDecisions).where(eq(roleplayDecisions.attemptId, run.attemptId))
    expect(decisions.map((d) => [d.sceneId, d.optionId, d.moodBefore, d.moodAfter])).toEqual([
      ['open', 'policy', -2, -3],
      ['still-angry', 'recover', -3, -1],
      ['calmer', 'plan', -1, 0],
    ])
    const rows = await db().select().from(evidence).where(eq(evidence.attemptId, run.attemptId))
    expect(rows.map((e) => [e.itemId, e.competencyId, e.points, e.maxPoints]).sort()).toEqual([
      ['angry-caller/calmer', 'attentiveness', 1, 1],
      ['angry-caller/calmer', 'ownership', 1, 1],
      ['angry-caller/open', 'attentiveness', 0, 2],
      ['angry-caller/still-angry', 'attentiveness', 1, 1],
    ])
    const [record] = await db()
      .select()
      .from(competencyRecords)
      .where(and(eq(competencyRecords.userId, learner.id), eq(competencyRecords.competencyId, 'attentiveness')))
    expect(record).toMatchObject({ earned: 2, possible: 4, items: 3, level: 'developing' })
    expect(await db().select().from(lessonCompletions).where(eq(lessonCompletions.userId, learner.id))).toHaveLength(1)

    const afterEnd = await choose({ attemptId: run.attemptId, step: 3, scene: { id: 'calmer' } }, 'plan')
    expect(afterEnd.status).toBe(409)
  })

  it('play again abandons nothing finished and starts a new numbered run', async () => {
    let run = await start()
    await choose(run, 'policy')
    run = (await currentRun())!
    await choose(run, 'argue') // poor ending
    const page = await listening.open(learner.cookie)
    await listening.post(learner.cookie, {
      intent: 'restart-roleplay',
      rolePlayId: 'angry-caller',
      versionId: page.lesson.versionId,
    })
    const mine = await db().select().from(attempts).where(eq(attempts.userId, learner.id))
    expect(mine.map((a) => [a.attemptNumber, a.status]).sort()).toEqual([
      [1, 'submitted'],
      [2, 'in_progress'],
    ])
  })
})

describe('playing a scenario again', () => {
  async function play(path: string[], restart: boolean) {
    const page = await listening.open(learner.cookie)
    await listening.post(learner.cookie, {
      intent: restart ? 'restart-roleplay' : 'start-roleplay',
      rolePlayId: 'angry-caller',
      versionId: page.lesson.versionId,
    })
    for (const optionId of path) {
      const run = await currentRun()
      expect((await choose(run!, optionId)).status).toBe(302)
    }
    return (await currentRun())!
  }
  const record = async (competencyId: string) =>
    (
      await db()
        .select()
        .from(competencyRecords)
        .where(and(eq(competencyRecords.userId, learner.id), eq(competencyRecords.competencyId, competencyId)))
    )[0]

  it('is practice: saved and shown, never lowering the record the first run made', async () => {
    const first = await play(['acknowledge', 'plan'], false)
    expect(first).toMatchObject({ status: 'submitted', graded: true })
    const before = await record('attentiveness')
    expect(before?.earned).toBe(3)

    const again = await play(['policy', 'argue'], true)
    expect(again).toMatchObject({ status: 'submitted', graded: false })
    expect(await record('attentiveness')).toMatchObject({ earned: before!.earned, possible: before!.possible })
    const runs = await db()
      .select()
      .from(attempts)
      .where(and(eq(attempts.userId, learner.id), eq(attempts.status, 'submitted')))
    expect(runs.map((r) => r.graded).sort()).toEqual([false, true])
  })
})

describe('reflections', () => {
  const welcome = lessonClient('demo-course', 'welcome')
  it('saves a draft per learner and lesson version, then submits it once', async () => {
    const page = await welcome.open(learner.cookie)
    const base = { reflectionId: 'why-here', versionId: page.lesson.versionId }
    expect(
      (await welcome.post(learner.cookie, { intent: 'save-reflection', ...base, body: 'First thoughts' })).status,
    ).toBe(200)
    expect(
      (await welcome.post(learner.cookie, { intent: 'save-reflection', ...base, body: 'Better thoughts' })).status,
    ).toBe(200)
    let [row] = await db().select().from(reflections).where(eq(reflections.userId, learner.id))
    expect(row).toMatchObject({ body: 'Better thoughts', status: 'draft' })
    expect(
      (await welcome.post(learner.cookie, { intent: 'submit-reflection', ...base, body: 'Final thoughts' })).status,
    ).toBe(200)
    ;[row] = await db().select().from(reflections).where(eq(reflections.userId, learner.id))
    expect(row).toMatchObject({ body: 'Final thoughts', status: 'submitted' })
    const late = await welcome.post(learner.cookie, { intent: 'save-reflection', ...base, body: 'Changed my mind' })
    expect(late.status).toBe(409)
    expect((await db().select().from(reflections).where(eq(reflections.userId, learner.id)))[0]?.body).toBe(
      'Final thoughts',
    )
  })

  it('refuses an unknown prompt, an empty submission and an oversized text', async () => {
    const page = await welcome.open(learner.cookie)
    const post = (fields: Record<string, string>) =>
      welcome.post(learner.cookie, { versionId: page.lesson.versionId, ...fields })
    expect((await post({ intent: 'save-reflection', reflectionId: 'nope', body: 'x' })).status).toBe(400)
    expect((await post({ intent: 'submit-reflection', reflectionId: 'why-here', body: '  ' })).status).toBe(400)
    expect((await post({ intent: 'save-reflection', reflectionId: 'why-here', body: 'x'.repeat(10_001) })).status).toBe(
      400,
    )
    expect(await db().select().from(reflections).where(eq(reflections.userId, learner.id))).toHaveLength(0)
  })
})
