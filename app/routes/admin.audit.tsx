import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { AuditTable } from '~/components/audit-table'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FilterForm, NoMatches } from '~/components/filter-form'
import { EmptyState, PageHeader } from '~/components/page-header'
import { Field, SelectField } from '~/components/ui/forms'
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
      <FilterForm
        label="Filter the audit log"
        filters={filters}
        filtered={filtered}
        clearTo="/admin/audit"
        submitLabel="Show changes"
        className="sm:grid-cols-[1fr_1fr_auto]"
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
      </FilterForm>
      {entries.length ? (
        <>
          <AuditTable rows={entries} names={names} />
          <Pagination window={window} label="Pages of the audit log" />
        </>
      ) : filtered ? (
        <NoMatches title="No changes match these filters" clearTo="/admin/audit" />
      ) : (
        <EmptyState title="No changes recorded yet" />
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
