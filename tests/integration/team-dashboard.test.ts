import { eq, sql } from 'drizzle-orm'
import {
  assignments,
  attempts,
  auditLog,
  competencies,
  competencyRecords,
  courses,
  evidence,
  lessons,
  organisations,
  outboxMessages,
  reflectionReviews,
  teams,
  users,
} from '#db/schema'
import { seedDemoOrganisation } from '#db/seed'
import { syncContent } from '~/content/sync.server'
import { addDays, isoDate } from '~/domain/calendar'
import { queueReminders } from '~/models/outbox.server'
import { action as coachingAction, loader as coachingLoader } from '~/routes/team.coaching'
import { action as dashboardAction, loader as dashboardLoader } from '~/routes/team._index'
import { loader as exportLoader } from '~/routes/team.export.$file'
import { loader as personLoader } from '~/routes/team.people.$userId'
import { loader as trendsLoader } from '~/routes/team.trends'
import { useTestDatabase } from '../support/database'
import { lessonClient, quizSubmission } from '../support/lesson-actions'
import { formRequest, getRequest, jsonOf, respond, sessionCookieFor, testContext } from '../support/requests'

const database = useTestDatabase()
const db = () => database.handle.db
const today = isoDate(new Date())
const cookies: Record<string, string> = {}
const ids: Record<string, string> = {}
let courseId = ''
let orgId = ''

beforeAll(async () => {
  await seedDemoOrganisation(db())
  await syncContent(db(), 'tests/fixtures/content')
  for (const who of ['admin', 'manager', 'manager2', 'learner', 'grace', 'omar', 'jonas']) {
    cookies[who] = await sessionCookieFor(`${who}@example.com`)
    const [row] = await db()
      .select()
      .from(users)
      .where(eq(users.email, `${who}@example.com`))
    ids[who] = row!.id
    orgId = row!.organisationId
  }
  const [course] = await db().select().from(courses).where(eq(courses.slug, 'demo-course'))
  courseId = course!.id
  await db()
    .insert(assignments)
    .values([
      { organisationId: orgId, userId: ids.learner!, courseId, dueDate: addDays(today, -1), source: 'direct' },
      { organisationId: orgId, userId: ids.omar!, courseId, dueDate: addDays(today, 5), source: 'direct' },
      { organisationId: orgId, userId: ids.jonas!, courseId, dueDate: addDays(today, -3), source: 'direct' },
    ])
})

const dashboard = (cookie: string, query = '') =>
  respond(() => dashboardLoader({ request: getRequest(`/team${query}`, cookie), params: {}, context: testContext() }))

interface Dashboard {
  people: { id: string; name: string; assigned: number; overdue: number }[]
  overdue: { personName: string }[]
  heatmap: { userId: string; cells: { level: string }[] }[]
  competencies: { id: string }[]
  weakest: { id: string; training: { lessonId: string; courseId: string; href: string }[] }[]
  teamId: string | null
}

describe('team dashboard', () => {
  it('shows a manager their reports’ completion and overdue work, nobody else’s', async () => {
    const body = await jsonOf<Dashboard>(await dashboard(cookies.manager!))
    expect(body.people.map((p) => p.name).sort()).toEqual(['Grace Kim', 'Lena Fischer', 'Omar Said'])
    expect(body.people.find((p) => p.id === ids.learner)).toMatchObject({ assigned: 1, overdue: 1 })
    expect(body.overdue.map((o) => o.personName)).toEqual(['Lena Fischer'])
  })

  it('colours the heatmap by stored level and keeps “not yet evidenced” distinct', async () => {
    await db().insert(competencyRecords).values({
      userId: ids.grace!,
      competencyId: 'ownership',
      earned: 2,
      possible: 10,
      items: 4,
      score: 0.2,
      level: 'developing',
    })
    const body = await jsonOf<Dashboard>(await dashboard(cookies.manager!))
    const column = body.competencies.findIndex((c) => c.id === 'ownership')
    const grace = body.heatmap.find((r) => r.userId === ids.grace)!
    expect(grace.cells[column]?.level).toBe('developing')
    expect(body.heatmap.find((r) => r.userId === ids.omar)!.cells[column]?.level).toBe('not-yet-evidenced')
    expect(body.weakest[0]?.id).toBe('ownership')
    expect(body.weakest[0]?.training.map((t) => t.href)).toContain('/courses/demo-course/promises')
  })

  it('assigns a weak competency’s lesson in one click only to reports below proficient who do not have it', async () => {
    // Omar is proficient; Lena has the whole course assigned already; Grace is developing.
    await db().insert(competencyRecords).values({
      userId: ids.omar!,
      competencyId: 'ownership',
      earned: 8,
      possible: 10,
      items: 4,
      score: 0.8,
      level: 'proficient',
    })
    const body = await jsonOf<Dashboard>(await dashboard(cookies.manager!))
    const gap = body.weakest.find((c) => c.id === 'ownership')!
    const lesson = gap.training.find((t) => t.href === '/courses/demo-course/promises')!
    const click = () =>
      respond(() =>
        dashboardAction({
          request: formRequest(
            '/team',
            {
              intent: 'assign-gap',
              competencyId: 'ownership',
              courseId: lesson.courseId,
              lessonId: lesson.lessonId,
              teamId: '',
            },
            cookies.manager,
          ),
          params: {},
          context: testContext(),
        }),
      )
    const first = await click()
    expect(first.status).toBe(200)
    expect((await jsonOf<{ message: string }>(first)).message).toBe(
      'Assigned “Promises” to 1 person below proficient in Ownership, due in 14 days. Skipped: 1 person already proficient, 1 person already has it.',
    )
    const given = await db().select().from(assignments).where(eq(assignments.lessonId, lesson.lessonId))
    expect(given.map((a) => a.userId)).toEqual([ids.grace])
    expect(given[0]!.dueDate).toBe(addDays(today, 14))

    // The second click finds nobody new and changes nothing.
    const second = await jsonOf<{ message: string }>(await click())
    expect(second.message).toBe(
      'Nobody new to assign in Ownership. Skipped: 1 person already proficient, 2 people already have it.',
    )
    expect(await db().select().from(assignments).where(eq(assignments.lessonId, lesson.lessonId))).toHaveLength(1)
  })

  it('filters the people and heatmap by a competency’s level, pages them, and keeps the summaries whole', async () => {
    const names = async (query: string) => {
      const body = await jsonOf<
        Dashboard & { window: { page: number; total: number }; teamSize: number; filter: unknown }
      >(await dashboard(cookies.manager!, query))
      return {
        people: body.people.map((p) => p.name).sort(),
        heatmap: body.heatmap.map((r) => r.userId).length,
        overdue: body.overdue.map((o) => o.personName),
        window: body.window,
        teamSize: body.teamSize,
        filter: body.filter,
      }
    }
    const proficient = await names('?competency=ownership&level=proficient')
    expect(proficient).toMatchObject({ people: ['Omar Said'], heatmap: 1, overdue: ['Lena Fischer'], teamSize: 3 })
    expect(proficient.window).toMatchObject({ page: 1, total: 1 })
    expect((await names('?competency=ownership&level=developing')).people).toEqual(['Grace Kim'])
    expect((await names('?competency=ownership&level=not-yet-evidenced')).people).toEqual(['Lena Fischer'])
    // A mangled link shows everyone rather than an error; a page past the end is the last one.
    const everyone = await names('?competency=ownership&level=legendary&page=999')
    expect(everyone).toMatchObject({ people: ['Grace Kim', 'Lena Fischer', 'Omar Said'], filter: null })
    expect(everyone.window).toMatchObject({ page: 1, total: 3 })
    expect((await names('?competency=<script>&level=proficient')).people).toHaveLength(3)
  })

  it('refuses a one-click assignment for an unknown competency or lesson, writing nothing', async () => {
    const body = await jsonOf<Dashboard>(await dashboard(cookies.manager!))
    const lesson = body.weakest[0]!.training[0]!
    const post = (fields: Record<string, string>) =>
      respond(() =>
        dashboardAction({ request: formRequest('/team', fields, cookies.manager), params: {}, context: testContext() }),
      )
    const before = await db().select().from(assignments)
    const gap = { intent: 'assign-gap', courseId: lesson.courseId, lessonId: lesson.lessonId, teamId: '' }
    expect((await post({ ...gap, competencyId: 'made-up' })).status).toBe(400)
    expect((await post({ ...gap, competencyId: 'ownership', lessonId: crypto.randomUUID() })).status).toBe(404)
    expect((await post({ ...gap, intent: 'nonsense', competencyId: 'ownership' })).status).toBe(400)
    expect(await db().select().from(assignments)).toEqual(before)
  })

  it('sums up the manager’s Monday: overdue and unstarted work with reminders, who is stuck', async () => {
    const body = await jsonOf<
      Dashboard & {
        notStarted: { id: string; personName: string }[]
        stuck: unknown[]
        waitingReflections: number
        nudgedToday: string[]
      }
    >(await dashboard(cookies.manager!))
    expect(body.notStarted.map((a) => a.personName)).toEqual(['Omar Said', 'Grace Kim'])
    expect(body.stuck).toEqual([])
    expect(body.nudgedToday).toEqual([])

    // Omar fails the promises quiz twice: stuck. One more failure of Grace's is not.
    const [promises] = await db().select().from(lessons).where(eq(lessons.slug, 'promises'))
    const failed = (userId: string, attemptNumber: number) => ({
      userId,
      courseId,
      lessonId: promises!.id,
      lessonVersionId: promises!.publishedVersionId!,
      assessmentId: 'promises-quiz',
      kind: 'quiz' as const,
      status: 'submitted' as const,
      attemptNumber,
      passed: false,
      submittedAt: new Date(),
    })
    await db()
      .insert(attempts)
      .values([failed(ids.omar!, 1), failed(ids.omar!, 2), failed(ids.grace!, 1)])
    const after = await jsonOf<{ stuck: { personName: string; lessonTitle: string; failed: number }[] }>(
      await dashboard(cookies.manager!),
    )
    expect(after.stuck).toEqual([
      expect.objectContaining({ personName: 'Omar Said', lessonTitle: 'Promises', failed: 2 }),
    ])
    await db().delete(attempts)
  })

  it('queues a reminder once a day per assignment, in the outbox and the audit log', async () => {
    const [late] = await db().select().from(assignments).where(eq(assignments.userId, ids.learner!))
    const remind = (cookie: string, assignmentId: string) =>
      respond(() =>
        dashboardAction({
          request: formRequest('/team', { intent: 'remind', assignmentId }, cookie),
          params: {},
          context: testContext(),
        }),
      )
    const first = await remind(cookies.manager!, late!.id)
    expect(first.status).toBe(200)
    expect((await jsonOf<{ message: string }>(first)).message).toBe(
      'Reminder to Lena Fischer queued: it goes out with the next email round.',
    )
    const again = await jsonOf<{ message: string }>(await remind(cookies.manager!, late!.id))
    expect(again.message).toBe('Lena Fischer was already reminded about this today.')
    const queued = await db().select().from(outboxMessages).where(eq(outboxMessages.assignmentId, late!.id))
    expect(queued).toEqual([
      expect.objectContaining({
        kind: 'nudge',
        toEmail: 'learner@example.com',
        nudgeDay: today,
        sentById: ids.manager,
        subject: 'A reminder from Mia Chen: Demo Course',
      }),
    ])
    expect(queued[0]!.body).toContain('Mia Chen asked us to remind you about the course “Demo Course”.')
    const audited = await db().select().from(auditLog).where(eq(auditLog.action, 'assignment.reminded'))
    expect(audited).toEqual([expect.objectContaining({ actorId: ids.manager, targetId: ids.learner })])
    // The automatic overdue reminder still goes, beside the manager's.
    await queueReminders(db(), new Date(), { organisationId: orgId })
    const kinds = await db()
      .select({ kind: outboxMessages.kind })
      .from(outboxMessages)
      .where(eq(outboxMessages.assignmentId, late!.id))
    expect(kinds.map((k) => k.kind).sort()).toEqual(['nudge', 'overdue'])
    const body = await jsonOf<{ nudgedToday: string[] }>(await dashboard(cookies.manager!))
    expect(body.nudgedToday).toEqual([late!.id])

    // Someone else's person, a learner, a malformed id: refused, nothing queued.
    expect((await remind(cookies.manager2!, late!.id)).status).toBe(404)
    expect((await remind(cookies.learner!, late!.id)).status).toBe(403)
    expect((await remind(cookies.manager!, 'nope')).status).toBe(400)
    expect(await db().select().from(outboxMessages).where(eq(outboxMessages.kind, 'nudge'))).toHaveLength(1)
  })

  it('lets an admin pick any team, and answers 400/404 for bad team links', async () => {
    const [care] = await db().select().from(teams).where(eq(teams.name, 'Customer Care'))
    const body = await jsonOf<Dashboard>(await dashboard(cookies.admin!, `?team=${care!.id}`))
    expect(body.teamId).toBe(care!.id)
    expect(body.people.map((p) => p.id)).toContain(ids.jonas)
    expect(body.people.map((p) => p.id)).not.toContain(ids.learner)
    expect((await dashboard(cookies.admin!, '?team=nope')).status).toBe(400)
    expect((await dashboard(cookies.admin!, `?team=${crypto.randomUUID()}`)).status).toBe(404)
    expect((await dashboard(cookies.learner!)).status).toBe(403)
  })
})

describe('CSV exports', () => {
  const assignmentsExport = 'assignments.csv'
  const competenciesExport = 'competencies.csv'
  const exportOf = async (file: string, cookie: string, query = '') => {
    const response = await respond(() =>
      exportLoader({
        request: getRequest(`/team/export/${file}${query}`, cookie),
        params: { file },
        context: testContext(),
      }),
    )
    return { response, text: response.status === 200 ? await response.text() : '' }
  }

  it('gives a manager only their reports, as a downloadable CSV', async () => {
    const { response, text } = await exportOf(assignmentsExport, cookies.manager!)
    expect(response.headers.get('Content-Type')).toMatch(/text\/csv/)
    expect(response.headers.get('Content-Disposition')).toMatch(/attachment; filename="assignments-my-reports-/)
    expect(text).toContain('learner@example.com')
    expect(text).toContain('Overdue')
    expect(text).not.toContain('jonas@example.com')
    const records = await exportOf(competenciesExport, cookies.manager!)
    expect(records.text).toContain('grace@example.com')
    expect(records.text).toContain('Developing')
    expect(records.text).not.toContain('jonas@example.com')
  })

  it('is closed to learners and checks the team link and the file name', async () => {
    expect((await exportOf('users.csv', cookies.admin!)).response.status).toBe(404)
    expect((await exportOf(assignmentsExport, cookies.learner!)).response.status).toBe(403)
    expect((await exportOf(competenciesExport, cookies.admin!, '?team=x')).response.status).toBe(400)
    expect((await exportOf(competenciesExport, cookies.admin!, `?team=${crypto.randomUUID()}`)).response.status).toBe(
      404,
    )
  })

  it('streams every row across pages and defuses spreadsheet formulas', async () => {
    const [other] = await db().insert(organisations).values({ name: 'Elsewhere', slug: 'elsewhere' }).returning()
    await db().execute(sql`
      insert into users (organisation_id, email, name, password_hash, role)
      select ${orgId}, 'bulk-' || g || '@example.com', case when g = 1 then '=HYPERLINK("x")' else 'Bulk ' || g end, 'unused', 'learner'
      from generate_series(1, 1300) g`)
    await db().execute(sql`
      insert into users (organisation_id, email, name, password_hash, role)
      values (${other!.id}, 'outsider@example.com', 'Outsider', 'unused', 'learner')`)
    await db().execute(sql`
      insert into assignments (organisation_id, user_id, course_id, source)
      select organisation_id, id, ${courseId}, 'direct' from users where email like 'bulk-%' or email = 'outsider@example.com'`)
    const { text } = await exportOf(assignmentsExport, cookies.admin!)
    const lines = text.trimEnd().split('\r\n')
    const [{ n }] = (await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(assignments)
      .innerJoin(users, eq(users.id, assignments.userId))
      .where(eq(users.organisationId, orgId))) as [{ n: number }]
    expect(lines).toHaveLength(n + 1)
    expect(n).toBeGreaterThan(1300)
    expect(text).toContain(`"'=HYPERLINK(""x"")"`)
    expect(text).not.toContain('outsider@example.com')
    const records = await exportOf(competenciesExport, cookies.admin!)
    const [{ people }] = (await db()
      .select({ people: sql<number>`count(*)::int` })
      .from(users)
      .where(eq(users.organisationId, orgId))) as [{ people: number }]
    const [{ kinds }] = (await db()
      .select({ kinds: sql<number>`count(*)::int` })
      .from(competencies)) as [{ kinds: number }]
    expect(records.text.trimEnd().split('\r\n')).toHaveLength(people * kinds + 1)
  })
})

describe('coaching queue', () => {
  const welcome = lessonClient('demo-course', 'welcome')
  let reflectionId = ''

  beforeAll(async () => {
    const page = await welcome.open(cookies.grace!)
    const response = await welcome.post(cookies.grace!, {
      intent: 'submit-reflection',
      reflectionId: 'why-here',
      versionId: page.lesson.versionId,
      body: 'I like solving problems for people.',
    })
    expect(response.status).toBe(200)
  })

  const queue = async (cookie: string, show = 'waiting') =>
    respond(() =>
      coachingLoader({
        request: getRequest(`/team/coaching?show=${show}`, cookie),
        params: {},
        context: testContext(),
      }),
    )
  const review = (cookie: string, fields: Record<string, string>) =>
    respond(() =>
      coachingAction({ request: formRequest('/team/coaching', fields, cookie), params: {}, context: testContext() }),
    )
  const managerEvidence = () => db().select().from(evidence).where(eq(evidence.source, 'manager'))

  it('lands a submitted reflection with the learner’s manager only', async () => {
    const mine = await jsonOf<{ items: { id: string; personName: string; body: string }[] }>(
      await queue(cookies.manager!),
    )
    expect(mine.items.map((i) => i.personName)).toEqual(['Grace Kim'])
    reflectionId = mine.items[0]!.id
    const theirs = await jsonOf<{ items: unknown[] }>(await queue(cookies.manager2!))
    expect(theirs.items).toEqual([])
    expect((await queue(cookies.learner!)).status).toBe(403)
  })

  it('refuses another manager’s review and bad ratings, writing nothing', async () => {
    expect(
      (
        await review(cookies.manager2!, {
          reflectionId,
          reply: 'Nice',
          competencyId: 'ownership',
          levelId: 'proficient',
        })
      ).status,
    ).toBe(404)
    expect((await review(cookies.manager!, { reflectionId, reply: '' })).status).toBe(400)
    expect(
      (await review(cookies.manager!, { reflectionId, reply: 'Good', competencyId: 'ownership', levelId: 'legendary' }))
        .status,
    ).toBe(400)
    expect(
      (await review(cookies.manager!, { reflectionId, reply: 'Good', competencyId: 'made-up', levelId: 'proficient' }))
        .status,
    ).toBe(400)
    expect((await review(cookies.manager!, { reflectionId: 'x', reply: 'Good' })).status).toBe(400)
    // A competency without a level is a rating left half-made: it is refused, not saved as a reply only.
    const halfRated = await review(cookies.manager!, { reflectionId, reply: 'Good', competencyId: 'ownership' })
    expect(halfRated.status).toBe(400)
    expect(await jsonOf<{ errors: Record<string, string[]> }>(halfRated)).toMatchObject({
      errors: { levelId: [expect.stringContaining('Choose a level')] },
    })
    expect(await db().select().from(reflectionReviews)).toEqual([])
    expect(await managerEvidence()).toEqual([])
  })

  it('turns a rubric rating into manager-rated evidence; rating again replaces it', async () => {
    const first = await review(cookies.manager!, {
      reflectionId,
      reply: 'Great instinct.',
      competencyId: 'attentiveness',
      levelId: 'developing',
    })
    expect(first.status).toBe(200)
    let rows = await managerEvidence()
    expect(rows).toEqual([
      expect.objectContaining({
        userId: ids.grace,
        competencyId: 'attentiveness',
        points: 1,
        maxPoints: 3,
        attemptId: null,
      }),
    ])
    await review(cookies.manager!, {
      reflectionId,
      reply: 'Even better on reflection.',
      competencyId: 'attentiveness',
      levelId: 'exemplary',
    })
    rows = await managerEvidence()
    expect(rows).toEqual([expect.objectContaining({ points: 3, maxPoints: 3 })])
    // The learner reads the reply under their reflection, with who wrote it.
    const lessonPage = (await welcome.open(cookies.grace!)) as unknown as {
      reflections: {
        reflectionId: string
        status: string
        reply: { text: string; reviewerName: string | null } | null
      }[]
    }
    expect(lessonPage.reflections).toEqual([
      expect.objectContaining({
        reflectionId: 'why-here',
        status: 'submitted',
        reply: expect.objectContaining({ text: 'Even better on reflection.', reviewerName: expect.any(String) }),
      }),
    ])
    const person = await jsonOf<{
      record: { competencies: { id: string; evidence: { source: string; counted: boolean }[] }[] }
      reflections: { reply: string }[]
    }>(
      await respond(() =>
        personLoader({
          request: getRequest(`/team/people/${ids.grace}`, cookies.manager),
          params: { userId: ids.grace! },
          context: testContext(),
        }),
      ),
    )
    expect(person.record.competencies.find((c) => c.id === 'attentiveness')?.evidence).toEqual([
      expect.objectContaining({ source: 'manager', counted: true }),
    ])
    expect(person.reflections[0]?.reply).toBe('Even better on reflection.')
    const ownPage = (await welcome.open(cookies.grace!)) as unknown as {
      reflections: { reply: { text: string; reviewerName: string } | null }[]
    }
    expect(ownPage.reflections[0]?.reply).toMatchObject({
      text: 'Even better on reflection.',
      reviewerName: 'Mia Chen',
    })
    const reviewed = await jsonOf<{ items: { id: string }[] }>(await queue(cookies.manager!, 'reviewed'))
    expect(reviewed.items.map((i) => i.id)).toEqual([reflectionId])
    expect((await jsonOf<{ items: unknown[] }>(await queue(cookies.manager!))).items).toEqual([])
  })

  it('withdraws the evidence when the rating is removed', async () => {
    expect(
      (await review(cookies.manager!, { reflectionId, reply: 'Reply only now.', competencyId: '', levelId: '' }))
        .status,
    ).toBe(200)
    expect(await managerEvidence()).toEqual([])
  })
})

describe('a person’s page', () => {
  it('shows the manager what they answered and the path they took, scene by scene, and when they were last active', async () => {
    const promises = lessonClient('demo-course', 'promises')
    const listening = lessonClient('demo-course', 'listening')
    const quizPage = await promises.open(cookies.omar!)
    expect(
      (
        await promises.post(
          cookies.omar!,
          quizSubmission(quizPage, [
            ['q:when', 'soon'],
            ['q:slip', 'warn'],
            ['q:slip', 'new-time'],
          ]),
        )
      ).status,
    ).toBe(302)
    const page = await listening.open(cookies.omar!)
    await listening.post(cookies.omar!, {
      intent: 'start-roleplay',
      rolePlayId: 'angry-caller',
      versionId: page.lesson.versionId,
    })
    for (const optionId of ['acknowledge', 'plan']) {
      const run = (await listening.open(cookies.omar!)).assessments.rolePlays[0]!.run!
      await listening.post(cookies.omar!, {
        intent: 'choose',
        rolePlayId: 'angry-caller',
        attemptId: run.attemptId,
        sceneId: run.scene!.id,
        step: String(run.step),
        optionId,
      })
    }

    const person = await jsonOf<{
      person: { lastActive: string | null }
      recent: {
        kind: string
        passed?: boolean
        questions?: { stem: string; correct: boolean; picked: { label: string; correct: boolean }[] }[]
        ending?: { title: string; outcome: string } | null
        steps?: { customer: string; reply: string; feedback: string }[]
      }[]
    }>(
      await respond(() =>
        personLoader({
          request: getRequest(`/team/people/${ids.omar}`, cookies.manager),
          params: { userId: ids.omar! },
          context: testContext(),
        }),
      ),
    )
    expect(Date.now() - Date.parse(person.person.lastActive ?? '')).toBeLessThan(60_000)
    const [run, quiz] = person.recent
    expect(run).toMatchObject({ kind: 'roleplay', ending: { title: 'Back on track', outcome: 'good' } })
    expect(run!.steps!.map((s) => s.feedback)).toEqual([
      expect.stringContaining('naming the feeling'),
      expect.stringContaining('a time turns a hope into a plan'),
    ])
    expect(run!.steps![0]!.customer).not.toBe('')
    expect(quiz).toMatchObject({ kind: 'quiz', passed: false })
    expect(quiz!.questions).toEqual([
      {
        id: 'when',
        stem: 'A customer asks when you will call back. What do you say?',
        correct: false,
        picked: [{ id: 'soon', label: 'As soon as I possibly can.', correct: false }],
      },
      {
        id: 'slip',
        stem: expect.stringContaining('Which steps help') as unknown,
        correct: true,
        picked: expect.arrayContaining([
          { id: 'warn', label: 'Call before the deadline.', correct: true },
          { id: 'new-time', label: 'Give a new time.', correct: true },
        ]) as unknown,
      },
    ])
  })
})

describe('team trends', () => {
  const trends = (cookie: string, query = '') =>
    respond(() =>
      trendsLoader({ request: getRequest(`/team/trends${query}`, cookie), params: {}, context: testContext() }),
    )

  it('gives each competency twelve weekly points for the manager’s reports, and refuses others', async () => {
    const body = await jsonOf<{
      people: number
      weeks: string[]
      competencies: { id: string; points: { week: string; average: number | null }[] }[]
    }>(await trends(cookies.manager!))
    expect(body.people).toBe(3)
    expect(body.weeks).toHaveLength(12)
    expect(body.weeks[11]).toBe(today)
    expect(body.competencies.map((c) => c.id)).toContain('ownership')
    expect(body.competencies.every((c) => c.points.map((p) => p.week).join() === body.weeks.join())).toBe(true)
    expect((await trends(cookies.learner!)).status).toBe(403)
    expect((await trends(cookies.admin!, '?team=nope')).status).toBe(400)
    expect((await trends(cookies.admin!, `?team=${crypto.randomUUID()}`)).status).toBe(404)
  })
})
