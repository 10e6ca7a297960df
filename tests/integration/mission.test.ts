import { desc, eq, sql } from 'drizzle-orm'
import { auditLog, missionStatementRevisions, organisations, users } from '#db/schema'
import { DEMO_MISSION, DEMO_ORGANISATION_SLUG, seedDemoOrganisation } from '#db/seed'
import { syncContent } from '~/content/sync.server'
import { action as missionAction, loader as missionLoader } from '~/routes/admin.mission'
import { loader as lessonLoader } from '~/routes/courses.$course.$lesson/route'
import { useTestDatabase } from '../support/database'
import { formRequest, getRequest, jsonOf, respond, sessionCookieFor, testContext } from '../support/requests'

const database = useTestDatabase()
const db = () => database.handle.db
let admin = ''
let learner = ''
let manager = ''
let trainer = ''
let adminId = ''
let otherOrgRevisionId = ''

interface MissionPage {
  current: string | null
  history: { id: string; text: string; createdAt: string; editorName: string | null }[]
}
interface ActionBody {
  errors: Record<string, string[]> | null
  outcome: 'saved' | 'restored' | 'unchanged' | null
}

beforeAll(async () => {
  await seedDemoOrganisation(db())
  await syncContent(db(), 'tests/fixtures/content')
  admin = await sessionCookieFor('admin@example.com')
  learner = await sessionCookieFor('learner@example.com')
  manager = await sessionCookieFor('manager@example.com')
  trainer = await sessionCookieFor('trainer@example.com')
  const [adminRow] = await db().select({ id: users.id }).from(users).where(eq(users.email, 'admin@example.com'))
  adminId = adminRow?.id ?? ''
  // A second organisation with history of its own, so restores across organisations can be tried.
  const [other] = await db()
    .insert(organisations)
    .values({ name: 'Elsewhere Ltd', slug: 'elsewhere', missionStatement: 'Elsewhere’s mission.' })
    .returning({ id: organisations.id })
  const [revision] = await db()
    .insert(missionStatementRevisions)
    .values({ organisationId: other?.id ?? '', text: 'Elsewhere’s older mission.' })
    .returning({ id: missionStatementRevisions.id })
  otherOrgRevisionId = revision?.id ?? ''
})

const openPage = (cookie = admin) =>
  respond(() => missionLoader({ request: getRequest('/admin/mission', cookie), params: {}, context: testContext() }))

const post = (fields: Record<string, string>, cookie = admin) =>
  respond(() =>
    missionAction({ request: formRequest('/admin/mission', fields, cookie), params: {}, context: testContext() }),
  )

const save = (text: string, cookie = admin) => post({ intent: 'save', text }, cookie)
const restore = (revisionId: string, cookie = admin) => post({ intent: 'restore', revisionId }, cookie)

async function demoMission() {
  const [org] = await db()
    .select({ text: organisations.missionStatement })
    .from(organisations)
    .where(eq(organisations.slug, DEMO_ORGANISATION_SLUG))
  return org?.text ?? null
}

async function snapshot() {
  const [revisions] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(missionStatementRevisions)
  const [audit] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
  const orgs = await db()
    .select({ slug: organisations.slug, text: organisations.missionStatement })
    .from(organisations)
    .orderBy(organisations.slug)
  return { revisions: revisions?.n, audit: audit?.n, orgs }
}

async function missionAudit() {
  return db().select().from(auditLog).where(eq(auditLog.action, 'mission.updated')).orderBy(desc(auditLog.at))
}

describe('mission statement page', () => {
  it('shows an admin the current statement, whose first version is already in the history', async () => {
    const response = await openPage()
    expect(response.status).toBe(200)
    const body = await jsonOf<MissionPage>(response)
    expect(body.current).toBe(DEMO_MISSION)
    expect(body.history.map((r) => r.text)).toEqual([DEMO_MISSION])
  })

  it('saves a new statement with a revision and an audit entry, in one go', async () => {
    const response = await save('  We greet every guest by name.\r\nWe follow up within a day.  ')
    expect(response.status).toBe(200)
    expect(await jsonOf<ActionBody>(response)).toEqual({ errors: null, outcome: 'saved' })
    const text = 'We greet every guest by name.\nWe follow up within a day.'
    expect(await demoMission()).toBe(text)

    const revisions = await db()
      .select()
      .from(missionStatementRevisions)
      .where(eq(missionStatementRevisions.text, text))
    expect(revisions).toHaveLength(1)
    expect(revisions[0]?.editedById).toBe(adminId)
    const [entry] = await missionAudit()
    expect(entry).toMatchObject({
      actorId: adminId,
      targetType: 'organisation',
      details: { revisionId: revisions[0]?.id },
    })
  })

  it('lists the history newest first with the editor’s name', async () => {
    expect((await save('Second version of our mission.')).status).toBe(200)
    const { current, history } = await jsonOf<MissionPage>(await openPage())
    expect(current).toBe('Second version of our mission.')
    expect(history.map((r) => r.text)).toEqual([
      'Second version of our mission.',
      'We greet every guest by name.\nWe follow up within a day.',
      DEMO_MISSION,
    ])
    expect(history.every((r) => r.editorName === 'Amira Haddad')).toBe(true)
    expect(new Date(history[0]?.createdAt ?? 0).getTime()).toBeGreaterThanOrEqual(
      new Date(history[1]?.createdAt ?? 0).getTime(),
    )
  })

  it('says so and writes nothing when the text is the current one', async () => {
    const before = await snapshot()
    const response = await save('  Second version of our mission.\n')
    expect(response.status).toBe(200)
    expect((await jsonOf<ActionBody>(response)).outcome).toBe('unchanged')
    expect(await snapshot()).toEqual(before)
  })

  it('refuses empty, blank, missing and too-long text with a readable message, and changes nothing', async () => {
    const before = await snapshot()
    const cases: [Record<string, string>, RegExp][] = [
      [{ intent: 'save', text: '' }, /Enter the mission statement/],
      [{ intent: 'save', text: ' \n\t ' }, /Enter the mission statement/],
      [{ intent: 'save' }, /Enter the mission statement/],
      [{ intent: 'save', text: 'x'.repeat(1001) }, /at most 1000 characters/],
    ]
    for (const [fields, message] of cases) {
      const response = await post(fields)
      expect(response.status).toBe(400)
      const body = await jsonOf<ActionBody>(response)
      expect(body.outcome).toBeNull()
      expect(body.errors?.text?.[0]).toMatch(message)
    }
    expect(await snapshot()).toEqual(before)
  })

  it('counts a line break as one character, so a full textarea is accepted', async () => {
    const text = `${'a'.repeat(499)}\n${'b'.repeat(500)}`
    const response = await save(text.replace('\n', '\r\n'))
    expect(response.status).toBe(200)
    expect(await demoMission()).toBe(text)
  })

  it('answers 400 to an unknown intent and writes nothing', async () => {
    const before = await snapshot()
    const response = await post({ intent: 'publish', text: 'Sneaky' })
    expect(response.status).toBe(400)
    expect((await jsonOf<ActionBody>(response)).errors?.form?.[0]).toMatch(/Unknown action/)
    expect(await snapshot()).toEqual(before)
  })
})

describe('who may edit the mission statement', () => {
  it('answers 403 to a learner, a manager and a trainer, on the page and the form, and nothing changes', async () => {
    const before = await snapshot()
    const [someRevision] = await db()
      .select({ id: missionStatementRevisions.id })
      .from(missionStatementRevisions)
      .limit(1)
    for (const cookie of [learner, manager, trainer]) {
      expect((await openPage(cookie)).status).toBe(403)
      expect((await save('Taken over', cookie)).status).toBe(403)
      expect((await restore(someRevision?.id ?? '', cookie)).status).toBe(403)
    }
    expect(await snapshot()).toEqual(before)
  })

  it('sends a signed-out visitor to sign in', async () => {
    const response = await save('Anonymous edit', '')
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toMatch(/^\/login\?redirectTo=/)
  })
})

describe('restoring a revision', () => {
  it('makes the older text current again as a new revision, with an audit entry', async () => {
    const { history: before } = await jsonOf<MissionPage>(await openPage())
    const older = before.find((r) => r.text === 'Second version of our mission.')
    if (!older) throw new Error('expected the second version in the history')

    const response = await restore(older.id)
    expect(response.status).toBe(200)
    expect((await jsonOf<ActionBody>(response)).outcome).toBe('restored')
    expect(await demoMission()).toBe(older.text)

    const { history: after } = await jsonOf<MissionPage>(await openPage())
    expect(after).toHaveLength(before.length + 1)
    expect(after[0]).toMatchObject({ text: older.text, editorName: 'Amira Haddad' })
    expect(after[0]?.id).not.toBe(older.id)
    expect(after.slice(1)).toEqual(before)
    const [entry] = await missionAudit()
    expect(entry?.details).toEqual({ revisionId: after[0]?.id, restoredFrom: older.id })
  })

  it('changes nothing when the revision’s text is already current', async () => {
    const before = await snapshot()
    const { history } = await jsonOf<MissionPage>(await openPage())
    const response = await restore(history[0]?.id ?? '')
    expect(response.status).toBe(200)
    expect((await jsonOf<ActionBody>(response)).outcome).toBe('unchanged')
    expect(await snapshot()).toEqual(before)
  })

  it('answers 400 to a malformed id and 404 to an unknown or another organisation’s revision, writing nothing', async () => {
    const before = await snapshot()
    const malformed = await restore('not-a-uuid')
    expect(malformed.status).toBe(400)
    expect((await jsonOf<ActionBody>(malformed)).errors?.revisionId?.[0]).toMatch(/Choose a revision/)
    expect((await post({ intent: 'restore' })).status).toBe(400)
    expect((await restore('00000000-0000-4000-8000-000000000000')).status).toBe(404)
    expect((await restore(otherOrgRevisionId)).status).toBe(404)
    expect(await snapshot()).toEqual(before)
    const [other] = await db().select().from(organisations).where(eq(organisations.slug, 'elsewhere'))
    expect(other?.missionStatement).toBe('Elsewhere’s mission.')
  })
})

describe('lessons quote the saved statement', () => {
  it('gives a lesson using <MissionStatement /> the newly saved text', async () => {
    const text = 'Every guest leaves knowing what happens next.'
    expect((await save(text)).status).toBe(200)
    const page = await jsonOf<{ body: unknown[]; organisation: { missionStatement: string | null } }>(
      await respond(() =>
        lessonLoader({
          request: getRequest('/courses/demo-course/welcome', learner),
          params: { course: 'demo-course', lesson: 'welcome' },
          context: testContext(),
        }),
      ),
    )
    expect(JSON.stringify(page.body)).toContain('"tag":"MissionStatement"')
    expect(page.organisation.missionStatement).toBe(text)
  })
})
