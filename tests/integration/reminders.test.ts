import { eq, sql } from 'drizzle-orm'
import { type DatabaseHandle, type Db, openDatabase } from '#db/client'
import { assignments, courses, lessons, organisations, outboxMessages, users } from '#db/schema'
import { seedDemoOrganisation } from '#db/seed'
import { syncContent } from '~/content/sync.server'
import { isoDate as isoDateUTC } from '~/domain/calendar'
import { addDays } from '~/domain/calendar'
import { type MailTransport, deliverOutbox, listOutbox, queueReminders } from '~/models/outbox.server'
import { runReminderRound, startReminderWorker } from '~/reminders/worker.server'
import { action as outboxAction, loader as outboxLoader } from '~/routes/admin.outbox'
import { useTestDatabase } from '../support/database'
import { databaseUrlFor } from '../support/postgres-admin'
import { formRequest, getRequest, jsonOf, respond, sessionCookieFor, testContext } from '../support/requests'

const database = useTestDatabase()
const db = () => database.handle.db

const NOW = new Date('2026-03-10T09:00:00Z')
const FROM = 'Servewell <no-reply@servewell.local>'
let organisationId = ''
let courseId = ''
const lessonIds = new Map<string, string>()

beforeAll(async () => {
  ;({ organisationId } = await seedDemoOrganisation(db()))
  await syncContent(db(), 'tests/fixtures/content')
  const [course] = await db().select().from(courses).where(eq(courses.slug, 'demo-course'))
  if (!course) throw new Error('demo-course was not synced')
  courseId = course.id
  for (const l of await db().select().from(lessons).where(eq(lessons.courseId, courseId))) lessonIds.set(l.slug, l.id)
})

// Queueing looks at every organisation, so each test starts from no assignments and no messages.
beforeEach(async () => {
  await db().delete(outboxMessages)
  await db().delete(assignments)
})

async function userId(email: string) {
  const [row] = await db().select({ id: users.id }).from(users).where(eq(users.email, email))
  if (!row) throw new Error(email)
  return row.id
}

async function assign(
  email: string,
  fields: { dueDate: string | null; lesson?: string; completedAt?: Date; organisation?: string },
) {
  const [row] = await db()
    .insert(assignments)
    .values({
      organisationId: fields.organisation ?? organisationId,
      userId: await userId(email),
      courseId,
      lessonId: fields.lesson ? lessonIds.get(fields.lesson) : null,
      dueDate: fields.dueDate,
      completedAt: fields.completedAt ?? null,
      source: 'direct',
    })
    .returning({ id: assignments.id })
  if (!row) throw new Error('insert failed')
  return row.id
}

const messages = () => db().select().from(outboxMessages).orderBy(outboxMessages.toEmail, outboxMessages.kind)

/** Records what it sent; optionally fails for some recipients, or slowly, to widen race windows. */
function fakeTransport(options: { failFor?: (to: string) => boolean; delayMs?: number } = {}) {
  const sent: { to: string; subject: string; text: string; from: string }[] = []
  const transport: MailTransport = {
    sendMail: async (message) => {
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs))
      if (options.failFor?.(message.to)) throw new Error(`550 mailbox unavailable: ${message.to}`)
      sent.push(message)
    },
  }
  return { transport, sent }
}

/** More connections to this test's database, so concurrent calls really run side by side. */
async function otherConnections(count: number): Promise<{ dbs: Db[]; close: () => Promise<void> }> {
  const url = process.env.DATABASE_URL
  if (!url) return { dbs: Array.from({ length: count }, () => db()), close: async () => {} }
  const result = await db().execute(sql`select current_database() as name`)
  const name = (result as unknown as { name: string }[])[0]?.name ?? ''
  const handles = await Promise.all(
    Array.from({ length: count }, () =>
      openDatabase({ kind: 'postgres', url: databaseUrlFor(url, name), maxConnections: 1 }),
    ),
  )
  return { dbs: handles.map((h) => h.db), close: async () => void (await Promise.all(handles.map((h) => h.close()))) }
}

/** Many people with work due tomorrow; over 4000 of them span more than one queueing page. */
async function manyDueSoon(count: number) {
  const label = crypto.randomUUID().slice(0, 8)
  const people = await db()
    .insert(users)
    .values(
      Array.from({ length: count }, (_, i) => ({
        organisationId,
        email: `bulk-${label}-${i}@example.com`,
        name: `Bulk Person${i}`,
        passwordHash: 'unused',
      })),
    )
    .returning({ id: users.id })
  await db()
    .insert(assignments)
    .values(
      people.map((p) => ({ organisationId, userId: p.id, courseId, dueDate: '2026-03-11', source: 'direct' as const })),
    )
}

describe('queueing reminders', () => {
  it('queues exactly one message for work due soon and one for overdue work, and nothing else', async () => {
    const dueSoon = await assign('learner@example.com', { dueDate: '2026-03-12', lesson: 'promises' })
    const overdue = await assign('omar@example.com', { dueDate: '2026-03-09' })
    await assign('grace@example.com', { dueDate: '2026-03-14' })
    await assign('jonas@example.com', { dueDate: null })

    expect(await queueReminders(db(), NOW, { appUrl: 'https://learn.example.com' })).toBe(2)
    const rows = await messages()
    expect(rows.map((m) => [m.assignmentId, m.kind, m.toEmail])).toEqual([
      [dueSoon, 'due_soon', 'learner@example.com'],
      [overdue, 'overdue', 'omar@example.com'],
    ])
    const [lena, omar] = rows
    expect(lena).toMatchObject({
      organisationId,
      recipientId: await userId('learner@example.com'),
      sentAt: null,
      tries: 0,
    })
    expect(lena?.subject).toBe('Due in 2 days: Promises')
    expect(lena?.body).toMatch(/^Hi Lena,/)
    expect(lena?.body).toContain('“Promises” (a lesson in Demo Course) is due in 2 days, Thursday, 12 March 2026.')
    expect(lena?.body).toContain('https://learn.example.com/courses/demo-course/promises')
    expect(omar?.subject).toBe('Overdue: Demo Course')
    expect(omar?.body).toContain('https://learn.example.com/courses/demo-course\n')
  })

  it('queues nothing more when run again, or by several servers at once', async () => {
    await assign('learner@example.com', { dueDate: '2026-03-10' })
    await assign('omar@example.com', { dueDate: '2026-02-01' })
    await manyDueSoon(4100)
    expect(await queueReminders(db(), NOW)).toBe(4102)
    expect(await queueReminders(db(), NOW)).toBe(0)

    await db().delete(outboxMessages)
    const { dbs, close } = await otherConnections(3)
    try {
      const counts = await Promise.all(dbs.map((d) => queueReminders(d, NOW)))
      expect(counts.reduce((a, b) => a + b, 0)).toBe(4102)
    } finally {
      await close()
    }
    const [dupes] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(
        db()
          .select({ id: outboxMessages.assignmentId })
          .from(outboxMessages)
          .groupBy(outboxMessages.assignmentId, outboxMessages.kind)
          .having(sql`count(*) > 1`)
          .as('dupes'),
      )
    expect(dupes?.n).toBe(0)
    expect(await db().$count(outboxMessages)).toBe(4102)
  })

  it('adds an overdue reminder once due-soon work passes its date, and only overdue if due-soon was missed', async () => {
    const lena = await assign('learner@example.com', { dueDate: '2026-03-12' })
    expect(await queueReminders(db(), NOW)).toBe(1)
    const missed = await assign('omar@example.com', { dueDate: '2026-03-12' })

    const later = new Date('2026-03-13T06:00:00Z')
    expect(await queueReminders(db(), later)).toBe(2)
    expect(await queueReminders(db(), later)).toBe(0)
    const kinds = async (id: string) =>
      (await db().select().from(outboxMessages).where(eq(outboxMessages.assignmentId, id))).map((m) => m.kind).sort()
    expect(await kinds(lena)).toEqual(['due_soon', 'overdue'])
    expect(await kinds(missed)).toEqual(['overdue'])
  })

  it('sends nothing for completed work or to deactivated people', async () => {
    await assign('grace@example.com', { dueDate: '2026-03-09', completedAt: new Date('2026-03-08T10:00:00Z') })
    await assign('sam@example.com', { dueDate: '2026-03-11', completedAt: new Date('2026-03-09T10:00:00Z') })
    await assign('elif@example.com', { dueDate: '2026-03-09' })
    await db().update(users).set({ deactivatedAt: NOW }).where(eq(users.email, 'elif@example.com'))
    try {
      expect(await queueReminders(db(), NOW)).toBe(0)
      expect(await messages()).toHaveLength(0)
    } finally {
      await db().update(users).set({ deactivatedAt: null }).where(eq(users.email, 'elif@example.com'))
    }
  })
})

describe('delivering the outbox', () => {
  it('sends each message once and marks it sent; a second delivery sends nothing', async () => {
    await assign('learner@example.com', { dueDate: '2026-03-11', lesson: 'welcome' })
    await assign('omar@example.com', { dueDate: '2026-03-01' })
    await queueReminders(db(), NOW)
    const { transport, sent } = fakeTransport()

    expect(await deliverOutbox(db(), transport, { from: FROM })).toEqual({ sent: 2, failed: 0 })
    expect(sent.map((m) => m.to).sort()).toEqual(['learner@example.com', 'omar@example.com'])
    expect(sent.every((m) => m.from === FROM)).toBe(true)
    expect(sent.find((m) => m.to === 'learner@example.com')?.subject).toBe('Due tomorrow: Welcome')
    for (const m of await messages()) expect(m).toMatchObject({ sentAt: expect.any(Date), tries: 1, lastError: null })

    expect(await deliverOutbox(db(), transport, { from: FROM })).toEqual({ sent: 0, failed: 0 })
    expect(sent).toHaveLength(2)
  })

  it('never sends a message twice when several servers deliver at once', async () => {
    await manyDueSoon(120)
    await queueReminders(db(), NOW)
    const { transport, sent } = fakeTransport({ delayMs: 1 })
    const { dbs, close } = await otherConnections(3)
    try {
      const results = await Promise.all(dbs.map((d) => deliverOutbox(d, transport, { from: FROM, batchSize: 10 })))
      expect(results.reduce((n, r) => n + r.sent, 0)).toBe(120)
    } finally {
      await close()
    }
    expect(new Set(sent.map((m) => m.to)).size).toBe(120)
    expect(sent).toHaveLength(120)
  })

  it('records a failure and retries later, up to five tries, without holding up the others', async () => {
    await assign('learner@example.com', { dueDate: '2026-03-11' })
    await assign('omar@example.com', { dueDate: '2026-03-11' })
    await queueReminders(db(), NOW)
    const failing = fakeTransport({ failFor: (to) => to === 'omar@example.com' })

    expect(await deliverOutbox(db(), failing.transport, { from: FROM })).toEqual({ sent: 1, failed: 1 })
    const omar = async () =>
      (await db().select().from(outboxMessages).where(eq(outboxMessages.toEmail, 'omar@example.com')))[0]
    expect(await omar()).toMatchObject({
      sentAt: null,
      tries: 1,
      lastError: '550 mailbox unavailable: omar@example.com',
    })

    const working = fakeTransport()
    expect(await deliverOutbox(db(), working.transport, { from: FROM })).toEqual({ sent: 1, failed: 0 })
    expect(working.sent.map((m) => m.to)).toEqual(['omar@example.com'])
    expect(await omar()).toMatchObject({ sentAt: expect.any(Date), tries: 2, lastError: null })
  })

  it('gives up after five failed tries', async () => {
    await assign('omar@example.com', { dueDate: '2026-03-11' })
    await queueReminders(db(), NOW)
    const failing = fakeTransport({ failFor: () => true })
    for (let i = 0; i < 5; i++)
      expect(await deliverOutbox(db(), failing.transport, { from: FROM })).toEqual({ sent: 0, failed: 1 })
    const working = fakeTransport()
    expect(await deliverOutbox(db(), working.transport, { from: FROM })).toEqual({ sent: 0, failed: 0 })
    expect((await messages())[0]).toMatchObject({ sentAt: null, tries: 5 })
  })

  it('withdraws a waiting reminder once the work is completed, unassigned or the person deactivated', async () => {
    const done = await assign('learner@example.com', { dueDate: '2026-03-11' })
    const dropped = await assign('omar@example.com', { dueDate: '2026-03-11' })
    await assign('grace@example.com', { dueDate: '2026-03-11' })
    await assign('jonas@example.com', { dueDate: '2026-03-11' })
    await queueReminders(db(), NOW)
    await db().update(assignments).set({ completedAt: new Date() }).where(eq(assignments.id, done))
    await db().delete(assignments).where(eq(assignments.id, dropped))
    await db().update(users).set({ deactivatedAt: new Date() }).where(eq(users.email, 'grace@example.com'))
    const { transport, sent } = fakeTransport()
    expect(await deliverOutbox(db(), transport, { from: FROM })).toEqual({ sent: 1, failed: 0 })
    expect(sent.map((m) => m.to)).toEqual(['jonas@example.com'])
    const statuses = (await listOutbox(organisationId)).map((m) => [m.toEmail, m.status]).sort()
    expect(statuses).toEqual([
      ['grace@example.com', 'withdrawn'],
      ['jonas@example.com', 'sent'],
      ['learner@example.com', 'withdrawn'],
      ['omar@example.com', 'withdrawn'],
    ])
    await db().update(users).set({ deactivatedAt: null }).where(eq(users.email, 'grace@example.com'))
  })

  it('leaves everything queued when no SMTP is configured', async () => {
    await assign('learner@example.com', { dueDate: '2026-03-11' })
    await queueReminders(db(), NOW)
    expect(await deliverOutbox(db(), null, { from: FROM })).toEqual({ sent: 0, failed: 0 })
    expect((await messages())[0]).toMatchObject({ sentAt: null, tries: 0 })
  })
})

/** A transport whose first send waits until released: a round caught mid-send. */
function blockingTransport() {
  let release = () => {}
  const released = new Promise<void>((r) => (release = r))
  let started = () => {}
  const sending = new Promise<void>((r) => (started = r))
  const transport: MailTransport = {
    sendMail: async () => {
      started()
      await released
    },
  }
  return { transport, sending, release }
}

describe('reminder rounds and the worker', () => {
  it('runs a round at start: queues, sends, and stops cleanly', async () => {
    await assign('learner@example.com', { dueDate: '2026-03-11' })
    const { transport, sent } = fakeTransport()
    const log = { log: vi.fn(), error: vi.fn() }
    const worker = startReminderWorker({
      getDatabase: () => database.handle,
      intervalMs: 60_000,
      now: () => NOW,
      transport,
      from: FROM,
      log,
    })
    await vi.waitFor(() => expect(sent).toHaveLength(1))
    await worker.stop()
    expect(log.log).toHaveBeenCalledWith('Reminders: 1 queued, 1 sent, 0 failed to send.')
    expect(log.error).not.toHaveBeenCalled()
  })

  it('logs an error instead of crashing, and keeps going', async () => {
    const log = { log: vi.fn(), error: vi.fn() }
    const getDatabase = vi.fn<() => DatabaseHandle>(() => {
      throw new Error('The database is not open')
    })
    const worker = startReminderWorker({ getDatabase, intervalMs: 5, transport: null, from: FROM, log })
    await vi.waitFor(() => expect(getDatabase.mock.calls.length).toBeGreaterThanOrEqual(2))
    await worker.stop()
    expect(log.error).toHaveBeenCalledWith('Reminder round failed:', expect.any(Error))
  })

  it('skips a round while another one runs, and the database keeps answering meanwhile', async () => {
    await assign('learner@example.com', { dueDate: '2026-03-11' })
    const blocked = blockingTransport()
    const first = runReminderRound(database.handle, { now: NOW, transport: blocked.transport, from: FROM })
    await blocked.sending
    // On the embedded database an open transaction would hold up every other query until SMTP answered.
    expect(await db().$count(users)).toBeGreaterThan(0)
    expect(await runReminderRound(database.handle, { now: NOW, transport: null, from: FROM })).toEqual({ ran: false })
    blocked.release()
    expect(await first).toEqual({ ran: true, queued: 1, sent: 1, failed: 0 })
    expect(await runReminderRound(database.handle, { now: NOW, transport: null, from: FROM })).toEqual({
      ran: true,
      queued: 0,
      sent: 0,
      failed: 0,
    })
  })

  it('stops sending when stopped mid-round, and records what was sent', async () => {
    await manyDueSoon(30)
    let sent = 0
    const abort = new AbortController()
    const transport: MailTransport = {
      sendMail: async () => {
        if (++sent === 3) abort.abort()
      },
    }
    const result = await runReminderRound(database.handle, { now: NOW, transport, from: FROM, signal: abort.signal })
    expect(result).toEqual({ ran: true, queued: 30, sent: 3, failed: 0 })
    expect(await db().$count(outboxMessages, sql`${outboxMessages.sentAt} is not null`)).toBe(3)
  })

  it('gives up on a round after several failures in a row, leaving the rest queued', async () => {
    await manyDueSoon(12)
    await queueReminders(db(), NOW)
    const down = fakeTransport({ failFor: () => true })
    expect(await deliverOutbox(db(), down.transport, { from: FROM })).toEqual({ sent: 0, failed: 5 })
    expect(await db().$count(outboxMessages, sql`${outboxMessages.tries} = 0`)).toBe(7)
  })
})

describe('admin outbox page', () => {
  let admin = ''
  let otherOrganisation = ''
  beforeAll(async () => {
    admin = await sessionCookieFor('admin@example.com')
    const [org] = await db().insert(organisations).values({ name: 'Elsewhere Ltd', slug: 'elsewhere' }).returning()
    otherOrganisation = org?.id ?? ''
    await db().insert(users).values({
      organisationId: otherOrganisation,
      email: 'outsider@elsewhere.example',
      name: 'Olga Outsider',
      passwordHash: 'unused',
    })
  })

  const load = (cookie: string) =>
    respond(() => outboxLoader({ request: getRequest('/admin/outbox', cookie), params: {}, context: testContext() }))
  const post = (cookie: string, fields: Record<string, string>) =>
    respond(() =>
      outboxAction({ request: formRequest('/admin/outbox', fields, cookie), params: {}, context: testContext() }),
    )

  interface OutboxPage {
    smtpConfigured: boolean
    messages: { toEmail: string; recipientName: string; subject: string; body: string; kind: string; status: string }[]
  }

  it("lists the admin's organisation's messages only, with their status", async () => {
    await assign('learner@example.com', { dueDate: '2026-03-11' })
    await assign('outsider@elsewhere.example', { dueDate: '2026-03-11', organisation: otherOrganisation })
    await queueReminders(db(), NOW)
    expect(await db().$count(outboxMessages)).toBe(2)

    const response = await load(admin)
    expect(response.status).toBe(200)
    const page = await jsonOf<OutboxPage>(response)
    expect(page.smtpConfigured).toBe(false)
    expect(page.messages).toEqual([
      expect.objectContaining({
        toEmail: 'learner@example.com',
        recipientName: 'Lena Fischer',
        kind: 'due_soon',
        status: 'queued',
      }),
    ])
    expect(page.messages[0]?.body).toMatch(/^Hi Lena,/)
  })

  it('is closed to learners and managers', async () => {
    for (const email of ['learner@example.com', 'manager@example.com']) {
      const cookie = await sessionCookieFor(email)
      expect((await load(cookie)).status).toBe(403)
      expect((await post(cookie, { intent: 'run' })).status).toBe(403)
    }
    expect(await db().$count(outboxMessages)).toBe(0)
  })

  it('"Check reminders now" queues for the organisation right away and reports the count', async () => {
    // The action runs on the real clock.
    await assign('learner@example.com', { dueDate: addDays(isoDateUTC(new Date()), 1) })
    await assign('omar@example.com', { dueDate: '2020-01-01' })
    await assign('outsider@elsewhere.example', { dueDate: '2020-01-01', organisation: otherOrganisation })

    const first = await post(admin, { intent: 'run' })
    expect(first.status).toBe(200)
    expect(await jsonOf(first)).toEqual({ error: null, queued: 2, sent: 0, failed: 0 })
    expect(await jsonOf(await post(admin, { intent: 'run' }))).toMatchObject({ queued: 0 })
    expect((await messages()).map((m) => [m.toEmail, m.kind])).toEqual([
      ['learner@example.com', 'due_soon'],
      ['omar@example.com', 'overdue'],
    ])
  })

  it('answers 409 while a round is already running', async () => {
    await assign('learner@example.com', { dueDate: '2020-01-01' })
    const blocked = blockingTransport()
    const running = runReminderRound(database.handle, { now: NOW, transport: blocked.transport, from: FROM })
    await blocked.sending
    const busy = await post(admin, { intent: 'run' })
    expect(busy.status).toBe(409)
    expect(await jsonOf(busy)).toMatchObject({ error: expect.stringMatching(/right now/) })
    blocked.release()
    await running
  })

  it('answers 400 to an unknown or missing intent and changes nothing', async () => {
    await assign('learner@example.com', { dueDate: '2020-01-01' })
    expect((await post(admin, { intent: 'explode' })).status).toBe(400)
    expect((await post(admin, {})).status).toBe(400)
    expect(await db().$count(outboxMessages)).toBe(0)
  })
})
