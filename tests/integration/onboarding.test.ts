import fs from 'node:fs'
import path from 'node:path'
import { eq, sql } from 'drizzle-orm'
import { assignments, auditLog, courses, onboardingPathItems, organisations, teams, users } from '#db/schema'
import { seedDemoOrganisation } from '#db/seed'
import { syncContent } from '~/content/sync.server'
import { addDays, isoDate } from '~/domain/calendar'
import { action as onboardingAction, loader as onboardingLoader } from '~/routes/admin.onboarding'
import { action as newUserAction } from '~/routes/admin.users.new'
import { copyContent } from '../support/content'
import { useTestDatabase } from '../support/database'
import { formRequest, getRequest, jsonOf, respond, sessionCookieFor, testContext } from '../support/requests'

const database = useTestDatabase()
const db = () => database.handle.db
let admin = ''
const ids = {
  demoCourse: '',
  secondCourse: '',
  retiredCourse: '',
  frontDesk: '',
  customerCare: '',
  otherOrgTeam: '',
  otherOrgItem: '',
}

async function courseId(slug: string) {
  const [row] = await db().select({ id: courses.id }).from(courses).where(eq(courses.slug, slug))
  if (!row) throw new Error(slug)
  return row.id
}

async function teamId(name: string) {
  const [row] = await db().select({ id: teams.id }).from(teams).where(eq(teams.name, name))
  if (!row) throw new Error(name)
  return row.id
}

beforeAll(async () => {
  await seedDemoOrganisation(db())
  // Two more copies of the demo course, so the path can hold different courses; one is then archived.
  const content = copyContent()
  for (const [slug, title] of [
    ['second-course', 'Second Course'],
    ['retired-course', 'Retired Course'],
  ] as const) {
    const dir = path.join(content.dir, 'courses', slug)
    fs.cpSync(path.join(content.dir, 'courses', 'demo-course'), dir, { recursive: true })
    const yml = path.join(dir, 'course.yml')
    fs.writeFileSync(yml, fs.readFileSync(yml, 'utf8').replace('title: Demo Course', `title: ${title}`))
  }
  await syncContent(db(), content.dir)
  content.remove()
  ids.demoCourse = await courseId('demo-course')
  ids.secondCourse = await courseId('second-course')
  ids.retiredCourse = await courseId('retired-course')
  await db().update(courses).set({ archivedAt: new Date() }).where(eq(courses.id, ids.retiredCourse))
  ids.frontDesk = await teamId('Front Desk')
  ids.customerCare = await teamId('Customer Care')

  // A second organisation, whose team and path item this organisation's admin must not reach.
  const [other] = await db().insert(organisations).values({ name: 'Elsewhere Ltd', slug: 'elsewhere' }).returning()
  const otherId = other?.id ?? ''
  const [otherTeam] = await db().insert(teams).values({ organisationId: otherId, name: 'Elsewhere Team' }).returning()
  const [otherItem] = await db()
    .insert(onboardingPathItems)
    .values({ organisationId: otherId, teamId: null, courseId: ids.demoCourse, dueDays: 7 })
    .returning()
  ids.otherOrgTeam = otherTeam?.id ?? ''
  ids.otherOrgItem = otherItem?.id ?? ''
  admin = await sessionCookieFor('admin@example.com')
})

const post = (fields: Record<string, string>, cookie = admin) =>
  respond(() =>
    onboardingAction({ request: formRequest('/admin/onboarding', fields, cookie), params: {}, context: testContext() }),
  )

const add = (courseId: string, teamId: string, dueDays: string, cookie = admin) =>
  post({ intent: 'add', courseId, teamId, dueDays }, cookie)

interface PathItem {
  id: string
  courseTitle: string
  teamId: string | null
  teamName: string
  dueDays: number
}

async function openPath(cookie = admin) {
  return respond(() =>
    onboardingLoader({ request: getRequest('/admin/onboarding', cookie), params: {}, context: testContext() }),
  )
}

async function snapshot() {
  const count = async (table: typeof auditLog | typeof onboardingPathItems | typeof assignments | typeof users) => {
    const [row] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(table)
    return row?.n
  }
  return {
    items: await count(onboardingPathItems),
    audit: await count(auditLog),
    assignments: await count(assignments),
    users: await count(users),
  }
}

async function assignmentsOf(email: string) {
  return db()
    .select({ course: courses.title, dueDate: assignments.dueDate, source: assignments.source })
    .from(assignments)
    .innerJoin(users, eq(users.id, assignments.userId))
    .innerJoin(courses, eq(courses.id, assignments.courseId))
    .where(eq(users.email, email))
    .orderBy(courses.title)
}

function createPerson(email: string, teamId: string, hiredAt: string) {
  return respond(() =>
    newUserAction({
      request: formRequest(
        '/admin/users/new',
        {
          name: `New ${email}`,
          email,
          password: 'tide tables and lanterns',
          role: 'learner',
          teamId,
          managerId: '',
          hiredAt,
        },
        admin,
      ),
      params: {},
      context: testContext(),
    }),
  )
}

describe('who may edit the onboarding path', () => {
  it('answers 403 to learners, managers and trainers, and writes nothing', async () => {
    const before = await snapshot()
    for (const email of ['learner@example.com', 'manager@example.com', 'trainer@example.com']) {
      const cookie = await sessionCookieFor(email)
      expect((await openPath(cookie)).status).toBe(403)
      expect((await add(ids.demoCourse, '', '14', cookie)).status).toBe(403)
      expect((await post({ intent: 'remove', itemId: ids.otherOrgItem }, cookie)).status).toBe(403)
    }
    expect(await snapshot()).toEqual(before)
  })
})

describe('the onboarding path', () => {
  it('lets an admin add a course for every new hire and one for a team, listed Everyone first, with an audit entry each', async () => {
    expect((await add(ids.secondCourse, ids.frontDesk, '30')).status).toBe(200)
    const added = await add(ids.demoCourse, '', ' 14 ')
    expect(added.status).toBe(200)
    expect(await jsonOf(added)).toEqual({ errors: null, outcome: 'added' })

    const { path: items } = await jsonOf<{ path: PathItem[] }>(await openPath())
    expect(items.map((i) => [i.courseTitle, i.teamName, i.dueDays])).toEqual([
      ['Demo Course', 'Everyone', 14],
      ['Second Course', 'Front Desk', 30],
    ])
    const entries = await db().select().from(auditLog).where(eq(auditLog.action, 'onboarding.item_added'))
    expect(entries.map((e) => e.details)).toEqual(
      expect.arrayContaining([
        { course: 'Demo Course', team: 'Everyone', dueDays: 14 },
        { course: 'Second Course', team: 'Front Desk', dueDays: 30 },
      ]),
    )
  })

  it('refuses bad input with a message next to the field, and writes nothing', async () => {
    const before = await snapshot()
    const unknown = '00000000-0000-4000-8000-000000000000'
    const cases: [Record<string, string>, string][] = [
      [{ courseId: ids.secondCourse, teamId: '', dueDays: '-1' }, 'dueDays'],
      [{ courseId: ids.secondCourse, teamId: '', dueDays: '366' }, 'dueDays'],
      [{ courseId: ids.secondCourse, teamId: '', dueDays: '1.5' }, 'dueDays'],
      [{ courseId: ids.secondCourse, teamId: '', dueDays: 'ten' }, 'dueDays'],
      [{ courseId: ids.secondCourse, teamId: '', dueDays: '' }, 'dueDays'],
      [{ courseId: 'not-a-course', teamId: '', dueDays: '5' }, 'courseId'],
      [{ courseId: unknown, teamId: '', dueDays: '5' }, 'courseId'],
      [{ courseId: ids.retiredCourse, teamId: '', dueDays: '5' }, 'courseId'],
      [{ courseId: ids.secondCourse, teamId: unknown, dueDays: '5' }, 'teamId'],
      [{ courseId: ids.secondCourse, teamId: ids.otherOrgTeam, dueDays: '5' }, 'teamId'],
      [{ courseId: ids.secondCourse, teamId: ids.frontDesk, dueDays: '3' }, 'courseId'],
    ]
    for (const [fields, field] of cases) {
      const response = await post({ intent: 'add', ...fields })
      expect(response.status, JSON.stringify(fields)).toBe(400)
      const { errors } = await jsonOf<{ errors: Record<string, string[]> }>(response)
      expect(Object.keys(errors), JSON.stringify(fields)).toEqual([field])
    }
    const duplicate = await add(ids.demoCourse, '', '60')
    expect(duplicate.status).toBe(400)
    expect((await jsonOf<{ errors: Record<string, string[]> }>(duplicate)).errors).toEqual({
      courseId: ['Demo Course is already on the path for every new hire.'],
    })
    expect((await post({ intent: 'explode' })).status).toBe(400)
    expect((await post({ intent: 'remove', itemId: 'nope' })).status).toBe(400)
    expect(await snapshot()).toEqual(before)
  })

  it('gives a person created by an admin the path of their team, due after their hire date', async () => {
    expect((await createPerson('fd.hire@example.com', ids.frontDesk, '2026-01-10')).status).toBe(302)
    expect(await assignmentsOf('fd.hire@example.com')).toEqual([
      { course: 'Demo Course', dueDate: '2026-01-24', source: 'onboarding' },
      { course: 'Second Course', dueDate: '2026-02-09', source: 'onboarding' },
    ])

    expect((await createPerson('cc.hire@example.com', ids.customerCare, '2026-01-10')).status).toBe(302)
    expect(await assignmentsOf('cc.hire@example.com')).toEqual([
      { course: 'Demo Course', dueDate: '2026-01-24', source: 'onboarding' },
    ])

    expect((await createPerson('undated.hire@example.com', '', '')).status).toBe(302)
    expect(await assignmentsOf('undated.hire@example.com')).toEqual([
      { course: 'Demo Course', dueDate: addDays(isoDate(new Date()), 14), source: 'onboarding' },
    ])
  })

  it('leaves existing assignments alone when the path changes', async () => {
    const before = await snapshot()
    expect((await add(ids.secondCourse, '', '45')).status).toBe(200)
    expect(await assignmentsOf('cc.hire@example.com')).toEqual([
      { course: 'Demo Course', dueDate: '2026-01-24', source: 'onboarding' },
    ])

    const { path: items } = await jsonOf<{ path: PathItem[] }>(await openPath())
    const everyoneDemo = items.find((i) => i.courseTitle === 'Demo Course' && i.teamId === null)
    const removed = await post({ intent: 'remove', itemId: everyoneDemo?.id ?? '' })
    expect(removed.status).toBe(200)
    expect(await assignmentsOf('cc.hire@example.com')).toEqual([
      { course: 'Demo Course', dueDate: '2026-01-24', source: 'onboarding' },
    ])
    expect(await snapshot()).toEqual({ ...before, audit: (before.audit ?? 0) + 2 })

    const [entry] = await db().select().from(auditLog).where(eq(auditLog.action, 'onboarding.item_removed'))
    expect(entry).toMatchObject({
      targetId: everyoneDemo?.id,
      details: { course: 'Demo Course', team: 'Everyone', dueDays: 14 },
    })
  })

  it('answers 404 when removing an item that is not on this organisation’s path, and keeps the other organisation’s item', async () => {
    const before = await snapshot()
    expect((await post({ intent: 'remove', itemId: ids.otherOrgItem })).status).toBe(404)
    expect((await post({ intent: 'remove', itemId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404)
    expect(
      await db().select().from(onboardingPathItems).where(eq(onboardingPathItems.id, ids.otherOrgItem)),
    ).toHaveLength(1)
    expect(await snapshot()).toEqual(before)
  })
})
