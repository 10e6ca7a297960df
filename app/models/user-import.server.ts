import { randomInt } from 'node:crypto'
import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import { teams, users } from '#db/schema'
import {
  type ImportPerson,
  type ImportReport,
  MAX_IMPORT_ROWS,
  creationOrder,
  emailsIn,
  importColumnLabels,
  importColumns,
  readImportCsv,
  validateImport,
} from '~/domain/user-import'
import { getDb, isUniqueViolation } from '~/utils/db.server'
import { hashPassword } from '~/utils/password.server'
import type { SessionUser } from '~/utils/require-user.server'
import { applyNewHireAssignments } from './assignments.server'
import type { DbOrTx } from '#db/client'
import { recordAudit } from './audit.server'

/**
 * What an import did: everyone was created, or nobody was and the report says why (409 when the
 * file was fine but some of its people were just created by another request, a double click).
 */
export type ImportOutcome = { imported: ImportedPerson[] } | { refused: ImportReport; status: 400 | 409 }

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
 * Creates everyone in the file, or no one: any row with an error refuses the whole file.
 * Each person gets a temporary password, returned here once and stored only as a hash.
 */
export async function runImport(actor: SessionUser, csvText: string): Promise<ImportOutcome> {
  const checked = await checkImport(getDb(), actor, csvText)
  if (!checked.report.summary.canImport) return { refused: checked.report, status: 400 }

  const planned = peopleOf(checked.report)
  const passwords = planned.map(() => temporaryPassword())
  const hashes = await hashAll(passwords)
  const credentials = new Map(planned.map((p, i) => [p.email, { password: passwords[i] ?? '', hash: hashes[i] ?? '' }]))

  return getDb()
    .transaction(async (tx) => {
      // Checked again inside the transaction: someone may have taken an email while the passwords were hashed.
      const { report, teamIds, managerIds } = await checkImport(tx, actor, csvText)
      if (!report.summary.canImport) return { refused: report, status: 400 as const }
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
        details: { count: people.length },
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
