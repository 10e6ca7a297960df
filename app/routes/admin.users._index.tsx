import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FilterForm, NoMatches } from '~/components/filter-form'
import { PageHeader } from '~/components/page-header'
import { DataTable } from '~/components/ui/data-table'
import { Field, SelectField, buttonClass } from '~/components/ui/forms'
import { Pagination } from '~/components/ui/pagination'
import { formatDate } from '~/domain/calendar'
import { isFiltered, parsePeopleFilters, peopleSortLabels, peopleSorts } from '~/domain/people-filters'
import { roleLabels, roles } from '~/domain/permissions'
import { countPeople, listPeople, listTeams } from '~/models/users.server'
import { requireUser } from '~/utils/require-user.server'

export const meta: MetaFunction = () => [{ title: 'People · Admin · Servewell' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'users:manage' })
  const filters = parsePeopleFilters(new URL(request.url).searchParams)
  const [list, counts, teams] = await Promise.all([
    listPeople(user.organisationId, filters),
    countPeople(user.organisationId),
    listTeams(user.organisationId),
  ])
  return json({ ...list, counts, teams, filters, filtered: isFiltered(filters) })
}

export default function AdminUsers() {
  const { people, window, counts, teams, filters, filtered } = useLoaderData<typeof loader>()
  return (
    <>
      <PageHeader
        title="People"
        description={
          <>
            {counts.active.toLocaleString('en')} active,{' '}
            <Link to="?status=deactivated" className="text-brand-700 underline underline-offset-2">
              {counts.deactivated.toLocaleString('en')} deactivated
            </Link>
            .
          </>
        }
        actions={
          <>
            <Link to="/admin/users/import" className={buttonClass('secondary')}>
              Import from CSV
            </Link>
            <Link to="/admin/users/new" className={buttonClass()}>
              Add a person
            </Link>
          </>
        }
      />
      <FilterForm
        label="Find people"
        filters={filters}
        filtered={filtered}
        clearTo="/admin/users"
        submitLabel="Show people"
        className="grid-cols-2 lg:grid-cols-4"
        buttonsClassName="col-span-2 lg:col-span-1"
      >
        <div className="col-span-2">
          <Field label="Name or email" name="q" type="search" defaultValue={filters.q} autoComplete="off" />
        </div>
        <SelectField
          label="Team"
          name="team"
          defaultValue={filters.team ?? ''}
          options={[
            { value: '', label: 'Any team' },
            { value: 'none', label: 'No team' },
            ...teams.map((t) => ({ value: t.id, label: t.name })),
          ]}
        />
        <SelectField
          label="Role"
          name="role"
          defaultValue={filters.role ?? ''}
          options={[{ value: '', label: 'Any role' }, ...roles.map((r) => ({ value: r, label: roleLabels[r] }))]}
        />
        <SelectField
          label="Status"
          name="status"
          defaultValue={filters.status}
          options={[
            { value: 'active', label: 'Active' },
            { value: 'deactivated', label: 'Deactivated' },
            { value: 'all', label: 'Everyone' },
          ]}
        />
        <SelectField
          label="Sort by"
          name="sort"
          defaultValue={filters.sort}
          options={peopleSorts.map((s) => ({ value: s, label: peopleSortLabels[s] }))}
        />
        <SelectField
          label="Order"
          name="dir"
          defaultValue={filters.dir}
          options={[
            { value: 'asc', label: 'Ascending' },
            { value: 'desc', label: 'Descending' },
          ]}
        />
      </FilterForm>
      {people.length === 0 ? (
        <NoMatches title="No one matches these filters" clearTo="/admin/users">
          <p>Check the spelling, or widen the search.</p>
        </NoMatches>
      ) : (
        <>
          <DataTable
            caption="People in your organisation"
            columns={[
              { label: 'Name' },
              { label: 'Role' },
              { label: 'Team' },
              { label: 'Manager' },
              { label: 'Hired' },
              { label: 'Status' },
            ]}
          >
            {people.map((p) => (
              <tr key={p.id} className={p.deactivatedAt ? 'text-slate-500' : undefined}>
                <td className="px-4 py-3">
                  <Link
                    to={`/admin/users/${p.id}`}
                    className="font-medium text-brand-700 underline-offset-2 hover:underline"
                  >
                    {p.name}
                  </Link>
                  <span className="block text-slate-600">{p.email}</span>
                </td>
                <td className="px-4 py-3">{roleLabels[p.role]}</td>
                <td className="px-4 py-3">{p.teamName ?? '—'}</td>
                <td className="px-4 py-3">{p.managerName ?? '—'}</td>
                <td className="whitespace-nowrap px-4 py-3">{formatDate(p.hiredAt)}</td>
                <td className="px-4 py-3">{p.deactivatedAt ? 'Deactivated' : 'Active'}</td>
              </tr>
            ))}
          </DataTable>
          <Pagination window={window} label="Pages of people" />
        </>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
