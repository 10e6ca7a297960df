import { and, eq, sql } from 'drizzle-orm'
import {
  assignments,
  auditLog,
  certificates,
  courses,
  evidence,
  lessonCompletions,
  lessons,
  outboxMessages,
  reflections,
  teamAssignments,
  teams,
  users,
} from '#db/schema'
import { DEMO_PASSWORD, seedDemoOrganisation } from '#db/seed'
import { syncContent } from '~/content/sync.server'
import { LOGIN_MAX_FAILURES } from '~/domain/login-throttle'
import { type FormUser, demoEmails } from '../support/app-forms'
import { useAppServer } from '../support/app-server'
import { useTestDatabase } from '../support/database'
import { lessonClient } from '../support/lesson-actions'
import { freshLearner, sessionCookieFor } from '../support/requests'

// The same request fired several times at once, as a double click or a second tab sends it.
// These races only show on PostgreSQL (the CI's second pass); PGlite runs them one by one.
const database = useTestDatabase()
const app = useAppServer()
const db = () => database.handle.db
const cookies: Partial<Record<FormUser | 'grace', string>> = { anonymous: '' }
let courseId = ''
let frontDeskId = ''

beforeAll(async () => {
  await seedDemoOrganisation(db())
  await syncContent(db(), 'tests/fixtures/content')
  for (const [who, email] of Object.entries(demoEmails)) cookies[who as FormUser] = await sessionCookieFor(email)
  cookies.grace = await sessionCookieFor('grace@example.com')
  courseId = (await db().select({ id: courses.id }).from(courses).where(eq(courses.slug, 'demo-course')))[0]!.id
  frontDeskId = (await db().select({ id: teams.id }).from(teams).where(eq(teams.name, 'Front Desk')))[0]!.id
})

function post(
  path: string,
  fields: Record<string, string> | [string, string][],
  who: keyof typeof cookies,
  headers: Record<string, string> = {},
) {
  return fetch(`${app.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookies[who] ?? '', ...headers },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  })
}

/**
 * Sends the request `times` times at once and returns the statuses. On PostgreSQL, writes to
 * `table` are held back until every request has had time to read, so their transactions
 * overlap as in the worst double click, every run; PGlite runs one statement at a time anyway.
 */
async function atOnce(times: number, send: () => Promise<Response>, table?: string) {
  const fire = () => Promise.all(Array.from({ length: times }, send))
  let pending: ReturnType<typeof fire> | undefined
  if (table && database.handle.kind === 'postgres') {
    await db().transaction(async (tx) => {
      await tx.execute(sql`lock table ${sql.identifier(table)} in share mode`)
      pending = fire()
      await new Promise((r) => setTimeout(r, 800))
    })
  }
  return (await (pending ?? fire())).map((r) => r.status)
}

describe('writes fired at the same moment', () => {
  it('records a double-clicked rated review once, so one rating cannot lift a record twice', async () => {
    const welcome = lessonClient('demo-course', 'welcome')
    const page = await welcome.open(cookies.grace!)
    await welcome.post(cookies.grace!, {
      intent: 'submit-reflection',
      reflectionId: 'why-here',
      versionId: page.lesson.versionId,
      body: 'I like solving problems for people.',
    })
    const [grace] = await db().select({ id: users.id }).from(users).where(eq(users.email, 'grace@example.com'))
    const [reflection] = await db()
      .select({ id: reflections.id })
      .from(reflections)
      .where(eq(reflections.userId, grace!.id))
    const review = {
      reflectionId: reflection!.id,
      reply: 'A good instinct.',
      competencyId: 'ownership',
      levelId: 'exemplary',
    }

    const statuses = await atOnce(10, () => post('/team/coaching', review, 'manager'), 'evidence')
    expect(statuses).toEqual(Array(10).fill(200))
    const rated = await db()
      .select()
      .from(evidence)
      .where(and(eq(evidence.userId, grace!.id), eq(evidence.source, 'manager')))
    expect(rated).toHaveLength(1)
  })

  it('saves a draft reflection from several requests at once without a 500, as one row', async () => {
    const welcome = lessonClient('demo-course', 'welcome')
    const page = await welcome.open(cookies.learner!)
    const draft = {
      intent: 'save-reflection',
      reflectionId: 'why-here',
      versionId: page.lesson.versionId,
      body: 'Still thinking.',
    }
    expect(await atOnce(8, () => post('/courses/demo-course/welcome', draft, 'learner'), 'reflections')).toEqual(
      Array(8).fill(200),
    )
    const submit = { ...draft, intent: 'submit-reflection', body: 'Because every day is different.' }
    expect(await atOnce(8, () => post('/courses/demo-course/welcome', submit, 'learner'), 'reflections')).toEqual(
      Array(8).fill(200),
    )
    const [learner] = await db().select({ id: users.id }).from(users).where(eq(users.email, demoEmails.learner))
    const rows = await db().select().from(reflections).where(eq(reflections.userId, learner!.id))
    expect(rows).toMatchObject([{ status: 'submitted', body: 'Because every day is different.' }])
  })

  it('creates a team once when the form is sent twice; the other request hears 409', async () => {
    const statuses = await atOnce(6, () => post('/admin/teams', { name: 'Night Shift' }, 'admin'), 'teams')
    expect(statuses.filter((s) => s === 200)).toHaveLength(1)
    expect(statuses.filter((s) => s !== 200).every((s) => s === 409 || s === 400)).toBe(true)
    expect(await db().select().from(teams).where(eq(teams.name, 'Night Shift'))).toHaveLength(1)
  })

  it('adds a person once when the form is sent twice', async () => {
    const person = {
      name: 'Rosa Alvarez',
      email: 'rosa@example.com',
      password: 'a-long-unusual-passphrase',
      role: 'learner',
      teamId: '',
      managerId: '',
      hiredAt: '',
    }
    const statuses = await atOnce(4, () => post('/admin/users/new', person, 'admin'), 'users')
    expect(statuses.filter((s) => s === 302)).toHaveLength(1)
    expect(statuses.filter((s) => s !== 302).every((s) => s === 409 || s === 400)).toBe(true)
    expect(await db().select().from(users).where(eq(users.email, 'rosa@example.com'))).toHaveLength(1)
  })

  it('imports a CSV once when it is sent twice', async () => {
    const csv =
      'name,email,role,team,manager email,hire date\nKai Moreno,kai@example.com,learner,Front Desk,manager@example.com,\n'
    const send = () => {
      const data = new FormData()
      data.append('intent', 'import')
      data.append('csv', csv)
      return fetch(`${app.url}/admin/users/import`, { method: 'POST', headers: { Cookie: cookies.admin! }, body: data })
    }
    const statuses = await atOnce(3, send, 'users')
    expect(statuses.filter((s) => s === 200)).toHaveLength(1)
    expect(statuses.filter((s) => s !== 200).every((s) => s === 409 || s === 400)).toBe(true)
    expect(await db().select().from(users).where(eq(users.email, 'kai@example.com'))).toHaveLength(1)
  })

  it('queues one reminder and one audit entry when Remind is clicked several times at once', async () => {
    const [lena] = await db().select().from(users).where(eq(users.email, demoEmails.learner))
    const [late] = await db()
      .insert(assignments)
      .values({
        organisationId: lena!.organisationId,
        userId: lena!.id,
        courseId,
        dueDate: '2020-01-01',
        source: 'direct',
      })
      .onConflictDoUpdate({
        target: [assignments.userId, assignments.courseId, assignments.lessonId],
        set: { dueDate: '2020-01-01' },
      })
      .returning({ id: assignments.id })
    const statuses = await atOnce(
      6,
      () => post('/team?index', { intent: 'remind', assignmentId: late!.id }, 'manager'),
      'outbox_messages',
    )
    expect(statuses).toEqual(Array(6).fill(200))
    expect(
      await db()
        .select()
        .from(outboxMessages)
        .where(and(eq(outboxMessages.assignmentId, late!.id), eq(outboxMessages.kind, 'nudge'))),
    ).toHaveLength(1)
    expect(await db().select().from(auditLog).where(eq(auditLog.action, 'assignment.reminded'))).toHaveLength(1)
  })

  it('assigns a weak competency’s lesson once per person when the button is clicked several times at once', async () => {
    const [lesson] = await db()
      .select({ id: lessons.id })
      .from(lessons)
      .where(and(eq(lessons.courseId, courseId), eq(lessons.slug, 'promises')))
    const click = () =>
      post(
        '/team?index',
        { intent: 'assign-gap', competencyId: 'ownership', courseId, lessonId: lesson!.id, teamId: '' },
        'manager',
      )
    const statuses = await atOnce(6, click, 'assignments')
    expect(statuses).toEqual(Array(6).fill(200))
    const given = await db().select().from(assignments).where(eq(assignments.lessonId, lesson!.id))
    expect(given.length).toBeGreaterThan(0)
    expect(new Set(given.map((a) => a.userId)).size).toBe(given.length)
  })

  it('imports the ready rows of a CSV once when the choice is sent several times at once', async () => {
    const csv = [
      'name,email,role,team,manager email,hire date',
      'Lia Ready,lia@example.com,learner,Front Desk,manager@example.com,',
      'Not Ready,grace@example.com,,,,',
      'Max Ready,max@example.com,,,,',
    ].join('\n')
    const send = () => {
      const data = new FormData()
      data.append('intent', 'import-ready')
      data.append('csv', csv)
      data.append('lines', '2,4')
      return fetch(`${app.url}/admin/users/import`, { method: 'POST', headers: { Cookie: cookies.admin! }, body: data })
    }
    const statuses = await atOnce(4, send, 'users')
    expect(statuses.filter((s) => s === 200)).toHaveLength(1)
    expect(statuses.filter((s) => s !== 200).every((s) => s === 409)).toBe(true)
    const created = await db()
      .select({ email: users.email })
      .from(users)
      .where(sql`${users.email} in ('lia@example.com', 'max@example.com')`)
    expect(created.map((u) => u.email).sort()).toEqual(['lia@example.com', 'max@example.com'])
  })

  it('checks no more passwords than the limit, however many wrong tries arrive at once', async () => {
    const statuses = await atOnce(20, () =>
      post('/login', { email: 'omar@example.com', password: 'not-the-password' }, 'anonymous', { 'X-Test': 'burst' }),
    )
    expect(statuses.filter((s) => s === 400).length).toBeLessThanOrEqual(LOGIN_MAX_FAILURES)
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(20 - LOGIN_MAX_FAILURES)
    // Throttled: even the right password waits.
    expect((await post('/login', { email: 'omar@example.com', password: DEMO_PASSWORD }, 'anonymous')).status).toBe(429)
  })
})

describe('standing team assignments', () => {
  const assignToTeam = () =>
    post(
      '/team/assign',
      { intent: 'assign', item: `course:${courseId}`, teamId: frontDeskId, dueDate: '', note: '' },
      'manager',
    )

  it('keeps one standing assignment when a team is given the same course twice, or twice at once', async () => {
    expect((await assignToTeam()).status).toBe(200)
    const again = await assignToTeam()
    expect(again.status).toBe(200)
    expect(await again.text()).toMatch(/kept and updated, not doubled/)
    expect(await atOnce(4, assignToTeam, 'team_assignments')).toEqual(Array(4).fill(200))
    const standing = await db()
      .select()
      .from(teamAssignments)
      .where(and(eq(teamAssignments.teamId, frontDeskId), eq(teamAssignments.courseId, courseId)))
    expect(standing).toHaveLength(1)
  })

  it('still onboards a new hire into that team, with the course', async () => {
    const [mia] = await db().select({ id: users.id }).from(users).where(eq(users.email, demoEmails.manager))
    const hire = {
      name: 'Ines Costa',
      email: 'ines@example.com',
      password: 'another-long-passphrase',
      role: 'learner',
      teamId: frontDeskId,
      managerId: mia!.id,
      hiredAt: '',
    }
    const res = await post('/admin/users/new', hire, 'admin')
    expect(res.status).toBe(302)
    const [ines] = await db().select({ id: users.id }).from(users).where(eq(users.email, 'ines@example.com'))
    const given = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(assignments)
      .where(and(eq(assignments.userId, ines!.id), eq(assignments.courseId, courseId)))
    expect(given[0]?.n).toBe(1)
  })
})

describe('certificates', () => {
  it('issues one code when a finished course’s certificate is opened in several tabs at once', async () => {
    const learner = await freshLearner()
    const published = await db().select().from(lessons).where(eq(lessons.courseId, courseId))
    await db()
      .insert(lessonCompletions)
      .values(published.map((l) => ({ userId: learner.id, lessonId: l.id, lessonVersionId: l.publishedVersionId! })))
    const pages: string[] = []
    const open = async () => {
      const res = await fetch(`${app.url}/learn/certificates/demo-course`, { headers: { Cookie: learner.cookie } })
      pages.push(await res.text())
      return res
    }

    expect(await atOnce(8, open, 'certificates')).toEqual(Array(8).fill(200))
    const issued = await db().select().from(certificates).where(eq(certificates.userId, learner.id))
    expect(issued).toHaveLength(1)
    const shown = pages.map((html) => html.match(/data-testid="verification-code"[^>]*>([0-9A-Z-]+)</)?.[1])
    expect(new Set(shown)).toEqual(new Set([issued[0]!.code.match(/.{4}/g)!.join('-')]))
  })
})
