import { eq } from 'drizzle-orm'
import { auditLog, organisations } from '#db/schema'
import { seedDemoOrganisation } from '#db/seed'
import { syncContent } from '~/content/sync.server'
import { todayIn } from '~/domain/calendar'
import { action as adminAction, loader as adminLoader } from '~/routes/admin._index'
import { loader as dashboardLoader } from '~/routes/team._index'
import { loader as rootLoader } from '~/root'
import { useTestDatabase } from '../support/database'
import { formRequest, getRequest, jsonOf, respond, sessionCookieFor, testContext } from '../support/requests'

// Kiritimati is UTC+14: for most of the UTC day it is already tomorrow there.
const FAR_EAST = 'Pacific/Kiritimati'
const database = useTestDatabase()
const db = () => database.handle.db
const cookies: Record<string, string> = {}

beforeAll(async () => {
  await seedDemoOrganisation(db())
  await syncContent(db(), 'tests/fixtures/content')
  for (const who of ['admin', 'manager']) cookies[who] = await sessionCookieFor(`${who}@example.com`)
})

const save = (cookie: string, timeZone: string) =>
  respond(() =>
    adminAction({
      request: formRequest('/admin', { intent: 'time-zone', timeZone }, cookie),
      params: {},
      context: testContext(),
    }),
  )
const rootData = async (cookie: string) =>
  jsonOf<{ timeZone: string }>(
    await respond(() => rootLoader({ request: getRequest('/team', cookie), params: {}, context: testContext() })),
  )

describe('the organisation’s time zone', () => {
  it('starts on the server’s, offers every zone, and refuses one that does not exist', async () => {
    const page = await jsonOf<{ timeZone: { chosen: string | null; server: string; zones: string[] } }>(
      await respond(() =>
        adminLoader({ request: getRequest('/admin', cookies.admin), params: {}, context: testContext() }),
      ),
    )
    expect(page.timeZone.chosen).toBeNull()
    expect(page.timeZone.zones).toEqual(expect.arrayContaining(['UTC', 'Europe/Berlin', FAR_EAST]))
    expect((await rootData(cookies.manager!)).timeZone).toBe(page.timeZone.server)
    expect((await save(cookies.admin!, 'Mars/Olympus_Mons')).status).toBe(400)
    expect((await save(cookies.manager!, FAR_EAST)).status).toBe(403)
    const [org] = await db().select({ timeZone: organisations.timeZone }).from(organisations).limit(1)
    expect(org?.timeZone).toBeNull()
  })

  it('once chosen, sets every page’s clock and what “today” is for due dates, and is audited', async () => {
    expect((await save(cookies.admin!, FAR_EAST)).status).toBe(302)
    expect((await rootData(cookies.manager!)).timeZone).toBe(FAR_EAST)
    const dashboard = await jsonOf<{ today: string }>(
      await respond(() =>
        dashboardLoader({ request: getRequest('/team', cookies.manager), params: {}, context: testContext() }),
      ),
    )
    expect(dashboard.today).toBe(todayIn(FAR_EAST))
    const audited = await db().select().from(auditLog).where(eq(auditLog.action, 'organisation.time-zone'))
    expect(audited).toEqual([expect.objectContaining({ details: { timeZone: FAR_EAST } })])
    // Back to the server's.
    expect((await save(cookies.admin!, '')).status).toBe(302)
    const [org] = await db().select({ timeZone: organisations.timeZone }).from(organisations).limit(1)
    expect(org?.timeZone).toBeNull()
  })
})
