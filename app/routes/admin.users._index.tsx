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
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">People in your organisation</caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-4 py-3 font-semibold">
                Name
              </th>
              <th scope="col" className="px-4 py-3 font-semibold">
                Role
              </th>
              <th scope="col" className="px-4 py-3 font-semibold">
                Team
              </th>
              <th scope="col" className="px-4 py-3 font-semibold">
                Manager
              </th>
              <th scope="col" className="px-4 py-3 font-semibold">
                Hired
              </th>
              <th scope="col" className="px-4 py-3 font-semibold">
                Status
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
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
          </tbody>
        </table>
      </div>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
