import { json } from '@remix-run/node'
import { z } from 'zod'
import { type ImportReport, readyLines } from '~/domain/user-import'
import { csvResponse } from '~/models/exports.server'
import { type ImportChoice, importErrorReportOf, previewImport, runImport } from '~/models/user-import.server'
import { readForm, refuseControlCharacters } from '~/utils/form.server'
import type { SessionUser } from '~/utils/require-user.server'

const MAX_CSV_BYTES = 1024 * 1024

const intentSchema = z.enum(['preview', 'import', 'import-ready'])

// The ready rows' lines as the preview listed them: "2,3,5".
const linesSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,6}(,[1-9][0-9]{0,6})*$/)
  .transform((text) => text.split(',').map(Number))

export type Source = { kind: 'file'; name: string } | { kind: 'paste' }

interface Submission {
  form: FormData
  text: string
  source: Source
}

const refuse = (message: string, status = 400) => new Response(message, { status })

/** The CSV text of the submission: the chosen file, or else the pasted text. Refusals are thrown as Responses. */
async function readSubmission(request: Request): Promise<Submission> {
  const form = await readForm(request, { maxFileBytes: MAX_CSV_BYTES })

  const file = form.get('file')
  const pasted = form.get('csv')
  if (file instanceof File && file.size > 0) {
    let text: string
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer())
    } catch {
      throw refuse('The file is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8” and choose it again.')
    }
    refuseControlCharacters(text, 'The file')
    return { form, text, source: { kind: 'file', name: file.name } }
  }
  if (typeof pasted === 'string' && pasted.trim() !== '') return { form, text: pasted, source: { kind: 'paste' } }
  throw refuse('Choose a CSV file or paste the CSV text.')
}

function previewData(report: ImportReport, text: string, source: Source) {
  return {
    stage: 'preview' as const,
    report,
    source,
    pasted: source.kind === 'paste' ? text : '',
    // The import and error-report forms post exactly what was previewed; a file that cannot be read has neither.
    csv: report.fileErrors.length === 0 && report.rows.length > 0 ? text : null,
    readyLines: readyLines(report).join(','),
  }
}

/** The import page's intents: preview what the file would do, or import all of it or just its ready rows. */
export async function handleImportForm(user: SessionUser, request: Request) {
  let submission: Submission
  let intent: z.infer<typeof intentSchema>
  try {
    submission = await readSubmission(request)
    const parsed = intentSchema.safeParse(submission.form.get('intent'))
    if (!parsed.success) throw refuse('Unknown action.')
    intent = parsed.data
  } catch (refusal) {
    // Shown on the form, beside what the admin can change.
    if (refusal instanceof Response)
      return json({ stage: 'problem' as const, errors: [await refusal.text()] }, { status: refusal.status })
    throw refusal
  }
  const { form, text, source } = submission

  if (intent === 'preview') return json(previewData(await previewImport(user, text), text, source))

  let choice: ImportChoice = { rows: 'all' }
  if (intent === 'import-ready') {
    const lines = linesSchema.safeParse(form.get('lines'))
    if (!lines.success)
      return json(
        { stage: 'problem' as const, errors: ['Preview the file again, then choose what to import.'] },
        { status: 400 },
      )
    choice = { rows: 'ready', lines: lines.data }
  }
  const outcome = await runImport(user, text, choice)
  if ('refused' in outcome) return json(previewData(outcome.refused, text, source), { status: outcome.status })
  // The temporary passwords exist nowhere else; no cache may keep this page.
  return json({ stage: 'imported' as const, people: outcome.imported }, { headers: { 'Cache-Control': 'no-store' } })
}

/** The rows with problems of the posted CSV, as a CSV download named after the uploaded file. */
export async function errorReportResponse(user: SessionUser, request: Request) {
  const { text, source } = await readSubmission(request)
  const base = source.kind === 'file' ? source.name.replace(/\.csv$/i, '').replace(/[^A-Za-z0-9_-]+/g, '-') : 'pasted'
  return csvResponse(new Blob([await importErrorReportOf(user, text)]).stream(), `${base || 'import'}-problems.csv`)
}
