import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { buttonClass } from '~/components/ui/forms'
import { roleLabels } from '~/domain/permissions'
import { listUsers } from '~/models/users.server'
import { formatDate } from '~/domain/calendar'
import { requireUser } from '~/utils/require-user.server'
import { DataTable } from '~/components/ui/data-table'

export const meta: MetaFunction = () => [{ title: 'People · Admin · Servewell' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'users:manage' })
  return json({ people: await listUsers(user.organisationId) })
}

export default function AdminUsers() {
  const { people } = useLoaderData<typeof loader>()
  return (
    <>
      <PageHeader
        title="People"
        description={`${people.filter((p) => !p.deactivatedAt).length} active, ${people.filter((p) => p.deactivatedAt).length} deactivated.`}
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
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
