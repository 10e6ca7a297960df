import { randomInt } from 'node:crypto'
import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import { teams, users } from '#db/schema'
import {
  type ImportPerson,
  type ImportReport,
  MAX_IMPORT_ROWS,
  creationOrder,
  emailsIn,
  importErrorReport,
  importColumnLabels,
  importColumns,
  readImportCsv,
  readyLines,
  validateImport,
} from '~/domain/user-import'
import { getDb, isUniqueViolation } from '~/utils/db.server'
import { hashPassword } from '~/utils/password.server'
import type { SessionUser } from '~/utils/require-user.server'
import { applyNewHireAssignments } from './assignments.server'
import type { DbOrTx } from '#db/client'
import { recordAudit } from './audit.server'

/**
 * What an import did: the people it was asked for were created, or nobody was and the report says
 * why (409 when the file was fine when previewed but some of its people were just created by
 * another request, a double click, or the ready rows are no longer the ones the admin chose).
 */
export type ImportOutcome = { imported: ImportedPerson[] } | { refused: ImportReport; status: 400 | 409 }

/**
 * What the admin chose to import: every row (the file must have no problem), or the ready rows
 * they were shown, by line (the rest are skipped). Anything else was not their choice.
 */
export type ImportChoice = { rows: 'all' } | { rows: 'ready'; lines: readonly number[] }

/** Why the file cannot be imported as chosen, or null when it can. */
function refusalOf(report: ImportReport, choice: ImportChoice): 400 | 409 | null {
  if (choice.rows === 'all') return report.summary.canImport ? null : 400
  const ready = readyLines(report)
  // Nothing was ready when previewed and nothing is now: there is no choice to honour.
  if (ready.length === 0 && choice.lines.length === 0) return 400
  const same = ready.length === choice.lines.length && ready.every((line, i) => line === choice.lines[i])
  return same ? null : 409
}

async function checkImport(db: DbOrTx, actor: SessionUser, csvText: string) {
  const file = readImportCsv(csvText)
  const emails = emailsIn(file)
  const [teamRows, managerRows, takenRows] = await Promise.all([
    db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.organisationId, actor.organisationId)),
    db
      .select({ id: users.id, email: sql<string>`lower(${users.email})` })
      .from(users)
      .where(
        and(
          eq(users.organisationId, actor.organisationId),
          inArray(users.role, ['manager', 'admin']),
          isNull(users.deactivatedAt),
        ),
      ),
    emails.length === 0
      ? Promise.resolve([])
      : db
          .select({ email: sql<string>`lower(${users.email})` })
          .from(users)
          .where(inArray(sql`lower(${users.email})`, emails)),
  ])
  const report = validateImport(file, {
    teams: teamRows.map((t) => t.name),
    managerEmails: new Set(managerRows.map((m) => m.email)),
    takenEmails: new Set(takenRows.map((t) => t.email)),
  })
  return {
    report,
    teamIds: new Map(teamRows.map((t) => [t.name, t.id])),
    managerIds: new Map(managerRows.map((m) => [m.email, m.id])),
  }
}

/**
 * The file format the import page documents. Pages get it from their loader because the
 * CSV parser behind the domain module cannot run in the browser.
 */
export function importFileFormat() {
  return { columns: importColumns.map((key) => ({ key, label: importColumnLabels[key] })), maxRows: MAX_IMPORT_ROWS }
}

/** What importing the file would do, row by row. Writes nothing. */
export async function previewImport(actor: SessionUser, csvText: string) {
  return (await checkImport(getDb(), actor, csvText)).report
}

/** The file's rows with problems as a CSV to fix and upload again (see importErrorReport). */
export async function importErrorReportOf(actor: SessionUser, csvText: string) {
  return importErrorReport(await previewImport(actor, csvText))
}

const passwordAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789'

/** 16 characters from an alphabet without look-alikes (about 79 bits), grouped to read out or type. */
function temporaryPassword() {
  const chars = Array.from({ length: 16 }, () => passwordAlphabet[randomInt(passwordAlphabet.length)])
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-')
}

// Each argon2 hash takes 19 MiB and a libuv thread; a large import must not starve everyone's sign-ins.
const HASH_CONCURRENCY = 2

async function hashAll(passwords: readonly string[]) {
  const hashes: string[] = []
  let next = 0
  const worker = async () => {
    while (next < passwords.length) {
      const i = next++
      hashes[i] = await hashPassword(passwords[i] ?? '')
    }
  }
  await Promise.all(Array.from({ length: Math.min(HASH_CONCURRENCY, passwords.length) }, worker))
  return hashes
}

function peopleOf(report: ImportReport): ImportPerson[] {
  return report.rows.flatMap((r) => (r.person ? [r.person] : []))
}

export interface ImportedPerson {
  id: string
  name: string
  email: string
  temporaryPassword: string
}

/**
 * Creates the chosen people in one transaction, or no one. Each person gets a temporary
 * password, returned here once and stored only as a hash.
 */
export async function runImport(actor: SessionUser, csvText: string, choice: ImportChoice): Promise<ImportOutcome> {
  const checked = await checkImport(getDb(), actor, csvText)
  const refused = refusalOf(checked.report, choice)
  if (refused) return { refused: checked.report, status: refused }

  const planned = peopleOf(checked.report)
  const passwords = planned.map(() => temporaryPassword())
  const hashes = await hashAll(passwords)
  const credentials = new Map(planned.map((p, i) => [p.email, { password: passwords[i] ?? '', hash: hashes[i] ?? '' }]))

  return getDb()
    .transaction(async (tx) => {
      // Checked again inside the transaction: someone may have taken an email while the passwords were hashed.
      const { report, teamIds, managerIds } = await checkImport(tx, actor, csvText)
      const status = refusalOf(report, choice)
      if (status) return { refused: report, status }
      const people = peopleOf(report)

      const createdIds = new Map<string, string>()
      for (const person of creationOrder(people)) {
        const credential = credentials.get(person.email)
        if (!credential) throw new Error(`No password was prepared for ${person.email}`)
        const teamId = person.team ? (teamIds.get(person.team) ?? null) : null
        const managerId = person.managerEmail
          ? (createdIds.get(person.managerEmail) ?? managerIds.get(person.managerEmail) ?? null)
          : null
        const [created] = await tx
          .insert(users)
          .values({
            organisationId: actor.organisationId,
            email: person.email,
            name: person.name,
            role: person.role,
            passwordHash: credential.hash,
            teamId,
            managerId,
            hiredAt: person.hiredAt,
          })
          .returning({ id: users.id })
        if (!created) throw new Error('Insert returned no row')
        createdIds.set(person.email, created.id)
        await applyNewHireAssignments(tx, {
          id: created.id,
          organisationId: actor.organisationId,
          teamId,
          managerId,
          hiredAt: person.hiredAt,
        })
      }

      await recordAudit(tx, {
        organisationId: actor.organisationId,
        actorId: actor.id,
        action: 'users.imported',
        targetType: 'organisation',
        targetId: actor.organisationId,
        details: { count: people.length, skipped: report.rows.length - people.length },
      })
      return {
        imported: people.map((person) => ({
          id: createdIds.get(person.email) ?? '',
          name: person.name,
          email: person.email,
          temporaryPassword: credentials.get(person.email)?.password ?? '',
        })),
      }
    })
    .catch(async (error: unknown): Promise<ImportOutcome> => {
      if (!isUniqueViolation(error)) throw error
      return { refused: (await checkImport(getDb(), actor, csvText)).report, status: 409 }
    })
}
