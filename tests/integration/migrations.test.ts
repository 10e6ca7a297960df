import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { type DatabaseHandle, defaultMigrationsFolder, openDatabase } from '#db/client'
import { createDatabaseFrom, databaseUrlFor, dropDatabase } from '../support/postgres-admin'

/** The migrations folder as it stood before the named one, so a test can start from older data. */
function migrationsBefore(tag: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'servewell-migrations-'))
  fs.cpSync(defaultMigrationsFolder, dir, { recursive: true })
  const journalPath = path.join(dir, 'meta/_journal.json')
  const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] }
  const cut = journal.entries.findIndex((e) => e.tag === tag)
  if (cut < 0) throw new Error(`No migration ${tag}`)
  fs.writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }))
  return dir
}

let handle: DatabaseHandle
let scratch: string | null = null
/** Each test starts from an empty database of its own, migrated only as far as it asks. */
beforeEach(async () => {
  const url = process.env.DATABASE_URL
  if (url) {
    scratch = await createDatabaseFrom(url, null, 'servewell_migrations')
    handle = await openDatabase({ kind: 'postgres', url: databaseUrlFor(url, scratch), maxConnections: 1 })
  } else handle = await openDatabase({ kind: 'pglite-memory' })
})
afterEach(async () => {
  await handle?.close()
  if (scratch && process.env.DATABASE_URL) await dropDatabase(process.env.DATABASE_URL, scratch)
  scratch = null
})

async function migrateBefore(tag: string) {
  const older = migrationsBefore(tag)
  const { migrate: migratePglite } = await import('drizzle-orm/pglite/migrator')
  const { migrate: migratePostgres } = await import('drizzle-orm/postgres-js/migrator')
  await (handle.kind === 'postgres'
    ? migratePostgres(handle.db as never, { migrationsFolder: older })
    : migratePglite(handle.db as never, { migrationsFolder: older }))
  fs.rmSync(older, { recursive: true, force: true })
}

const rows = async <T>(query: ReturnType<typeof sql>) => {
  const result = (await handle.db.execute(query)) as unknown
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[]
}

describe('migration 0005: one standing team assignment per team, item and scope', () => {
  it('merges the duplicates older code stored, keeping people’s assignments pointed at the row that stays', async () => {
    await migrateBefore('0005_team_assignments_unique')

    for (const statement of [
      sql`insert into organisations (id, name, slug) values ('00000000-0000-4000-8000-000000000001', 'Org', 'org')`,
      sql`insert into teams (id, organisation_id, name) values ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'Desk')`,
      sql`insert into courses (id, slug, title, summary, audience) values ('00000000-0000-4000-8000-000000000003', 'c', 'C', 'S', 'A')`,
      sql`insert into users (id, organisation_id, email, name, password_hash, team_id) values ('00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000001', 'a@example.com', 'A', 'x', '00000000-0000-4000-8000-000000000002')`,
      sql`insert into team_assignments (id, organisation_id, team_id, course_id, due_date, note, created_at) values ('00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003', '2027-03-01', 'first note', '2026-01-01'), ('00000000-0000-4000-8000-0000000000a2', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003', '2027-02-01', 'second note', '2026-01-02'), ('00000000-0000-4000-8000-0000000000a3', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003', null, null, '2026-01-03')`,
      sql`insert into assignments (organisation_id, user_id, course_id, source, team_assignment_id) values ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000003', 'team', '00000000-0000-4000-8000-0000000000a3')`,
    ])
      await handle.db.execute(statement)

    await handle.migrate()

    const standing = await rows<{ id: string; due_date: string | Date; note: string }>(
      sql`select id, due_date, note from team_assignments`,
    )
    expect(standing).toHaveLength(1)
    expect(standing[0]?.id).toBe('00000000-0000-4000-8000-0000000000a1')
    expect(new Date(standing[0]!.due_date).toISOString().slice(0, 10)).toBe('2027-02-01')
    expect(standing[0]?.note).toBe('second note')
    const given = await rows<{ team_assignment_id: string }>(sql`select team_assignment_id from assignments`)
    expect(given).toEqual([{ team_assignment_id: '00000000-0000-4000-8000-0000000000a1' }])
    await expect(
      handle.db.execute(sql`insert into team_assignments (organisation_id, team_id, course_id)
        values ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003')`),
    ).rejects.toThrow()
  })
})

describe('migration 0010: first answers for item statistics', () => {
  it('keeps each question’s first graded answer from the attempts already stored, and none from practice', async () => {
    await migrateBefore('0010_first_answers')
    const id = (n: string) => `00000000-0000-4000-8000-${n.padStart(12, '0')}`
    const quiz = (n: string, number: number, graded: boolean, questions: unknown) =>
      sql`insert into attempts (id, user_id, course_id, lesson_id, lesson_version_id, assessment_id, kind, status, attempt_number, responses, graded)
          values (${id(n)}, ${id('4')}, ${id('3')}, ${id('5')}, ${id('6')}, 'q', 'quiz', 'submitted', ${number}, ${JSON.stringify({ questions })}::jsonb, ${graded})`
    for (const statement of [
      sql`insert into organisations (id, name, slug) values (${id('1')}, 'Org', 'org')`,
      sql`insert into courses (id, slug, title, summary, audience) values (${id('3')}, 'c', 'C', 'S', 'A')`,
      sql`insert into users (id, organisation_id, email, name, password_hash) values (${id('4')}, ${id('1')}, 'a@example.com', 'A', 'x')`,
      sql`insert into lessons (id, course_id, slug, position) values (${id('5')}, ${id('3')}, 'l', 1)`,
      sql`insert into lesson_versions (id, lesson_id, version, content_hash, title, summary, minutes, frontmatter, source, code, assessments)
          values (${id('6')}, ${id('5')}, 1, 'h', 'L', 'S', 3, '{}', '', '', '[]')`,
      // Stored out of order: the first answer is the lowest attempt number, not the first row.
      quiz('a2', 2, true, [
        { id: 'b', selected: ['b2'], correct: false },
        { id: 'c', selected: ['c1', 'c3'], correct: true },
      ]),
      quiz('a1', 1, true, [
        { id: 'a', selected: ['a2'], correct: false },
        { id: 'b', selected: ['b1'], correct: true },
        { id: 'x', selected: [], correct: false },
      ]),
      quiz('a3', 3, false, [{ id: 'd', selected: ['d1'], correct: true }]),
      // An attempt stored before quizzes kept their questions.
      quiz('a4', 4, true, null),
    ])
      await handle.db.execute(statement)

    await handle.migrate()

    const kept = await rows<{
      question_id: string
      attempt_id: string
      correct: boolean
      selected: string[]
      rest: number | null
    }>(sql`select question_id, attempt_id, correct, selected, rest from first_answers order by question_id`)
    expect(kept).toEqual([
      { question_id: 'a', attempt_id: id('a1'), correct: false, selected: ['a2'], rest: 0.5 },
      { question_id: 'b', attempt_id: id('a1'), correct: true, selected: ['b1'], rest: 0 },
      { question_id: 'c', attempt_id: id('a2'), correct: true, selected: ['c1', 'c3'], rest: 0 },
      { question_id: 'x', attempt_id: id('a1'), correct: false, selected: [], rest: 0.5 },
    ])
  })
})
