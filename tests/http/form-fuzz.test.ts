import { eq } from 'drizzle-orm'
import fc from 'fast-check'
import { courses, teams, users } from '#db/schema'
import { seedDemoOrganisation } from '#db/seed'
import { syncContent } from '~/content/sync.server'
import { DEFAULT_BODY_LIMIT, bodyLimitFor } from '~/utils/request-limits.server'
import { type AppForm, type FormUser, appForms, demoEmails, submitForm } from '../support/app-forms'
import { useAppServer } from '../support/app-server'
import { useTestDatabase } from '../support/database'
import { snapshotRows } from '../support/db-snapshot'
import { sessionCookieFor } from '../support/requests'

// Every form of the app, fed what a careless or hostile client sends: random text, control
// characters, values far over any limit, missing fields, and now and then a real id or intent.
// Nothing may answer 5xx, and a refused request (4xx) must leave every row as it was.
const database = useTestDatabase()
const app = useAppServer()
const db = () => database.handle.db
const cookies: Partial<Record<FormUser, string>> = { anonymous: '' }
const ids = { learner: '', course: '', team: '' }

beforeAll(async () => {
  await seedDemoOrganisation(db())
  await syncContent(db(), 'tests/fixtures/content')
  for (const [who, email] of Object.entries(demoEmails)) cookies[who as FormUser] = await sessionCookieFor(email)
  ids.learner = (await db().select({ id: users.id }).from(users).where(eq(users.email, demoEmails.learner)))[0]!.id
  ids.course = (await db().select({ id: courses.id }).from(courses).where(eq(courses.slug, 'demo-course')))[0]!.id
  ids.team = (await db().select({ id: teams.id }).from(teams).where(eq(teams.name, 'Front Desk')))[0]!.id
})

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

// Real tokens, so some requests get past the first check and reach the models. Nothing that
// would end the test users' sessions (deactivate) is among them.
const tokens = () => [
  'save',
  'add',
  'remove',
  'assign',
  'restore',
  'run',
  'preview',
  'import',
  'reset-password',
  'complete',
  'submit-quiz',
  'save-reflection',
  'submit-reflection',
  'start-roleplay',
  'choose',
  'stop-team-assignment',
  'unassign',
  'why-here',
  'promises-quiz',
  'angry-caller',
  'ownership',
  'proficient',
  'learner',
  'manager',
  ids.learner,
  ids.course,
  ids.team,
  `course:${ids.course}`,
  '2027-01-31',
  '14',
  '3',
  '-1',
  '0',
  '',
]

const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  {
    weight: 2,
    arbitrary: fc.string({
      unit: fc.constantFrom('\u0000', '\u0007', '\u001b', '\u007f', 'a', '\n'),
      minLength: 1,
      maxLength: 8,
    }),
  },
  { weight: 1, arbitrary: fc.integer({ min: 10_000, max: DEFAULT_BODY_LIMIT + 50_000 }).map((n) => 'x'.repeat(n)) },
  { weight: 3, arbitrary: fc.constantFrom(...tokens()) },
)

function valuesFor(form: AppForm) {
  const fields = Object.fromEntries(form.fields.map((f) => [f, fc.option(text, { nil: undefined })]))
  return fc
    .record({
      fields: fc.record(fields),
      extra: fc.option(fc.tuple(fc.string({ maxLength: 12 }), text), { nil: undefined }),
    })
    .map(({ fields: chosen, extra }) => {
      const values: Record<string, string> = {}
      for (const [k, v] of Object.entries(chosen)) if (v !== undefined) values[k] = v
      if (extra && !(extra[0] in values)) values[extra[0]] = extra[1]
      return values
    })
}

describe('every form under random input', () => {
  it('never answers 5xx, and a refused request changes no row', async () => {
    let before = await snapshotRows(db())
    for (const form of appForms(ids)) {
      await fc.assert(
        fc.asyncProperty(valuesFor(form), async (values) => {
          const { response: res, body } = await submitForm(app.url, form, values, cookies[form.as] ?? '')
          const answer = await res.text()
          expect(res.status, `${form.path}: ${answer.slice(0, 200)}`).toBeLessThan(500)
          const entries = Object.entries(values)
          const size =
            typeof body === 'string'
              ? Buffer.byteLength(body)
              : entries.reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v) + 200, 0)
          const oversized = size > bodyLimitFor(new URL(form.path, app.url).pathname)
          if (oversized) expect(res.status, form.path).toBe(413)
          else if (entries.some(([k, v]) => CONTROL.test(k) || CONTROL.test(v))) expect(res.status, form.path).toBe(400)
          if (res.status >= 400) expect(await snapshotRows(db()), form.path).toEqual(before)
          else before = await snapshotRows(db())
        }),
        { numRuns: 25 },
      )
    }
  }, 300_000)
})
