import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useId } from 'react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { Alert, buttonClass, controlClassFor, Field, SubmitButton } from '~/components/ui/forms'
import type { ImportColumn, ImportReport } from '~/domain/user-import'
import { importFileFormat } from '~/models/user-import.server'
import { listTeams } from '~/models/users.server'
import { requireUser } from '~/utils/require-user.server'
import { type Source, handleImportForm } from './intents.server'
import { DataTable } from '~/components/ui/data-table'

export const meta: MetaFunction = () => [{ title: 'Import people · Admin · Servewell' }]

// A form posted without JavaScript gets the result as a document, which needs the action's no-store too.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const cacheControl = actionHeaders.get('Cache-Control')
  return cacheControl ? [['Cache-Control', cacheControl]] : []
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'users:manage' })
  return json({ teams: (await listTeams(user.organisationId)).map((t) => t.name), ...importFileFormat() })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'users:manage' })
  return handleImportForm(user, request)
}

const exampleCsv = `name,email,role,team,manager email,hire date
Rosa Alvarez,rosa.alvarez@example.com,manager,Front Desk,,2025-03-03
Kai Moreno,kai.moreno@example.com,learner,Front Desk,rosa.alvarez@example.com,2025-03-10
Ines Costa,ines.costa@example.com,,,,`

const columnHelp: Record<ImportColumn, { required: boolean; text: string }> = {
  name: { required: true, text: 'Full name, up to 120 characters.' },
  email: { required: true, text: 'Their sign-in. Must not be used by anyone yet, nor twice in the file.' },
  role: { required: false, text: 'learner, manager, trainer or admin. Blank means learner.' },
  team: { required: false, text: 'The name of one of your teams.' },
  managerEmail: {
    required: false,
    text: 'An active manager or admin, or someone in the same file with the role manager or admin.',
  },
  hiredAt: {
    required: false,
    text: 'As YYYY-MM-DD. Onboarding due dates count from it; blank counts from the import day.',
  },
}

export default function ImportUsersPage() {
  const { teams, columns, maxRows } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const pasteId = useId()

  if (actionData?.stage === 'imported') return <ImportResult people={actionData.people} />

  return (
    <>
      <PageHeader
        title="Import people from CSV"
        description="Add many people at once. Preview the file first: nothing is created until you choose to import, and then everyone you chose is created together."
        actions={
          <Link to="/admin/users" className={buttonClass('secondary')}>
            Back to People
          </Link>
        }
      />

      <section aria-labelledby="columns-title" className="max-w-3xl">
        <h2 id="columns-title" className="text-lg font-semibold">
          What the file needs
        </h2>
        <p className="mt-2 text-slate-700">
          A header row, then one person per row. Headers are matched ignoring case, spaces and underscores, so{' '}
          <code>manager_email</code> and <code>Manager email</code> both work, as do <code>hire_date</code> and{' '}
          <code>hired_at</code>. Up to {maxRows.toLocaleString('en')} people and 1 MB per file.
        </p>
        <DataTable
          caption="Columns of the import file"
          columns={[{ label: 'Column' }, { label: 'Required' }, { label: 'What to put in it' }]}
          className="mt-3"
          compact
        >
          {columns.map((column) => (
            <tr key={column.key}>
              <th scope="row" className="whitespace-nowrap px-4 py-2 font-mono font-normal">
                {column.label}
              </th>
              <td className="px-4 py-2">{columnHelp[column.key].required ? 'Yes' : 'No'}</td>
              <td className="px-4 py-2">
                {columnHelp[column.key].text}
                {column.key === 'team' && teams.length > 0 ? ` Yours: ${teams.join(', ')}.` : null}
              </td>
            </tr>
          ))}
        </DataTable>
        <h3 className="mt-4 text-sm font-semibold text-slate-800">Example</h3>
        {/* Wider than a phone: a labelled region keyboard users can scroll (axe: scrollable-region-focusable). */}
        <pre
          role="region"
          aria-label="Example CSV file"
          tabIndex={0}
          className="mt-1 overflow-x-auto rounded-md bg-slate-900 px-4 py-3 text-sm text-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
        >
          {exampleCsv}
        </pre>
      </section>

      <Form method="post" encType="multipart/form-data" className="mt-8 max-w-3xl space-y-5" noValidate>
        {actionData?.stage === 'problem' ? <Alert>{actionData.errors.join(' ')}</Alert> : null}
        <Field
          label="CSV file"
          name="file"
          type="file"
          accept=".csv,text/csv"
          hint="If you choose a file, pasted text below is ignored."
        />
        <div>
          <label htmlFor={pasteId} className="block text-sm font-medium text-slate-800">
            Or paste CSV text
          </label>
          <textarea
            id={pasteId}
            name="csv"
            rows={8}
            spellCheck={false}
            defaultValue={actionData?.stage === 'preview' ? actionData.pasted : ''}
            className={`mt-1 font-mono text-sm ${controlClassFor()}`}
          />
        </div>
        <SubmitButton pendingLabel="Reading the file…" name="intent" value="preview" className={buttonClass()}>
          Preview
        </SubmitButton>
      </Form>

      {actionData?.stage === 'preview' ? (
        <ImportPreview
          report={actionData.report}
          columns={columns}
          source={actionData.source}
          csv={actionData.csv}
          readyLines={actionData.readyLines}
        />
      ) : null}
    </>
  )
}

function ImportPreview({
  report,
  columns,
  source,
  csv,
  readyLines,
}: {
  report: ImportReport
  columns: { key: ImportColumn; label: string }[]
  source: Source
  csv: string | null
  readyLines: string
}) {
  const { summary } = report
  const labels = new Map(columns.map((c) => [c.key, c.label]))
  const people = (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'person' : 'people'}`
  const rows = (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'row' : 'rows'}`
  return (
    <section aria-labelledby="preview-title" className="mt-10">
      <h2 id="preview-title" className="break-words text-lg font-semibold">
        Preview of {source.kind === 'file' ? source.name : 'the pasted text'}
      </h2>
      <div className="mt-3 max-w-3xl space-y-3">
        {report.fileErrors.length > 0 ? (
          <Alert>
            <p className="font-semibold">The file cannot be imported:</p>
            <ul className="mt-1 list-disc pl-5">
              {report.fileErrors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </Alert>
        ) : summary.withErrors > 0 ? (
          <Alert>
            {rows(summary.ready)} ready, {rows(summary.withErrors)} with problems. Nothing has been imported. Fix the
            problems and preview again, or import just the ready rows.
          </Alert>
        ) : (
          <Alert tone="success">{rows(summary.ready)} ready to import.</Alert>
        )}
        {csv !== null ? (
          <div className="flex flex-wrap gap-3">
            {summary.ready > 0 ? (
              <Form method="post" encType="multipart/form-data">
                <input type="hidden" name="csv" value={csv} />
                {summary.canImport ? (
                  <SubmitButton pendingLabel="Importing…" name="intent" value="import" className={buttonClass()}>
                    Import {people(summary.ready)}
                  </SubmitButton>
                ) : (
                  <>
                    <input type="hidden" name="lines" value={readyLines} />
                    <SubmitButton
                      pendingLabel="Importing…"
                      name="intent"
                      value="import-ready"
                      className={buttonClass()}
                    >
                      Import {people(summary.ready)}, skip {rows(summary.withErrors)} with problems
                    </SubmitButton>
                  </>
                )}
              </Form>
            ) : null}
            {summary.withErrors > 0 ? (
              // A plain form: the answer is a file to download, not a page.
              <Form
                method="post"
                action="/admin/users/import/problems.csv"
                encType="multipart/form-data"
                reloadDocument
              >
                <input type="hidden" name="csv" value={csv} />
                <button type="submit" className={buttonClass('secondary')}>
                  Download the {rows(summary.withErrors)} with problems (CSV)
                </button>
              </Form>
            ) : null}
          </div>
        ) : null}
      </div>

      {report.rows.length > 0 ? (
        // One card a row, problems under its values: nothing to scroll sideways for, even on a phone.
        <ol aria-label="Rows of the file, with their problems" className="mt-6 space-y-2">
          {report.rows.map((row) => {
            const bad = new Set(row.errors.map((e) => e.column))
            return (
              <li
                key={row.line}
                className={`rounded-lg border px-4 py-3 text-sm ${row.errors.length > 0 ? 'border-red-200 bg-red-50' : 'border-slate-200 bg-white'}`}
              >
                <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                  <span className="font-semibold tabular-nums">Line {row.line}</span>
                  {row.errors.length === 0 ? <span className="text-brand-800">Ready</span> : null}
                </div>
                <dl className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                  {columns.map(({ key, label }) => (
                    <div key={key} className="flex min-w-0 gap-1">
                      <dt className="text-slate-600">{label}:</dt>
                      <dd className={`break-all ${bad.has(key) ? 'font-semibold text-red-800' : ''}`}>
                        {row.values[key] || <span className="text-slate-400">—</span>}
                      </dd>
                    </div>
                  ))}
                </dl>
                {row.errors.length > 0 ? (
                  <ul className="mt-2 space-y-0.5 text-red-800" aria-label={`Problems on line ${row.line}`}>
                    {row.errors.map((e) => (
                      <li key={`${e.column}:${e.message}`}>
                        {e.column ? <span className="font-semibold capitalize">{labels.get(e.column)}: </span> : null}
                        {e.message}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            )
          })}
        </ol>
      ) : null}
    </section>
  )
}

function ImportResult({
  people,
}: {
  people: { id: string; name: string; email: string; temporaryPassword: string }[]
}) {
  return (
    <>
      <PageHeader
        title="People imported"
        description={`${people.length.toLocaleString('en')} ${people.length === 1 ? 'person was' : 'people were'} added, each with their onboarding path.`}
      />
      <div className="max-w-3xl space-y-4">
        <Alert tone="success">
          These temporary passwords are shown only once and cannot be looked up again. Copy them now and hand each one
          to its owner privately.
        </Alert>
        <DataTable
          caption="Imported people and their temporary passwords"
          columns={[{ label: 'Name' }, { label: 'Email' }, { label: 'Temporary password' }]}
        >
          {people.map((p) => (
            <tr key={p.id}>
              <td className="px-4 py-3">{p.name}</td>
              <td className="px-4 py-3">{p.email}</td>
              <td className="px-4 py-3 font-mono">{p.temporaryPassword}</td>
            </tr>
          ))}
        </DataTable>
        <div className="flex gap-3">
          <Link to="/admin/users" className={buttonClass()}>
            Go to People
          </Link>
          <Link to="/admin/users/import" className={buttonClass('secondary')}>
            Import another file
          </Link>
        </div>
      </div>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
