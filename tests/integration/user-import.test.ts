import fs from 'node:fs'
import path from 'node:path'
import { eq, sql } from 'drizzle-orm'
import { assignments, auditLog, courses, onboardingPathItems, organisations, teams, users } from '#db/schema'
import { seedDemoOrganisation } from '#db/seed'
import { syncContent } from '~/content/sync.server'
import { addDays, isoDate } from '~/domain/calendar'
import type { ImportReport } from '~/domain/user-import'
import { action as importAction, loader as importLoader } from '~/routes/admin.users.import/route'
import { action as errorReportAction } from '~/routes/admin.users.import.problems[.]csv'
import { signIn } from '~/utils/auth.server'
import { copyContent } from '../support/content'
import { useTestDatabase } from '../support/database'
import { formRequest, getRequest, jsonOf, respond, sessionCookieFor, testContext } from '../support/requests'

const database = useTestDatabase()
const db = () => database.handle.db
let admin = ''

const HEADER = 'Name,Email,Role,Team,Manager email,Hire date'

beforeAll(async () => {
  await seedDemoOrganisation(db())
  const content = copyContent()
  const second = path.join(content.dir, 'courses', 'second-course')
  fs.cpSync(path.join(content.dir, 'courses', 'demo-course'), second, { recursive: true })
  const yml = path.join(second, 'course.yml')
  fs.writeFileSync(yml, fs.readFileSync(yml, 'utf8').replace('title: Demo Course', 'title: Second Course'))
  await syncContent(db(), content.dir)
  content.remove()

  const [org] = await db().select().from(organisations)
  const courseRows = await db().select().from(courses)
  const [frontDesk] = await db().select().from(teams).where(eq(teams.name, 'Front Desk'))
  const courseId = (title: string) => courseRows.find((c) => c.title === title)?.id ?? ''
  await db()
    .insert(onboardingPathItems)
    .values([
      { organisationId: org?.id ?? '', teamId: null, courseId: courseId('Demo Course'), dueDays: 14 },
      { organisationId: org?.id ?? '', teamId: frontDesk?.id ?? '', courseId: courseId('Second Course'), dueDays: 30 },
    ])
  admin = await sessionCookieFor('admin@example.com')
})

/** A multipart form, as the page's forms send it. */
function importRequest(fields: Record<string, string | File>, cookie = admin) {
  const body = new FormData()
  for (const [name, value] of Object.entries(fields)) body.append(name, value)
  return new Request('http://localhost/admin/users/import', { method: 'POST', headers: { Cookie: cookie }, body })
}

const submit = (fields: Record<string, string | File>, cookie = admin) =>
  respond(() => importAction({ request: importRequest(fields, cookie), params: {}, context: testContext() }))

const csvFile = (text: string, name = 'people.csv') => new File([text], name, { type: 'text/csv' })

interface PreviewBody {
  stage: 'preview'
  report: ImportReport
  csv: string | null
  readyLines: string
}
interface ImportedBody {
  stage: 'imported'
  people: { id: string; name: string; email: string; temporaryPassword: string }[]
}
interface ProblemBody {
  stage: 'problem'
  errors: string[]
}

async function snapshot() {
  const count = async (table: typeof users | typeof assignments | typeof auditLog) => {
    const [row] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(table)
    return row?.n
  }
  return { users: await count(users), assignments: await count(assignments), audit: await count(auditLog) }
}

const problemsByLine = (report: ImportReport) =>
  Object.fromEntries(
    report.rows.filter((r) => r.errors.length > 0).map((r) => [r.line, r.errors.map((e) => e.message)]),
  )

describe('who may import', () => {
  it('answers 403 to a learner and a manager, for the page, a preview and an import, and writes nothing', async () => {
    const before = await snapshot()
    const csv = `${HEADER}\nMallory,mallory@example.com,admin,,,\n`
    for (const email of ['learner@example.com', 'manager@example.com']) {
      const cookie = await sessionCookieFor(email)
      expect(
        (
          await respond(() =>
            importLoader({ request: getRequest('/admin/users/import', cookie), params: {}, context: testContext() }),
          )
        ).status,
      ).toBe(403)
      expect((await submit({ intent: 'preview', csv }, cookie)).status).toBe(403)
      expect((await submit({ intent: 'import', csv }, cookie)).status).toBe(403)
    }
    expect(await snapshot()).toEqual(before)
    expect(await db().select().from(users).where(eq(users.email, 'mallory@example.com'))).toHaveLength(0)
  })
})

describe('previewing a file', () => {
  it('lists each bad row with its line and reason, and writes nothing', async () => {
    const before = await snapshot()
    const csv = [
      HEADER,
      'Ada Okoye,ada@example.com,,Front Desk,manager@example.com,2026-03-02',
      'No Email,,learner,,,',
      'Bad Team,badteam@example.com,,Night Shift,,',
      'Bad Manager,badmgr@example.com,,,grace@example.com,',
      'Bad Date,baddate@example.com,,,,02/03/2026',
      'Bad Role,badrole@example.com,owner,,,',
      'Cy Park,cy@example.com,trainer,,,',
    ].join('\n')
    const response = await submit({ intent: 'preview', file: csvFile(csv) })
    expect(response.status).toBe(200)
    const body = await jsonOf<PreviewBody>(response)
    expect(body.stage).toBe('preview')
    expect(body.report.summary).toEqual({ ready: 2, withErrors: 5, canImport: false })
    // Sent back for the error report and for importing the ready rows.
    expect(body.csv).toBe(csv)
    expect(body.readyLines).toBe('2,8')
    expect(problemsByLine(body.report)).toEqual({
      3: ['Enter an email address.'],
      4: [expect.stringMatching(/no team called "Night Shift"/)],
      5: [expect.stringMatching(/No active manager or admin has the email grace@example.com/)],
      6: ['Enter a date as YYYY-MM-DD.'],
      7: [expect.stringMatching(/Use one of learner, manager, trainer, admin/)],
    })
    expect(await snapshot()).toEqual(before)
  })

  it('makes emails already in use (in any case) and emails repeated in the file row errors', async () => {
    const csv = [
      HEADER,
      'Copy,LEARNER@Example.com,,,,',
      'Twin One,twin@example.com,,,,',
      'Fresh,fresh@example.com,,,,',
      'Twin Two,Twin@Example.com,,,,',
    ].join('\r\n')
    const body = await jsonOf<PreviewBody>(await submit({ intent: 'preview', csv }))
    expect(problemsByLine(body.report)).toEqual({
      2: ['Someone already uses this email address.'],
      3: ['This email appears more than once in the file (lines 3, 5).'],
      5: ['This email appears more than once in the file (lines 3, 5).'],
    })
  })

  it('reports problems with the file as a whole', async () => {
    const missing = await jsonOf<PreviewBody>(await submit({ intent: 'preview', csv: 'name,team\nAda,Front Desk\n' }))
    expect(missing.report.fileErrors).toEqual([expect.stringMatching(/no email column/)])
    const broken = await jsonOf<PreviewBody>(
      await submit({ intent: 'preview', csv: `${HEADER}\n"Ada,ada@example.com,,,,\n` }),
    )
    expect(broken.report.fileErrors).toEqual([expect.stringMatching(/^Line 2: a quoted value is never closed/)])
  })

  it('says readably what is wrong with the submission itself', async () => {
    const cases: [Response, number, RegExp][] = [
      [await submit({ intent: 'preview', csv: '  ' }), 400, /Choose a CSV file or paste/],
      [await submit({ intent: 'preview', file: csvFile('') }), 400, /Choose a CSV file/],
      [
        await submit({ intent: 'preview', file: new File([new Uint8Array([0x6e, 0xe9, 0x0a])], 'latin1.csv') }),
        400,
        /not UTF-8/,
      ],
      [await submit({ intent: 'explode', csv: `${HEADER}\nA,a@example.com,,,,` }), 400, /Unknown action/],
      [
        await respond(() =>
          importAction({
            request: formRequest('/admin/users/import', { intent: 'preview', csv: 'x' }, admin),
            params: {},
            context: testContext(),
          }),
        ),
        400,
        /could not be read/,
      ],
    ]
    for (const [response, status, message] of cases) {
      expect(response.status).toBe(status)
      expect((await jsonOf<ProblemBody>(response)).errors).toEqual([expect.stringMatching(message)])
    }
  })

  it('refuses an upload over 1 MB with a readable message, and writes nothing', async () => {
    const before = await snapshot()
    const big = `${HEADER}\n${'Ada,ada@example.com,,,,\n'.repeat(45_000)}`
    expect(big.length).toBeGreaterThan(1_000_000)
    const submissions: Record<string, string | File>[] = [
      { intent: 'preview', file: csvFile(big) },
      { intent: 'import', csv: big },
    ]
    for (const fields of submissions) {
      const response = await submit(fields)
      expect(response.status).toBe(413)
      expect((await jsonOf<ProblemBody>(response)).errors).toEqual([expect.stringMatching(/larger than 1 MB/)])
    }
    expect(await snapshot()).toEqual(before)
  })
})

describe('importing', () => {
  it('refuses a file with any bad row with 400, listing the errors, and writes nothing', async () => {
    const before = await snapshot()
    const csv = [HEADER, 'Good One,good.one@example.com,,,,', 'Bad One,not-an-email,,,,'].join('\n')
    const response = await submit({ intent: 'import', csv })
    expect(response.status).toBe(400)
    const body = await jsonOf<PreviewBody>(response)
    expect(problemsByLine(body.report)).toEqual({ 3: [expect.stringMatching(/valid email address/)] })
    expect(await snapshot()).toEqual(before)
    expect(await db().select().from(users).where(eq(users.email, 'good.one@example.com'))).toHaveLength(0)
  })

  it('creates everyone with team, manager and hire date, gives each the onboarding path, and returns passwords that sign in', async () => {
    const before = await snapshot()
    const csv = [
      'name,email,role,team,manager_email,hire_date',
      // The report comes before their manager, who is in the same file.
      'Ravi Report,Ravi.Report@Example.com,,front desk,new.lead@example.com,2026-02-01',
      'Nadia Lead,new.lead@example.com,manager,Front Desk,admin@example.com,2026-01-15',
      'Carl Care,carl@example.com,learner,Customer Care,manager2@example.com,2026-03-10',
      'Una Undated,una@example.com,,,,',
    ].join('\n')
    const preview = await jsonOf<PreviewBody>(await submit({ intent: 'preview', file: csvFile(csv) }))
    expect(preview.report.summary).toEqual({ ready: 4, withErrors: 0, canImport: true })
    expect(preview.csv).toBe(csv)
    expect(await snapshot()).toEqual(before)

    const response = await submit({ intent: 'import', csv: preview.csv ?? '' })
    expect(response.status).toBe(200)
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    const body = await jsonOf<ImportedBody>(response)
    expect(body.stage).toBe('imported')
    expect(body.people.map((p) => p.email)).toEqual([
      'ravi.report@example.com',
      'new.lead@example.com',
      'carl@example.com',
      'una@example.com',
    ])

    const person = async (email: string) => {
      const [row] = await db()
        .select({
          id: users.id,
          role: users.role,
          team: teams.name,
          managerId: users.managerId,
          hiredAt: users.hiredAt,
          passwordHash: users.passwordHash,
        })
        .from(users)
        .leftJoin(teams, eq(teams.id, users.teamId))
        .where(eq(users.email, email))
      if (!row) throw new Error(email)
      return row
    }
    const lead = await person('new.lead@example.com')
    const adminRow = await person('admin@example.com')
    const manager2 = await person('manager2@example.com')
    expect(lead).toMatchObject({ role: 'manager', team: 'Front Desk', managerId: adminRow.id, hiredAt: '2026-01-15' })
    expect(await person('ravi.report@example.com')).toMatchObject({
      role: 'learner',
      team: 'Front Desk',
      managerId: lead.id,
      hiredAt: '2026-02-01',
    })
    expect(await person('carl@example.com')).toMatchObject({
      role: 'learner',
      team: 'Customer Care',
      managerId: manager2.id,
      hiredAt: '2026-03-10',
    })
    expect(await person('una@example.com')).toMatchObject({
      role: 'learner',
      team: null,
      managerId: null,
      hiredAt: null,
    })

    const work = async (email: string) =>
      db()
        .select({ course: courses.title, dueDate: assignments.dueDate, source: assignments.source })
        .from(assignments)
        .innerJoin(users, eq(users.id, assignments.userId))
        .innerJoin(courses, eq(courses.id, assignments.courseId))
        .where(eq(users.email, email))
        .orderBy(courses.title)
    expect(await work('ravi.report@example.com')).toEqual([
      { course: 'Demo Course', dueDate: '2026-02-15', source: 'onboarding' },
      { course: 'Second Course', dueDate: '2026-03-03', source: 'onboarding' },
    ])
    expect(await work('new.lead@example.com')).toEqual([
      { course: 'Demo Course', dueDate: '2026-01-29', source: 'onboarding' },
      { course: 'Second Course', dueDate: '2026-02-14', source: 'onboarding' },
    ])
    expect(await work('carl@example.com')).toEqual([
      { course: 'Demo Course', dueDate: '2026-03-24', source: 'onboarding' },
    ])
    expect(await work('una@example.com')).toEqual([
      { course: 'Demo Course', dueDate: addDays(isoDate(new Date()), 14), source: 'onboarding' },
    ])

    const after = await snapshot()
    expect(after).toEqual({
      users: (before.users ?? 0) + 4,
      assignments: (before.assignments ?? 0) + 6,
      audit: (before.audit ?? 0) + 1,
    })
    const [entry] = await db().select().from(auditLog).where(eq(auditLog.action, 'users.imported'))
    expect(entry).toMatchObject({ actorId: adminRow.id, details: { count: 4 } })

    for (const p of body.people) {
      expect(p.temporaryPassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/)
      expect((await person(p.email)).passwordHash).toMatch(/^\$argon2id\$/)
      const result = await signIn({ email: p.email, password: p.temporaryPassword, clientAddress: '203.0.113.9' })
      expect(result.ok, p.email).toBe(true)
    }
    expect(new Set(body.people.map((p) => p.temporaryPassword)).size).toBe(4)

    // The same file again: every email is now taken, so nothing more is created.
    const again = await submit({ intent: 'import', csv })
    expect(again.status).toBe(400)
    expect(Object.keys(problemsByLine((await jsonOf<PreviewBody>(again)).report))).toHaveLength(4)
    expect(await snapshot()).toEqual(after)
  })
})

describe('importing only the ready rows', () => {
  const csv = [
    HEADER,
    'Rita Ready,rita@example.com,,Front Desk,manager@example.com,2026-04-01',
    'Taken,learner@example.com,,,,',
    'Tom Ready,tom@example.com,trainer,,,',
    'Bad Date,bad.date@example.com,,,,01/04/2026',
  ].join('\n')

  it('offers the rows with problems as a CSV to fix, with their lines and messages', async () => {
    const response = await respond(() =>
      errorReportAction({
        request: importRequest({ file: csvFile(csv, 'April hires.csv') }),
        params: {},
        context: testContext(),
      }),
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="April-hires-problems.csv"')
    expect((await response.text()).split('\r\n')).toEqual([
      'line,problems,name,email,role,team,manager email,hire date',
      '3,email: Someone already uses this email address.,Taken,learner@example.com,,,,',
      '5,hire date: Enter a date as YYYY-MM-DD.,Bad Date,bad.date@example.com,,,,01/04/2026',
      '',
    ])
    const learner = await sessionCookieFor('learner@example.com')
    const refused = await respond(() =>
      errorReportAction({ request: importRequest({ csv }, learner), params: {}, context: testContext() }),
    )
    expect(refused.status).toBe(403)
  })

  it('imports exactly the ready rows the admin was shown, once, and skips the rest', async () => {
    const before = await snapshot()
    const preview = await jsonOf<PreviewBody>(await submit({ intent: 'preview', csv }))
    expect(preview.report.summary).toEqual({ ready: 2, withErrors: 2, canImport: false })
    expect(preview.readyLines).toBe('2,4')

    // Importing everything is refused while any row has a problem.
    expect((await submit({ intent: 'import', csv })).status).toBe(400)
    // So is a choice of rows that is not what the preview showed.
    expect((await submit({ intent: 'import-ready', csv, lines: '2' })).status).toBe(409)
    expect((await submit({ intent: 'import-ready', csv })).status).toBe(400)
    expect(await snapshot()).toEqual(before)

    const response = await submit({ intent: 'import-ready', csv, lines: preview.readyLines })
    expect(response.status).toBe(200)
    const body = await jsonOf<ImportedBody>(response)
    expect(body.people.map((p) => p.email)).toEqual(['rita@example.com', 'tom@example.com'])
    expect(await db().select().from(users).where(eq(users.email, 'bad.date@example.com'))).toHaveLength(0)
    const after = await snapshot()
    expect(after.users).toBe((before.users ?? 0) + 2)
    const [entry] = await db()
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'users.imported'))
      .orderBy(sql`at desc`)
    expect(entry?.details).toEqual({ count: 2, skipped: 2 })

    // The same choice again: those rows are taken now, so it is not the admin's choice any more.
    const again = await submit({ intent: 'import-ready', csv, lines: preview.readyLines })
    expect(again.status).toBe(409)
    expect((await jsonOf<PreviewBody>(again)).report.summary.ready).toBe(0)
    expect(await snapshot()).toEqual(after)
  })
})
