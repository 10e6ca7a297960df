import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { AuditTable } from '~/components/audit-table'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { EmptyState, PageHeader } from '~/components/page-header'
import { Field, SelectField, buttonClass } from '~/components/ui/forms'
import { Pagination } from '~/components/ui/pagination'
import { auditActionLabels, parseAuditFilters } from '~/domain/audit-entries'
import { listAuditEntries } from '~/models/audit.server'
import { requireUser } from '~/utils/require-user.server'

export const meta: MetaFunction = () => [{ title: 'Audit log · Servewell' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'users:manage' })
  const filters = parseAuditFilters(new URL(request.url).searchParams)
  return json({ ...(await listAuditEntries(user.organisationId, filters)), filters })
}

export default function AuditPage() {
  const { entries, names, window, filters } = useLoaderData<typeof loader>()
  const filtered = filters.person !== '' || filters.kind !== null
  return (
    <>
      <PageHeader title="Audit log" description="Every change to people, teams and settings, newest first." />
      <Form
        method="get"
        role="search"
        aria-label="Filter the audit log"
        key={JSON.stringify(filters)}
        className="mb-6 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-[1fr_1fr_auto]"
      >
        <Field
          label="Person"
          name="person"
          type="search"
          defaultValue={filters.person}
          autoComplete="off"
          hint="Part of a name or email: changes they made or that were made to them."
        />
        <SelectField
          label="Kind of change"
          name="kind"
          defaultValue={filters.kind ?? ''}
          options={[
            { value: '', label: 'Any change' },
            ...Object.entries(auditActionLabels).map(([value, label]) => ({ value, label })),
          ]}
        />
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClass()}>
            Show changes
          </button>
          {filtered ? (
            <Link to="/admin/audit" className={buttonClass('secondary')}>
              Clear filters
            </Link>
          ) : null}
        </div>
      </Form>
      {entries.length ? (
        <>
          <AuditTable rows={entries} names={names} />
          <Pagination window={window} label="Pages of the audit log" />
        </>
      ) : filtered ? (
        <EmptyState title="No changes match these filters">
          <Link to="/admin/audit" className={buttonClass('secondary')}>
            Clear filters
          </Link>
        </EmptyState>
      ) : (
        <EmptyState title="No changes recorded yet" />
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
