import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { EmptyState, PageHeader } from '~/components/page-header'
import { can, roleLabels } from '~/domain/permissions'
import { listReports, listUsers } from '~/models/users.server'
import { formatDate } from '~/utils/dates'
import { requireUser } from '~/utils/require-user.server'

export const meta: MetaFunction = () => [{ title: 'Team · Servewell' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: ['team:view:own', 'team:view:any'] })
  if (can(user.role, 'team:view:any')) {
    const everyone = await listUsers(user.organisationId)
    return json({
      scope: 'organisation' as const,
      people: everyone
        .filter((p) => !p.deactivatedAt)
        .map(({ id, name, email, role, hiredAt, teamName }) => ({ id, name, email, role, hiredAt, teamName })),
    })
  }
  return json({ scope: 'reports' as const, people: await listReports(user.id) })
}

export default function TeamPage() {
  const { scope, people } = useLoaderData<typeof loader>()
  return (
    <>
      <PageHeader
        title="Team"
        description={
          scope === 'reports'
            ? 'The people who report to you.'
            : 'Everyone in your organisation, by team.'
        }
      />
      {people.length === 0 ? (
        <EmptyState title="Nobody reports to you yet">
          An admin sets each person's manager; your reports appear here once they do.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">People</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-3 font-semibold">Name</th>
                <th scope="col" className="px-4 py-3 font-semibold">Team</th>
                <th scope="col" className="px-4 py-3 font-semibold">Role</th>
                <th scope="col" className="px-4 py-3 font-semibold">Started</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {people.map((p) => (
                <tr key={p.id}>
                  <td className="px-4 py-3">
                    <span className="font-medium">{p.name}</span>
                    <span className="block text-slate-600">{p.email}</span>
                  </td>
                  <td className="px-4 py-3">{p.teamName ?? '—'}</td>
                  <td className="px-4 py-3">{roleLabels[p.role]}</td>
                  <td className="px-4 py-3">{formatDate(p.hiredAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
