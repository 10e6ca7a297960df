import { and, eq, sql } from 'drizzle-orm'
import {
  assignments,
  attempts,
  auditLog,
  courses,
  evidence,
  lessonCompletions,
  lessons,
  teamAssignments,
  teams,
  users,
} from '#db/schema'
import { seedDemoOrganisation } from '#db/seed'
import { syncContent } from '~/content/sync.server'
import { addDays, isoDate } from '~/domain/calendar'
import { action as newUserAction } from '~/routes/admin.users.new'
import { action as editUserAction } from '~/routes/admin.users.$userId'
import { loader as certificateLoader } from '~/routes/learn_.certificates.$course'
import { loader as learnLoader } from '~/routes/learn'
import { action as assignAction, loader as assignLoader } from '~/routes/team.assign'
import { action as personAction, loader as personLoader } from '~/routes/team.people.$userId'
import { useTestDatabase } from '../support/database'
import { lessonClient } from '../support/lesson-actions'
import {
  formRequest,
  freshLearner,
  getRequest,
  jsonOf,
  respond,
  sessionCookieFor,
  testContext,
} from '../support/requests'

const database = useTestDatabase()
const db = () => database.handle.db
const promises = lessonClient('demo-course', 'promises')
const today = isoDate(new Date())
const cookies: Record<string, string> = {}
let courseId = ''
const lessonIds: Record<string, string> = {}
const teamIds: Record<string, string> = {}

async function userId(email: string) {
  const [row] = await db().select({ id: users.id }).from(users).where(eq(users.email, email))
  if (!row) throw new Error(email)
  return row.id
}

beforeAll(async () => {
  await seedDemoOrganisation(db())
  await syncContent(db(), 'tests/fixtures/content')
  for (const who of ['admin', 'manager', 'manager2', 'learner'])
    cookies[who] = await sessionCookieFor(`${who}@example.com`)
  const [course] = await db().select().from(courses).where(eq(courses.slug, 'demo-course'))
  courseId = course!.id
  for (const l of await db().select().from(lessons).where(eq(lessons.courseId, courseId))) lessonIds[l.slug] = l.id
  for (const t of await db().select().from(teams)) teamIds[t.name] = t.id
})

async function snapshot() {
  const count = async (table: typeof assignments | typeof teamAssignments | typeof auditLog) =>
    (
      await db()
        .select({ n: sql<number>`count(*)::int` })
        .from(table)
    )[0]?.n
  const [digest] = await db()
    .select({ d: sql<string>`coalesce(md5(string_agg(row(assignments.*)::text, ',' order by id)), '')` })
    .from(assignments)
  return {
    assignments: await count(assignments),
    teamAssignments: await count(teamAssignments),
    audit: await count(auditLog),
    digest: digest?.d,
  }
}

function assign(cookie: string, fields: Record<string, string>, userIds: string[] = []) {
  const body = new URLSearchParams(fields)
  for (const id of userIds) body.append('userIds', id)
  const request = new Request('http://localhost/team/assign', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
    body: body.toString(),
  })
  return respond(() => assignAction({ request, params: {}, context: testContext() }))
}

const whole = () => `course:${courseId}`
const lesson = (slug: string) => `lesson:${courseId}:${lessonIds[slug]}`
const assignmentsOf = (id: string) => db().select().from(assignments).where(eq(assignments.userId, id))

describe('who may assign to whom', () => {
  it('lets a manager assign a course to their own report, with due date and note', async () => {
    const lena = await userId('learner@example.com')
    const response = await assign(
      cookies.manager!,
      { item: whole(), dueDate: addDays(today, 10), note: 'Before your first shift' },
      [lena],
    )
    expect(response.status).toBe(200)
    expect((await jsonOf<{ message: string }>(response)).message).toContain('Assigned')
    const [row] = await assignmentsOf(lena)
    expect(row).toMatchObject({
      courseId,
      lessonId: null,
      dueDate: addDays(today, 10),
      note: 'Before your first shift',
      source: 'direct',
    })
  })

  it('refuses a manager assigning to someone else’s report, even mixed with their own, and writes nothing', async () => {
    const before = await snapshot()
    const jonas = await userId('jonas@example.com')
    const omar = await userId('omar@example.com')
    for (const people of [[jonas], [omar, jonas]]) {
      const response = await assign(cookies.manager!, { item: whole() }, people)
      expect(response.status).toBe(403)
      expect((await jsonOf<{ errors: { form: string[] } }>(response)).errors.form[0]).toMatch(/report to you/)
    }
    expect(await snapshot()).toEqual(before)
  })

  it('refuses a manager assigning to a team with none of their reports, and writes nothing', async () => {
    const before = await snapshot()
    const response = await assign(cookies.manager!, { item: whole(), teamId: teamIds['Customer Care']! })
    expect(response.status).toBe(403)
    expect(await snapshot()).toEqual(before)
  })

  it('refuses learners outright', async () => {
    const before = await snapshot()
    const response = await assign(cookies.learner!, { item: whole() }, [await userId('learner@example.com')])
    expect(response.status).toBe(403)
    expect(await snapshot()).toEqual(before)
    expect(
      (
        await respond(() =>
          assignLoader({ request: getRequest('/team/assign', cookies.learner), params: {}, context: testContext() }),
        )
      ).status,
    ).toBe(403)
  })

  it('offers a manager only their reports and their reports’ teams on the assign form', async () => {
    const body = await jsonOf<{ people: { name: string }[]; teams: { name: string }[] }>(
      await respond(() =>
        assignLoader({ request: getRequest('/team/assign', cookies.manager), params: {}, context: testContext() }),
      ),
    )
    expect(body.people.map((p) => p.name).sort()).toEqual(['Grace Kim', 'Lena Fischer', 'Omar Said'])
    expect(body.teams.map((t) => t.name)).toEqual(['Front Desk'])
  })

  it('hides people outside the manager’s reports: their page is a 404, and unassigning their work is refused', async () => {
    const jonas = await userId('jonas@example.com')
    const page = await respond(() =>
      personLoader({
        request: getRequest(`/team/people/${jonas}`, cookies.manager),
        params: { userId: jonas },
        context: testContext(),
      }),
    )
    expect(page.status).toBe(404)
    await assign(cookies.admin!, { item: lesson('welcome') }, [jonas])
    const [theirs] = await assignmentsOf(jonas)
    const before = await snapshot()
    const lena = await userId('learner@example.com')
    const request = formRequest(
      `/team/people/${lena}`,
      { intent: 'unassign', assignmentId: theirs!.id },
      cookies.manager,
    )
    const response = await respond(() => personAction({ request, params: { userId: lena }, context: testContext() }))
    expect(response.status).toBe(404)
    expect(await snapshot()).toEqual(before)
    const ownPage = await respond(() =>
      personLoader({
        request: getRequest(`/team/people/${lena}`, cookies.manager),
        params: { userId: lena },
        context: testContext(),
      }),
    )
    expect(ownPage.status).toBe(200)
  })

  it('rejects malformed input with a readable 400 and writes nothing', async () => {
    const before = await snapshot()
    const lena = await userId('learner@example.com')
    const cases: [Record<string, string>, string[], string, RegExp][] = [
      [{ item: 'course:not-a-uuid' }, [lena], 'item', /Choose a course or lesson/],
      [{ item: '' }, [lena], 'item', /Choose a course or lesson/],
      [{ item: whole(), dueDate: addDays(today, -1) }, [lena], 'dueDate', /from today on/],
      [{ item: whole(), dueDate: '2026-02-30' }, [lena], 'dueDate', /does not exist/],
      [{ item: whole(), note: 'x'.repeat(501) }, [lena], 'note', /500/],
      [{ item: whole() }, ['nope'], 'userIds', /list/],
    ]
    for (const [fields, people, field, message] of cases) {
      const response = await assign(cookies.manager!, fields, people)
      expect(response.status).toBe(400)
      const body = await jsonOf<{ errors: Record<string, string[]> }>(response)
      expect(body.errors[field]?.join(' ')).toMatch(message)
    }
    const nobody = await assign(cookies.manager!, { item: whole() })
    expect(nobody.status).toBe(400)
    const unknownCourse = await assign(cookies.admin!, { item: `course:${crypto.randomUUID()}` }, [lena])
    expect(unknownCourse.status).toBe(404)
    expect(await snapshot()).toEqual(before)
  })
})

describe('merging and team assignments', () => {
  it('merges a duplicate assignment: one row, the earlier due date, the newer note', async () => {
    const learner = await freshLearner()
    await assign(cookies.admin!, { item: whole(), dueDate: addDays(today, 20), note: 'first' }, [learner.id])
    const again = await assign(cookies.admin!, { item: whole(), dueDate: addDays(today, 5), note: 'second' }, [
      learner.id,
    ])
    expect((await jsonOf<{ message: string }>(again)).message).toMatch(/already had it/)
    await assign(cookies.admin!, { item: whole(), dueDate: addDays(today, 30) }, [learner.id])
    const rows = await assignmentsOf(learner.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ dueDate: addDays(today, 5), note: 'second' })
  })

  it('merges a due date with none: a date given once stays, whichever came first', async () => {
    const learner = await freshLearner()
    await assign(cookies.admin!, { item: whole() }, [learner.id])
    expect((await assignmentsOf(learner.id))[0]?.dueDate).toBeNull()
    await assign(cookies.admin!, { item: whole(), dueDate: addDays(today, 9) }, [learner.id])
    expect((await assignmentsOf(learner.id))[0]?.dueDate).toBe(addDays(today, 9))
    await assign(cookies.admin!, { item: whole() }, [learner.id])
    expect((await assignmentsOf(learner.id))[0]?.dueDate).toBe(addDays(today, 9))
  })

  it('reaches people who join the team later, created or moved in, with a fair due date', async () => {
    const team = teamIds['Customer Care']!
    const response = await assign(cookies.admin!, {
      item: lesson('promises'),
      teamId: team,
      dueDate: addDays(today, 7),
    })
    expect(response.status).toBe(200)
    const members = await db().select({ id: users.id }).from(users).where(eq(users.teamId, team))
    for (const m of members)
      expect((await assignmentsOf(m.id)).some((a) => a.lessonId === lessonIds.promises)).toBe(true)

    const created = await respond(() =>
      newUserAction({
        request: formRequest(
          '/admin/users/new',
          {
            name: 'Late Joiner',
            email: 'late@example.com',
            password: 'a-long-enough-password',
            role: 'learner',
            teamId: team,
            managerId: '',
            hiredAt: today,
          },
          cookies.admin,
        ),
        params: {},
        context: testContext(),
      }),
    )
    expect(created.status).toBe(302)
    const late = await userId('late@example.com')
    const [got] = (await assignmentsOf(late)).filter((a) => a.lessonId === lessonIds.promises)
    expect(got).toMatchObject({ source: 'team', dueDate: addDays(today, 7) })

    const mover = await freshLearner('mover')
    const moved = await respond(() =>
      editUserAction({
        request: formRequest(
          `/admin/users/${mover.id}`,
          { intent: 'save', name: 'Mover', role: 'learner', teamId: team, managerId: '', hiredAt: '' },
          cookies.admin,
        ),
        params: { userId: mover.id },
        context: testContext(),
      }),
    )
    expect(moved.status).toBeLessThan(400)
    expect((await assignmentsOf(mover.id)).map((a) => a.lessonId)).toContain(lessonIds.promises)
  })

  it('a manager’s team assignment reaches only joiners who report to that manager', async () => {
    const frontDesk = teamIds['Front Desk']!
    const response = await assign(cookies.manager!, {
      item: lesson('listening'),
      teamId: frontDesk,
      dueDate: addDays(today, 14),
    })
    expect(response.status).toBe(200)
    const mia = await userId('manager@example.com')
    const noah = await userId('manager2@example.com')
    const make = (email: string, managerId: string) =>
      respond(() =>
        newUserAction({
          request: formRequest(
            '/admin/users/new',
            {
              name: email,
              email,
              password: 'a-long-enough-password',
              role: 'learner',
              teamId: frontDesk,
              managerId,
              hiredAt: today,
            },
            cookies.admin,
          ),
          params: {},
          context: testContext(),
        }),
      )
    await make('mias-new@example.com', mia)
    await make('noahs-new@example.com', noah)
    expect((await assignmentsOf(await userId('mias-new@example.com'))).map((a) => a.lessonId)).toContain(
      lessonIds.listening,
    )
    expect((await assignmentsOf(await userId('noahs-new@example.com'))).map((a) => a.lessonId)).not.toContain(
      lessonIds.listening,
    )
  })
})

describe('standing team assignments', () => {
  it('can be stopped by the manager who made it, after which new joiners do not get it', async () => {
    const frontDesk = teamIds['Front Desk']!
    const mia = await userId('manager@example.com')
    await assign(cookies.manager!, { item: lesson('welcome'), teamId: frontDesk })
    const page = await jsonOf<{ standing: { id: string; title: string }[] }>(
      await respond(() =>
        assignLoader({ request: getRequest('/team/assign', cookies.manager), params: {}, context: testContext() }),
      ),
    )
    const standing = page.standing.find((t) => t.title.startsWith('Welcome'))!
    expect(standing).toBeTruthy()
    const others = await jsonOf<{ standing: unknown[] }>(
      await respond(() =>
        assignLoader({ request: getRequest('/team/assign', cookies.manager2), params: {}, context: testContext() }),
      ),
    )
    expect(others.standing).toEqual([])

    const before = await snapshot()
    expect(
      (await assign(cookies.manager2!, { intent: 'stop-team-assignment', teamAssignmentId: standing.id })).status,
    ).toBe(404)
    expect((await assign(cookies.manager!, { intent: 'stop-team-assignment', teamAssignmentId: 'nope' })).status).toBe(
      400,
    )
    expect(await snapshot()).toEqual(before)

    const holders = (await db().select().from(assignments).where(eq(assignments.lessonId, lessonIds.welcome!))).length
    expect(
      (await assign(cookies.manager!, { intent: 'stop-team-assignment', teamAssignmentId: standing.id })).status,
    ).toBe(200)
    expect(await db().select().from(assignments).where(eq(assignments.lessonId, lessonIds.welcome!))).toHaveLength(
      holders,
    )
    await respond(() =>
      newUserAction({
        request: formRequest(
          '/admin/users/new',
          {
            name: 'After Stop',
            email: 'after-stop@example.com',
            password: 'a-long-enough-password',
            role: 'learner',
            teamId: frontDesk,
            managerId: mia,
            hiredAt: today,
          },
          cookies.admin,
        ),
        params: {},
        context: testContext(),
      }),
    )
    expect((await assignmentsOf(await userId('after-stop@example.com'))).map((a) => a.lessonId)).not.toContain(
      lessonIds.welcome,
    )
  })
})

describe('status and completion', () => {
  it('goes from not started to completed when the learner passes the lesson, and keeps work when unassigned', async () => {
    const learner = await freshLearner()
    await assign(cookies.admin!, { item: lesson('promises'), dueDate: addDays(today, 3) }, [learner.id])
    await assign(cookies.admin!, { item: whole() }, [learner.id])
    let home = await jsonOf<{ learning: { open: { title: string; status: string; percent: number; kind: string }[] } }>(
      await respond(() =>
        learnLoader({ request: getRequest('/learn', learner.cookie), params: {}, context: testContext() }),
      ),
    )
    expect(home.learning.open.map((a) => [a.kind, a.status])).toEqual([
      ['lesson', 'not_started'],
      ['course', 'not_started'],
    ])

    const page = await promises.open(learner.cookie)
    const quiz = page.assessments.quizzes[0]!
    const submitted = await promises.post(learner.cookie, [
      ['intent', 'submit-quiz'],
      ['quizId', 'promises-quiz'],
      ['versionId', page.lesson.versionId],
      ['attemptNumber', String(quiz.nextAttemptNumber)],
      ['idempotencyKey', quiz.idempotencyKey],
      ['q:when', 'time'],
      ['q:slip', 'warn'],
      ['q:slip', 'new-time'],
    ])
    expect(submitted.status).toBe(302)
    const rows = await assignmentsOf(learner.id)
    expect(rows.find((a) => a.lessonId === lessonIds.promises)?.completedAt).not.toBeNull()
    expect(rows.find((a) => a.lessonId === null)?.completedAt).toBeNull()

    home = await jsonOf(
      await respond(() =>
        learnLoader({ request: getRequest('/learn', learner.cookie), params: {}, context: testContext() }),
      ),
    )
    expect(home.learning.open).toEqual([
      expect.objectContaining({ kind: 'course', status: 'in_progress', percent: 33 }),
    ])

    const course = rows.find((a) => a.lessonId === null)!
    const before = await db().select().from(attempts).where(eq(attempts.userId, learner.id))
    const evidenceBefore = await db().select().from(evidence).where(eq(evidence.userId, learner.id))
    const request = formRequest(
      `/team/people/${learner.id}`,
      { intent: 'unassign', assignmentId: course.id },
      cookies.admin,
    )
    expect(
      (await respond(() => personAction({ request, params: { userId: learner.id }, context: testContext() }))).status,
    ).toBe(200)
    expect((await assignmentsOf(learner.id)).map((a) => a.id)).not.toContain(course.id)
    expect(await db().select().from(attempts).where(eq(attempts.userId, learner.id))).toEqual(before)
    expect(await db().select().from(evidence).where(eq(evidence.userId, learner.id))).toHaveLength(
      evidenceBefore.length,
    )
  })

  it('flags overdue work first on My learning and offers to continue the work last touched', async () => {
    const learner = await freshLearner()
    await db()
      .insert(assignments)
      .values([
        {
          organisationId: await orgId(),
          userId: learner.id,
          courseId,
          lessonId: lessonIds.welcome,
          dueDate: addDays(today, -2),
          source: 'direct',
        },
        {
          organisationId: await orgId(),
          userId: learner.id,
          courseId,
          lessonId: lessonIds.listening,
          dueDate: addDays(today, 9),
          source: 'direct',
        },
        {
          organisationId: await orgId(),
          userId: learner.id,
          courseId,
          lessonId: null,
          dueDate: null,
          source: 'direct',
        },
      ])
    const home = await jsonOf<{
      learning: { open: { title: string; status: string; dueDate: string | null }[]; resume: { href: string } | null }
    }>(
      await respond(() =>
        learnLoader({ request: getRequest('/learn', learner.cookie), params: {}, context: testContext() }),
      ),
    )
    expect(home.learning.open.map((a) => [a.status, a.dueDate])).toEqual([
      ['overdue', addDays(today, -2)],
      ['not_started', addDays(today, 9)],
      ['not_started', null],
    ])
    expect(home.learning.resume?.href).toBe('/courses/demo-course/welcome')
  })

  it('issues a certificate only once every lesson of the course is complete', async () => {
    const learner = await freshLearner()
    const open = () =>
      respond(() =>
        certificateLoader({
          request: getRequest('/learn/certificates/demo-course', learner.cookie),
          params: { course: 'demo-course' },
          context: testContext(),
        }),
      )
    expect((await open()).status).toBe(404)
    const published = await db().select().from(lessons).where(eq(lessons.courseId, courseId))
    await db()
      .insert(lessonCompletions)
      .values(published.map((l) => ({ userId: learner.id, lessonId: l.id, lessonVersionId: l.publishedVersionId! })))
    const response = await open()
    expect(response.status).toBe(200)
    expect(await jsonOf(response)).toMatchObject({
      certificate: { learnerName: 'Test learner', courseTitle: 'Demo Course', completedOn: today },
      verifyUrl: expect.stringMatching(/^http:\/\/localhost\/verify\/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
    })
    const bogus = await respond(() =>
      certificateLoader({
        request: getRequest('/learn/certificates/x', learner.cookie),
        params: { course: '../etc' },
        context: testContext(),
      }),
    )
    expect(bogus.status).toBe(404)
  })
})

async function orgId() {
  const [row] = await db()
    .select({ id: users.organisationId })
    .from(users)
    .where(and(eq(users.email, 'admin@example.com')))
  return row!.id
}
