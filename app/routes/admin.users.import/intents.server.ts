import { json } from '@remix-run/node'
import { z } from 'zod'
import type { ImportReport } from '~/domain/user-import'
import { previewImport, runImport } from '~/models/user-import.server'
import { readForm, refuseControlCharacters } from '~/utils/form.server'
import type { SessionUser } from '~/utils/require-user.server'

const MAX_CSV_BYTES = 1024 * 1024

const intentSchema = z.enum(['preview', 'import'])

export type Source = { kind: 'file'; name: string } | { kind: 'paste' }

interface Submission {
  intent: z.infer<typeof intentSchema>
  text: string
  source: Source
}

const refuse = (message: string, status = 400) => new Response(message, { status })

/** The CSV text of the submission: the chosen file, or else the pasted text. Refusals are thrown as Responses. */
async function readSubmission(request: Request): Promise<Submission> {
  const form = await readForm(request, { maxFileBytes: MAX_CSV_BYTES })
  const intent = intentSchema.safeParse(form.get('intent'))
  if (!intent.success) throw refuse('Unknown action.')

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
    return { intent: intent.data, text, source: { kind: 'file', name: file.name } }
  }
  if (typeof pasted === 'string' && pasted.trim() !== '')
    return { intent: intent.data, text: pasted, source: { kind: 'paste' } }
  throw refuse('Choose a CSV file or paste the CSV text.')
}

function previewData(report: ImportReport, text: string, source: Source) {
  return {
    stage: 'preview' as const,
    report,
    source,
    pasted: source.kind === 'paste' ? text : '',
    // Sent back only when it can be imported: the import form posts exactly what was previewed.
    csv: report.summary.canImport ? text : null,
  }
}

/** The import page's two intents: preview what the file would do, or import it (everyone or no one). */
export async function handleImportForm(user: SessionUser, request: Request) {
  let submission: Submission
  try {
    submission = await readSubmission(request)
  } catch (refusal) {
    // Shown on the form, beside what the admin can change.
    if (refusal instanceof Response)
      return json({ stage: 'problem' as const, errors: [await refusal.text()] }, { status: refusal.status })
    throw refusal
  }
  const { intent, text, source } = submission

  if (intent === 'preview') return json(previewData(await previewImport(user, text), text, source))

  const outcome = await runImport(user, text)
  if ('refused' in outcome) return json(previewData(outcome.refused, text, source), { status: outcome.status })
  // The temporary passwords exist nowhere else; no cache may keep this page.
  return json({ stage: 'imported' as const, people: outcome.imported }, { headers: { 'Cache-Control': 'no-store' } })
}
