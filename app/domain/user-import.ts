import { CsvError, parse } from 'csv-parse/sync'
import { z } from 'zod'
import { csvLine } from './csv'
import { type Role, roles } from './permissions'
import { emailField, userUpdateSchema } from './user-input.server'

export const MAX_IMPORT_ROWS = 5000

export const importColumns = ['name', 'email', 'role', 'team', 'managerEmail', 'hiredAt'] as const
export type ImportColumn = (typeof importColumns)[number]

export const importColumnLabels: Record<ImportColumn, string> = {
  name: 'name',
  email: 'email',
  role: 'role',
  team: 'team',
  managerEmail: 'manager email',
  hiredAt: 'hire date',
}

const requiredColumns: readonly ImportColumn[] = ['name', 'email']

// Headers are compared with case, spaces, underscores and hyphens removed: "Manager email" = manager_email.
const headerAliases: Record<string, ImportColumn> = {
  name: 'name',
  fullname: 'name',
  email: 'email',
  emailaddress: 'email',
  role: 'role',
  team: 'team',
  teamname: 'team',
  manageremail: 'managerEmail',
  hiredate: 'hiredAt',
  hiredat: 'hiredAt',
  hiredon: 'hiredAt',
}

const reportColumns = ['line', 'problems']

const normaliseHeader = (header: string) => header.toLowerCase().replace(/[\s_-]+/g, '')

export type ImportValues = Record<ImportColumn, string>

export interface ImportFileRow {
  /** Line of the file where the row starts, counting the header as line 1. */
  line: number
  values: ImportValues
  /** Values beyond the header's columns; they would be lost, so the row is refused. */
  extraValues: number
}

export interface ImportFile {
  fileErrors: string[]
  rows: ImportFileRow[]
}

/** `lastRecordEnd`: the line the last readable record ended on, since an unclosed quote is reported only at the end of the file. */
function csvProblem(error: CsvError, lines: readonly string[], lastRecordEnd: number) {
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    let start = lastRecordEnd
    while (start < lines.length - 1 && lines[start]?.trim() === '') start++
    return `Line ${start + 1}: a quoted value is never closed. Check that its closing quote is there.`
  }
  const line = typeof error.lines === 'number' ? error.lines : 1
  if (error.code === 'CSV_INVALID_CLOSING_QUOTE' || error.code === 'INVALID_OPENING_QUOTE')
    return `Line ${line}: a value containing quotes must be wrapped in quotes, with each quote inside written twice ("").`
  return `Line ${line}: the CSV could not be read (${error.message}).`
}

/** Reads the CSV into rows keyed by column. Problems with the file as a whole come back as fileErrors. */
export function readImportCsv(text: string): ImportFile {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  if (normalised.trim() === '') return { fileErrors: ['The file is empty.'], rows: [] }

  const startLines: number[] = []
  let lastRecordEnd = 0
  let records: string[][]
  try {
    records = parse(normalised, {
      relax_column_count: true,
      skip_empty_lines: true,
      // Spreadsheets export blank rows as ",,,,"; they are not people.
      skip_records_with_empty_values: true,
      // The parser counts to the line a record ends on; a row quoting a line break starts earlier.
      on_record: (record: string[], { lines }) => {
        lastRecordEnd = lines
        startLines.push(lines - record.reduce((n, value) => n + (value.match(/\n/g)?.length ?? 0), 0))
        return record
      },
    })
  } catch (error) {
    if (error instanceof CsvError)
      return { fileErrors: [csvProblem(error, normalised.split('\n'), lastRecordEnd)], rows: [] }
    throw error
  }

  const [header = [], ...body] = records
  const positions = new Map<ImportColumn, number>()
  const unknown: string[] = []
  const repeated: string[] = []
  header.forEach((raw, index) => {
    // A trailing comma in the header is harmless unless the column below it holds values.
    if (raw.trim() === '' && body.every((record) => !record[index]?.trim())) return
    // The error report's own columns, so a fixed report can be uploaded as it is.
    if (reportColumns.includes(normaliseHeader(raw))) return
    const column = headerAliases[normaliseHeader(raw)]
    if (!column) unknown.push(raw.trim() === '' ? `(no header, column ${index + 1})` : `"${raw.trim()}"`)
    else if (positions.has(column)) repeated.push(importColumnLabels[column])
    else positions.set(column, index)
  })

  const fileErrors: string[] = []
  const missing = requiredColumns.filter((c) => !positions.has(c))
  if (missing.length > 0)
    fileErrors.push(
      `The first row must be a header naming the columns; it has no ${missing.map((c) => importColumnLabels[c]).join(' or ')} column.` +
        (header.length === 1 && header[0]?.includes(';')
          ? ' The file seems to use semicolons: save it with commas instead.'
          : ''),
    )
  if (unknown.length > 0)
    fileErrors.push(
      `Unknown column${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')}. Use only: ${importColumns.map((c) => importColumnLabels[c]).join(', ')}.`,
    )
  if (repeated.length > 0) fileErrors.push(`The header names ${repeated.join(', ')} more than once.`)
  if (body.length === 0) fileErrors.push('The file has no rows below the header.')
  if (body.length > MAX_IMPORT_ROWS)
    fileErrors.push(
      `The file has ${body.length.toLocaleString('en')} rows; import at most ${MAX_IMPORT_ROWS.toLocaleString('en')} at a time.`,
    )
  if (fileErrors.length > 0) return { fileErrors, rows: [] }

  const rows = body.map((record, i) => {
    const values = Object.fromEntries(
      importColumns.map((column) => {
        const index = positions.get(column)
        return [column, index === undefined ? '' : (record[index] ?? '').trim()]
      }),
    ) as ImportValues
    return { line: startLines[i + 1] ?? i + 2, values, extraValues: Math.max(0, record.length - header.length) }
  })
  return { fileErrors: [], rows }
}

export interface ImportLookups {
  /** Names of the organisation's teams. */
  teams: readonly string[]
  /** Lower-cased emails of the organisation's active managers and admins. */
  managerEmails: ReadonlySet<string>
  /** Lower-cased emails already in use by anyone, active or not. */
  takenEmails: ReadonlySet<string>
}

export interface ImportPerson {
  name: string
  email: string
  role: Role
  /** The team's name as the organisation spells it. */
  team: string | null
  managerEmail: string | null
  hiredAt: string | null
}

export interface ImportRowError {
  /** Null when the problem is the row as a whole. */
  column: ImportColumn | null
  message: string
}

export interface ImportRow {
  line: number
  values: ImportValues
  errors: ImportRowError[]
  /** The validated person; null while the row has errors. */
  person: ImportPerson | null
}

export interface ImportSummary {
  ready: number
  withErrors: number
  /** The file has no error at all: everyone in it can be imported. */
  canImport: boolean
}

export interface ImportReport {
  fileErrors: string[]
  rows: ImportRow[]
  summary: ImportSummary
}

function reportOf(fileErrors: string[], rows: ImportRow[]): ImportReport {
  const withErrors = rows.filter((r) => r.errors.length > 0).length
  return {
    fileErrors,
    rows,
    summary: {
      ready: rows.length - withErrors,
      withErrors,
      canImport: fileErrors.length === 0 && rows.length > 0 && withErrors === 0,
    },
  }
}

const optionalEmail = z
  .string()
  .trim()
  .transform((v) => (v === '' ? null : v))
  .pipe(emailField.nullable())

const rowSchemas = {
  name: userUpdateSchema.shape.name,
  email: emailField,
  role: z
    .string()
    .transform((v) => v.trim().toLowerCase() || 'learner')
    .pipe(z.enum(roles, { message: `Use one of ${roles.join(', ')}, or leave it blank for learner.` })),
  managerEmail: optionalEmail,
  hiredAt: userUpdateSchema.shape.hiredAt,
}

/** The emails a file would create accounts for, lower-cased: what to look up before validating. */
export function emailsIn(file: ImportFile) {
  return [...new Set(file.rows.map((r) => r.values.email.trim().toLowerCase()).filter(Boolean))]
}

const canManage = (role: Role | undefined) => role === 'manager' || role === 'admin'

/**
 * Checks every row against the organisation and against the rest of the file, so one
 * preview lists every problem at once. A person's manager may be someone already in the
 * organisation or a manager or admin created by the same file.
 */
export function validateImport(file: ImportFile, lookups: ImportLookups): ImportReport {
  if (file.fileErrors.length > 0) return reportOf(file.fileErrors, [])
  const teamsByName = new Map(lookups.teams.map((t) => [t.toLowerCase(), t]))

  const parsed = file.rows.map((row) => {
    const errors: ImportRowError[] = []
    if (row.extraValues > 0)
      errors.push({
        column: null,
        message: `This row has ${row.extraValues} more value${row.extraValues === 1 ? '' : 's'} than the header has columns.`,
      })
    const field = <T>(column: ImportColumn, schema: z.ZodType<T, string>) => {
      const result = schema.safeParse(row.values[column])
      if (result.success) return result.data
      errors.push({ column, message: result.error.issues[0]?.message ?? 'This value is not valid.' })
      return undefined
    }
    const name = field('name', rowSchemas.name)
    const email = field('email', rowSchemas.email)
    const role = field('role', rowSchemas.role)
    const managerEmail = field('managerEmail', rowSchemas.managerEmail)
    const hiredAt = field('hiredAt', rowSchemas.hiredAt)
    let team: string | null = null
    if (row.values.team) {
      team = teamsByName.get(row.values.team.toLowerCase()) ?? null
      if (!team)
        errors.push({
          column: 'team',
          message: `There is no team called "${row.values.team}". Create it on the Teams page first.`,
        })
    }
    if (email && lookups.takenEmails.has(email))
      errors.push({ column: 'email', message: 'Someone already uses this email address.' })
    return { row, errors, name, email, role, managerEmail, hiredAt, team }
  })

  const linesByEmail = new Map<string, number[]>()
  for (const p of parsed) if (p.email) linesByEmail.set(p.email, [...(linesByEmail.get(p.email) ?? []), p.row.line])
  const inFile = new Map(parsed.flatMap((p) => (p.email ? [[p.email, p] as const] : [])))

  for (const p of parsed) {
    const lines = p.email ? (linesByEmail.get(p.email) ?? []) : []
    if (lines.length > 1)
      p.errors.push({
        column: 'email',
        message: `This email appears more than once in the file (lines ${lines.join(', ')}).`,
      })
    if (!p.managerEmail) continue
    if (p.managerEmail === p.email) {
      p.errors.push({ column: 'managerEmail', message: 'A person cannot be their own manager.' })
      continue
    }
    const colleague = inFile.get(p.managerEmail)
    if (colleague) {
      // A colleague whose role is itself invalid already carries that error; saying more would be noise.
      if (colleague.role && !canManage(colleague.role))
        p.errors.push({
          column: 'managerEmail',
          message: `${p.managerEmail} is in this file as a ${colleague.role}; only a manager or admin can be someone's manager.`,
        })
    } else if (!lookups.managerEmails.has(p.managerEmail)) {
      p.errors.push({
        column: 'managerEmail',
        message: `No active manager or admin has the email ${p.managerEmail}. Add them first, or include them in this file as a manager.`,
      })
    }
  }

  // Managers are created before their reports, which a loop of managers makes impossible.
  for (const p of parsed) {
    const seen: string[] = []
    let at = p.email ? p : undefined
    while (at?.email && at.managerEmail && !seen.includes(at.email)) {
      seen.push(at.email)
      at = inFile.get(at.managerEmail)
    }
    if (at?.email && p.email && at.email === p.email && seen.length > 1)
      p.errors.push({
        column: 'managerEmail',
        message: `Managers in this file form a loop: ${[...seen, p.email].join(' → ')}.`,
      })
  }

  // Importing only the ready rows must not create someone whose manager from the file is left out.
  for (let changed = true; changed;) {
    changed = false
    for (const p of parsed) {
      const manager = p.managerEmail ? inFile.get(p.managerEmail) : undefined
      if (!manager || manager === p || manager.errors.length === 0 || p.errors.length > 0) continue
      p.errors.push({
        column: 'managerEmail',
        message: `Their manager, on line ${manager.row.line}, has problems; fix that row and this one can be imported too.`,
      })
      changed = true
    }
  }

  const columnOrder = (e: ImportRowError) => (e.column ? importColumns.indexOf(e.column) : -1)
  const rows = parsed.map(({ row, errors, name, email, role, managerEmail, hiredAt, team }): ImportRow => ({
    line: row.line,
    values: row.values,
    errors: errors.sort((a, b) => columnOrder(a) - columnOrder(b)),
    person:
      errors.length === 0 &&
      name !== undefined &&
      email !== undefined &&
      role !== undefined &&
      managerEmail !== undefined &&
      hiredAt !== undefined
        ? { name, email, role, team, managerEmail, hiredAt }
        : null,
  }))
  return reportOf([], rows)
}

/** The people in an order where everyone's manager from the same file comes before them. */
export function creationOrder(people: readonly ImportPerson[]): ImportPerson[] {
  const byEmail = new Map(people.map((p) => [p.email, p]))
  const depth = new Map<string, number>()
  const depthOf = (person: ImportPerson, guard: number): number => {
    const known = depth.get(person.email)
    if (known !== undefined) return known
    const manager = person.managerEmail ? byEmail.get(person.managerEmail) : undefined
    if (manager && guard > people.length) throw new Error('Managers in the import form a loop')
    const d = manager ? depthOf(manager, guard + 1) + 1 : 0
    depth.set(person.email, d)
    return d
  }
  return people
    .map((person, index) => ({ person, index, depth: depthOf(person, 0) }))
    .sort((a, b) => a.depth - b.depth || a.index - b.index)
    .map((entry) => entry.person)
}

/** The lines of the rows that can be imported as they are. */
export function readyLines(report: ImportReport): number[] {
  return report.rows.filter((r) => r.person).map((r) => r.line)
}

/**
 * The rows with problems as a CSV to fix and upload again: each row's line in the uploaded file
 * and its problems, then its values under the import's own headers. The reader skips the line
 * and problems columns, so the corrected report is itself an import file.
 */
export function importErrorReport(report: ImportReport): string {
  const header = csvLine(['line', 'problems', ...importColumns.map((c) => importColumnLabels[c])])
  const rows = report.rows
    .filter((r) => r.errors.length > 0)
    .map((r) =>
      csvLine([
        r.line,
        r.errors.map((e) => (e.column ? `${importColumnLabels[e.column]}: ${e.message}` : e.message)).join('; '),
        ...importColumns.map((c) => r.values[c]),
      ]),
    )
  return header + rows.join('')
}
