import { desc, eq, sql } from 'drizzle-orm'
import { auditLog, sessions, teams, users } from '#db/schema'
import { seedDemoOrganisation } from '#db/seed'
import { loader as adminHomeLoader } from '~/routes/admin._index'
import { action as teamsAction } from '~/routes/admin.teams'
import { action as editUserAction, loader as editUserLoader } from '~/routes/admin.users.$userId'
import { action as newUserAction } from '~/routes/admin.users.new'
import { loader as teamLoader } from '~/routes/team._index'
import { loader as authorLoader } from '~/routes/author'
import { useTestDatabase } from '../support/database'
import { formRequest, getRequest, jsonOf, respond, sessionCookieFor, testContext } from '../support/requests'

const database = useTestDatabase()
const db = () => database.handle.db
let admin = ''
let learner = ''
let manager = ''

beforeAll(async () => {
  await seedDemoOrganisation(db())
  admin = await sessionCookieFor('admin@example.com')
  learner = await sessionCookieFor('learner@example.com')
  manager = await sessionCookieFor('manager@example.com')
})

async function idOf(email: string) {
  const [row] = await db().select().from(users).where(eq(users.email, email))
  if (!row) throw new Error(email)
  return row
}

async function tableSnapshot() {
  const [u] = await db()
    .select({ n: sql<string>`md5(string_agg(row(users.*)::text, ',' order by id))` })
    .from(users)
  const [a] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
  const [t] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(teams)
  return { users: u?.n, audit: a?.n, teams: t?.n }
}

const newUser = (fields: Record<string, string>, cookie = admin) =>
  respond(() =>
    newUserAction({ request: formRequest('/admin/users/new', fields, cookie), params: {}, context: testContext() }),
  )

const editUser = (userId: string, fields: Record<string, string>, cookie = admin) =>
  respond(() =>
    editUserAction({
      request: formRequest(`/admin/users/${userId}`, fields, cookie),
      params: { userId },
      context: testContext(),
    }),
  )

describe('who may use the admin area', () => {
  it('answers 403 to a learner, a manager and a trainer opening an admin page', async () => {
    const trainer = await sessionCookieFor('trainer@example.com')
    for (const cookie of [learner, manager, trainer]) {
      const response = await respond(() =>
        adminHomeLoader({ request: getRequest('/admin', cookie), params: {}, context: testContext() }),
      )
      expect(response.status).toBe(403)
    }
    const ok = await respond(() =>
      adminHomeLoader({ request: getRequest('/admin', admin), params: {}, context: testContext() }),
    )
    expect(ok.status).toBe(200)
  })

  it('refuses a learner posting crafted admin forms, and nothing changes', async () => {
    const before = await tableSnapshot()
    const target = await idOf('omar@example.com')
    const attempts = [
      await newUser(
        {
          name: 'Mallory',
          email: 'mallory@example.com',
          password: 'correct horse battery',
          role: 'admin',
          teamId: '',
          managerId: '',
          hiredAt: '',
        },
        learner,
      ),
      await editUser(
        target.id,
        { intent: 'save', name: 'Hacked', role: 'admin', teamId: '', managerId: '', hiredAt: '' },
        learner,
      ),
      await editUser(target.id, { intent: 'deactivate', confirm: 'yes' }, learner),
      await respond(() =>
        teamsAction({
          request: formRequest('/admin/teams', { name: 'Shadow team' }, learner),
          params: {},
          context: testContext(),
        }),
      ),
    ]
    expect(attempts.map((r) => r.status)).toEqual([403, 403, 403, 403])
    expect(await tableSnapshot()).toEqual(before)
  })

  it('lets trainers author but not managers', async () => {
    const trainer = await sessionCookieFor('trainer@example.com')
    expect(
      (
        await respond(() =>
          authorLoader({ request: getRequest('/author', trainer), params: {}, context: testContext() }),
        )
      ).status,
    ).toBe(200)
    expect(
      (
        await respond(() =>
          authorLoader({ request: getRequest('/author', manager), params: {}, context: testContext() }),
        )
      ).status,
    ).toBe(403)
  })
})

describe('team page', () => {
  it('shows a manager only their own reports', async () => {
    const response = await respond(() =>
      teamLoader({ request: getRequest('/team', manager), params: {}, context: testContext() }),
    )
    const body = await jsonOf<{ people: { email: string }[] }>(response)
    const emails = body.people.map((p) => p.email).sort()
    expect(emails).toEqual(['grace@example.com', 'learner@example.com', 'omar@example.com'])
  })

  it('is closed to learners', async () => {
    const response = await respond(() =>
      teamLoader({ request: getRequest('/team', learner), params: {}, context: testContext() }),
    )
    expect(response.status).toBe(403)
  })
})

describe('admin manages people', () => {
  it('creates a person, with the change in the audit log', async () => {
    const team = (await db().select().from(teams))[0]
    const mgr = await idOf('manager@example.com')
    const response = await newUser({
      name: 'Ada Okoye',
      email: 'Ada.Okoye@Example.com',
      password: 'tide tables and lanterns',
      role: 'learner',
      teamId: team?.id ?? '',
      managerId: mgr.id,
      hiredAt: '2026-11-20',
    })
    expect(response.status).toBe(302)
    const created = await idOf('ada.okoye@example.com')
    expect(created.managerId).toBe(mgr.id)
    expect(created.hiredAt).toBe('2026-11-20')
    expect(response.headers.get('Location')).toBe(`/admin/users/${created.id}?created=1`)
    const [entry] = await db().select().from(auditLog).where(eq(auditLog.targetId, created.id))
    expect(entry?.action).toBe('user.created')
    expect(entry?.actorId).toBe((await idOf('admin@example.com')).id)
  })

  it('shows each validation problem next to its field and writes nothing', async () => {
    const before = await tableSnapshot()
    const response = await newUser({
      name: '',
      email: 'not-an-email',
      password: 'password1',
      role: 'superuser',
      teamId: 'nope',
      managerId: '',
      hiredAt: '31/12/2020',
    })
    expect(response.status).toBe(400)
    const { errors } = await jsonOf<{ errors: Record<string, string[]> }>(response)
    expect(Object.keys(errors).sort()).toEqual(['email', 'hiredAt', 'name', 'role', 'teamId'])
    expect(await tableSnapshot()).toEqual(before)
  })

  it('refuses a taken email (in any case), a common password, and a manager from outside the managers', async () => {
    const before = await tableSnapshot()
    const learnerRow = await idOf('grace@example.com')
    const response = await newUser({
      name: 'Copy',
      email: 'LEARNER@example.com',
      password: 'iloveyou',
      role: 'learner',
      teamId: '',
      managerId: learnerRow.id,
      hiredAt: '',
    })
    expect(response.status).toBe(400)
    const { errors } = await jsonOf<{ errors: Record<string, string[]> }>(response)
    expect(errors.email?.[0]).toMatch(/already uses/)
    expect(errors.password?.[0]).toMatch(/common/)
    expect(errors.managerId?.[0]).toMatch(/manager/)
    expect(await tableSnapshot()).toEqual(before)
  })

  it('edits role, team and manager and records what changed', async () => {
    const person = await idOf('omar@example.com')
    const otherTeam = (await db().select().from(teams)).find((t) => t.id !== person.teamId)
    const mgr2 = await idOf('manager2@example.com')
    const response = await editUser(person.id, {
      intent: 'save',
      name: 'Omar Said',
      role: 'manager',
      teamId: otherTeam?.id ?? '',
      managerId: mgr2.id,
      hiredAt: person.hiredAt ?? '',
    })
    expect(response.status).toBe(200)
    const after = await idOf('omar@example.com')
    expect(after.role).toBe('manager')
    expect(after.teamId).toBe(otherTeam?.id)
    const [entry] = await db()
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, person.id))
      .orderBy(desc(auditLog.at))
    expect(entry?.action).toBe('user.updated')
    expect(entry?.details).toMatchObject({ role: { from: 'learner', to: 'manager' }, managerId: { to: mgr2.id } })
  })

  it('asks before deactivating: a deactivation without the confirmation only opens the question', async () => {
    const before = await tableSnapshot()
    const person = await idOf('elif@example.com')
    for (const confirm of [undefined, '', 'no', 'true']) {
      const response = await editUser(person.id, {
        intent: 'deactivate',
        ...(confirm === undefined ? {} : { confirm }),
      })
      expect(response.status).toBe(302)
      expect(response.headers.get('Location')).toBe(`/admin/users/${person.id}?confirm=deactivate`)
    }
    expect((await idOf('elif@example.com')).deactivatedAt).toBeNull()
    expect(await tableSnapshot()).toEqual(before)
  })

  it('deactivates a person once confirmed: sessions end, audit recorded; reactivation restores sign-in', async () => {
    const person = await idOf('elif@example.com')
    await sessionCookieFor('elif@example.com')
    const response = await editUser(person.id, { intent: 'deactivate', confirm: 'yes' })
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe(`/admin/users/${person.id}`)
    expect((await idOf('elif@example.com')).deactivatedAt).not.toBeNull()
    expect(await db().select().from(sessions).where(eq(sessions.userId, person.id))).toHaveLength(0)
    const actions = (await db().select().from(auditLog).where(eq(auditLog.targetId, person.id))).map((e) => e.action)
    expect(actions).toContain('user.deactivated')

    await editUser(person.id, { intent: 'reactivate' })
    expect((await idOf('elif@example.com')).deactivatedAt).toBeNull()
  })

  it('will not let the last admin deactivate or demote themselves', async () => {
    const me = await idOf('admin@example.com')
    const deactivate = await editUser(me.id, { intent: 'deactivate', confirm: 'yes' })
    expect(deactivate.status).toBe(400)
    expect((await jsonOf<{ errors: Record<string, string[]> }>(deactivate)).errors.form).toEqual([
      'You cannot deactivate your own account.',
    ])
    expect((await idOf('admin@example.com')).deactivatedAt).toBeNull()
    const demote = await editUser(me.id, {
      intent: 'save',
      name: me.name,
      role: 'learner',
      teamId: '',
      managerId: '',
      hiredAt: '',
    })
    expect(demote.status).toBe(400)
    expect((await jsonOf<{ errors: Record<string, string[]> }>(demote)).errors.role?.[0]).toMatch(
      /at least one active admin/,
    )
    expect((await idOf('admin@example.com')).role).toBe('admin')
  })

  it('answers 404 for a malformed or unknown person id, and 400 for an unknown intent', async () => {
    const malformed = await respond(() =>
      editUserLoader({
        request: getRequest('/admin/users/abc', admin),
        params: { userId: 'abc' },
        context: testContext(),
      }),
    )
    expect(malformed.status).toBe(404)
    const unknownId = '00000000-0000-4000-8000-000000000000'
    const unknown = await respond(() =>
      editUserLoader({
        request: getRequest(`/admin/users/${unknownId}`, admin),
        params: { userId: unknownId },
        context: testContext(),
      }),
    )
    expect(unknown.status).toBe(404)
    const person = await idOf('grace@example.com')
    expect((await editUser(person.id, { intent: 'explode' })).status).toBe(400)
  })

  it('creates teams and refuses duplicate names', async () => {
    const create = (name: string) =>
      respond(() =>
        teamsAction({ request: formRequest('/admin/teams', { name }, admin), params: {}, context: testContext() }),
      )
    expect((await create('Night Shift')).status).toBe(200)
    const dup = await create('night shift')
    expect(dup.status).toBe(400)
    expect((await create('   ')).status).toBe(400)
    expect(await db().select().from(teams).where(eq(teams.name, 'Night Shift'))).toHaveLength(1)
  })
})

describe('password reset by an admin', () => {
  it('sets a new password, signs the person out everywhere, and records it', async () => {
    const person = await idOf('jonas@example.com')
    await sessionCookieFor('jonas@example.com')
    const weak = await editUser(person.id, { intent: 'reset-password', password: 'short' })
    expect(weak.status).toBe(400)
    expect((await jsonOf<{ errors: Record<string, string[]> }>(weak)).errors.password?.[0]).toMatch(/at least 8/)
    expect(await db().select().from(sessions).where(eq(sessions.userId, person.id))).toHaveLength(1)

    const ok = await editUser(person.id, { intent: 'reset-password', password: 'lighthouse keeper 42' })
    expect(ok.status).toBe(200)
    expect(await db().select().from(sessions).where(eq(sessions.userId, person.id))).toHaveLength(0)
    expect((await idOf('jonas@example.com')).passwordHash).not.toBe(person.passwordHash)
    const actions = (await db().select().from(auditLog).where(eq(auditLog.targetId, person.id))).map((e) => e.action)
    expect(actions).toContain('user.password_reset')
  })
})
