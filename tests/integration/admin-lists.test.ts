import { eq } from 'drizzle-orm'
import { auditLog, organisations, teams, users } from '#db/schema'
import { seedDemoOrganisation } from '#db/seed'
import type { PageWindow } from '~/domain/pagination'
import { loader as auditLoader } from '~/routes/admin.audit'
import { action as editUserAction } from '~/routes/admin.users.$userId'
import { loader as peopleLoader } from '~/routes/admin.users._index'
import { useTestDatabase } from '../support/database'
import { formRequest, getRequest, jsonOf, respond, sessionCookieFor, testContext } from '../support/requests'

const database = useTestDatabase()
const db = () => database.handle.db
let admin = ''
const teamIds = { frontDesk: '', care: '' }

// 120 generated people besides the demo organisation's 11: three pages of 50.
const BULK = 120

beforeAll(async () => {
  await seedDemoOrganisation(db())
  admin = await sessionCookieFor('admin@example.com')
  const [org] = await db().select().from(organisations)
  for (const t of await db().select().from(teams)) {
    if (t.name === 'Front Desk') teamIds.frontDesk = t.id
    if (t.name === 'Customer Care') teamIds.care = t.id
  }
  await db()
    .insert(users)
    .values(
      Array.from({ length: BULK }, (_, i) => {
        const n = String(i + 1).padStart(3, '0')
        return {
          organisationId: org!.id,
          name: `Bulk Person ${n}`,
          email: `bulk${n}@generated.test`,
          passwordHash: 'not-a-hash',
          role: i % 10 === 0 ? ('manager' as const) : ('learner' as const),
          // Every third in no team.
          teamId: i % 3 === 0 ? null : i % 3 === 1 ? teamIds.frontDesk : teamIds.care,
          hiredAt: i % 4 === 0 ? null : `2025-01-${String((i % 28) + 1).padStart(2, '0')}`,
          // Every twelfth has left.
          deactivatedAt: i % 12 === 5 ? new Date('2026-06-01T00:00:00Z') : null,
        }
      }),
    )
})

interface PeopleBody {
  people: { id: string; name: string; email: string; role: string; teamName: string | null; hiredAt: string | null }[]
  window: PageWindow
  counts: { active: number; deactivated: number }
  filtered: boolean
}

async function people(search: string) {
  const response = await respond(() =>
    peopleLoader({ request: getRequest(`/admin/users${search}`, admin), params: {}, context: testContext() }),
  )
  expect(response.status, search).toBe(200)
  return jsonOf<PeopleBody>(response)
}

const names = (body: PeopleBody) => body.people.map((p) => p.name)

describe('the People list', () => {
  it('shows active people 50 at a time, by name, with the count of all that match', async () => {
    const deactivated = Array.from({ length: BULK }, (_, i) => i).filter((i) => i % 12 === 5).length
    const active = 11 + BULK - deactivated
    const first = await people('')
    expect(first.counts).toEqual({ active, deactivated })
    expect(first.window).toEqual({ page: 1, pageCount: 3, first: 1, last: 50, total: active })
    expect(first.people).toHaveLength(50)
    expect(names(first)).toEqual([...names(first)].sort((a, b) => a.localeCompare(b, 'en')))
    expect(first.filtered).toBe(false)

    const second = await people('?page=2')
    expect(second.window).toMatchObject({ page: 2, first: 51, last: 100 })
    const third = await people('?page=3')
    expect(third.window).toMatchObject({ page: 3, first: 101, last: active })
    const all = [...names(first), ...names(second), ...names(third)]
    expect(new Set(all).size).toBe(active)

    // A page past the end, from a list that has since shrunk, is the last page.
    expect((await people('?page=999')).window).toMatchObject({ page: 3, first: 101 })
  })

  it('searches names and emails, ignoring case, taking % and _ literally', async () => {
    expect(names(await people('?q=bulk+person+00'))).toEqual(
      ['001', '002', '003', '004', '005', '007', '008', '009'].map((n) => `Bulk Person ${n}`),
    )
    const byEmail = await people('?q=MANAGER2%40EXAMPLE')
    expect(names(byEmail)).toEqual(['Noah Patel'])
    expect(byEmail.filtered).toBe(true)
    expect((await people('?q=%25')).people).toEqual([])
    expect((await people('?q=bulk_')).people).toEqual([])
  })

  it('filters by team, role and status, together', async () => {
    const frontDeskManagers = await people(`?team=${teamIds.frontDesk}&role=manager`)
    expect(frontDeskManagers.people.every((p) => p.teamName === 'Front Desk' && p.role === 'manager')).toBe(true)
    expect(names(frontDeskManagers)).toEqual([
      'Bulk Person 011',
      'Bulk Person 041',
      'Bulk Person 071',
      'Bulk Person 101',
      'Mia Chen',
    ])

    const noTeam = await people('?team=none&status=all&q=bulk')
    expect(noTeam.window.total).toBe(BULK / 3)
    expect(noTeam.people.every((p) => p.teamName === null)).toBe(true)

    const gone = await people('?status=deactivated')
    expect(names(gone)).toEqual(
      ['006', '018', '030', '042', '054', '066', '078', '090', '102', '114'].map((n) => `Bulk Person ${n}`),
    )
    expect((await people('?status=all')).window.total).toBe(11 + BULK)
  })

  it('sorts by email, role, team, hire date and date added, either way, blanks last', async () => {
    const byEmailDesc = await people('?sort=email&dir=desc&q=bulk')
    expect(byEmailDesc.people[0]?.email).toBe('bulk120@generated.test')

    const hired = await people('?sort=hired&status=all')
    // Newest first by default, and people without a hire date after everyone with one.
    const dates = hired.people.map((p) => p.hiredAt)
    expect(dates.every((d) => d !== null)).toBe(true)
    expect(dates).toEqual([...dates].sort().reverse())
    const oldestLast = (await people('?sort=hired&dir=asc&status=all&page=3')).people.map((p) => p.hiredAt)
    expect(oldestLast.at(-1)).toBeNull()

    const byTeam = await people('?sort=team&dir=desc')
    expect(byTeam.people[0]?.teamName).toBe('Front Desk')
    const byTeamLast = await people('?sort=team&page=3')
    expect(byTeamLast.people.at(-1)?.teamName).toBeNull()

    const byRole = await people('?sort=role')
    expect(byRole.people[0]?.role).toBe('admin')
    expect((await people('?sort=created&dir=asc')).people[0]?.name).toBe('Amira Haddad')
  })

  it('ignores filters the form could not have sent, rather than failing', async () => {
    const plain = await people('')
    for (const search of [
      '?team=abc',
      '?team=00000000-0000-4000-8000-00000000000%27',
      '?role=owner',
      '?status=everyone',
      '?sort=password_hash',
      '?dir=sideways',
      '?page=-1',
      '?page=1e9',
      '?page=abc',
      '?q=%00%01',
      '?q=',
    ])
      expect(names(await people(search)), search).toEqual(names(plain))
    // A team from elsewhere simply matches no one.
    expect((await people('?team=00000000-0000-4000-8000-000000000000')).people).toEqual([])
    expect((await people(`?q=${'x'.repeat(5000)}`)).people).toEqual([])
  })
})

interface AuditBody {
  entries: {
    action: string
    actorId: string | null
    actorName: string | null
    targetType: string
    targetId: string | null
    subjectName: string | null
    details: Record<string, unknown>
  }[]
  names: Record<string, string>
  window: PageWindow
}

async function audit(search: string) {
  const response = await respond(() =>
    auditLoader({ request: getRequest(`/admin/audit${search}`, admin), params: {}, context: testContext() }),
  )
  expect(response.status, search).toBe(200)
  return jsonOf<AuditBody>(response)
}

describe('the audit log', () => {
  beforeAll(async () => {
    const [elif] = await db().select().from(users).where(eq(users.email, 'elif@example.com'))
    const edit = (fields: Record<string, string>) =>
      respond(() =>
        editUserAction({
          request: formRequest(`/admin/users/${elif!.id}`, fields, admin),
          params: { userId: elif!.id },
          context: testContext(),
        }),
      )
    await edit({
      intent: 'save',
      name: elif!.name,
      role: 'learner',
      teamId: teamIds.frontDesk,
      managerId: elif!.managerId ?? '',
      hiredAt: elif!.hiredAt ?? '',
    })
    await edit({ intent: 'deactivate', confirm: 'yes' })
    // Older entries by someone else, enough for a second page.
    const [org] = await db().select().from(organisations)
    const [mia] = await db().select().from(users).where(eq(users.email, 'manager@example.com'))
    await db()
      .insert(auditLog)
      .values(
        Array.from({ length: 55 }, (_, i) => ({
          organisationId: org!.id,
          actorId: mia!.id,
          action: 'team_assignment.stopped',
          targetType: 'team',
          targetId: teamIds.care,
          details: { teamAssignmentId: '00000000-0000-4000-8000-000000000000' },
          at: new Date(Date.UTC(2026, 0, 1, 0, i)),
        })),
      )
  })

  it('names the actor and the subject of each entry, and the teams its details refer to', async () => {
    const { entries, names, window } = await audit('')
    expect(window).toMatchObject({ total: 57, pageCount: 2, first: 1, last: 50 })
    const [deactivated, edited] = entries
    const [admin] = await db().select().from(users).where(eq(users.email, 'admin@example.com'))
    expect(deactivated).toMatchObject({
      action: 'user.deactivated',
      actorId: admin!.id,
      actorName: 'Amira Haddad',
      targetType: 'user',
      subjectName: 'Elif Demir',
    })
    expect(edited).toMatchObject({
      action: 'user.updated',
      details: { teamId: { from: teamIds.care, to: teamIds.frontDesk } },
    })
    expect(names[teamIds.care]).toBe('Customer Care')
    expect(names[teamIds.frontDesk]).toBe('Front Desk')
    expect(entries[2]).toMatchObject({ actorName: 'Mia Chen', targetType: 'team', subjectName: 'Customer Care' })
    expect((await audit('?page=2')).entries).toHaveLength(7)
  })

  it('filters by a person who made the change or whom it was about, and by kind', async () => {
    const aboutElif = await audit('?person=ELIF')
    expect(aboutElif.entries.map((e) => e.action)).toEqual(['user.deactivated', 'user.updated'])
    const byMia = await audit('?person=manager%40example.com')
    expect(byMia.window.total).toBe(55)
    expect(byMia.entries.every((e) => e.actorName === 'Mia Chen')).toBe(true)
    expect((await audit('?kind=user.deactivated')).entries.map((e) => e.subjectName)).toEqual(['Elif Demir'])
    expect((await audit('?kind=user.deactivated&person=mia')).entries).toEqual([])
    expect((await audit('?person=nobody-at-all')).window.total).toBe(0)
  })

  it('shows an entry whose subject id is not an id as about no one, without failing', async () => {
    const [org] = await db().select().from(organisations)
    await db().insert(auditLog).values({
      organisationId: org!.id,
      actorId: null,
      action: 'user.updated',
      targetType: 'user',
      targetId: 'legacy-7',
    })
    const [entry] = (await audit('?kind=user.updated')).entries
    expect(entry).toMatchObject({ targetId: 'legacy-7', subjectName: null, actorName: null })
    await db().delete(auditLog).where(eq(auditLog.targetId, 'legacy-7'))
  })

  it('ignores a kind no entry can have, and survives odd input', async () => {
    const all = (await audit('')).window.total
    for (const search of ['?kind=drop+table', '?kind=constructor', '?page=0', '?person=%00', '?person=%25'])
      expect((await audit(search)).window.total, search).toBe(search === '?person=%25' ? 0 : all)
  })
})
