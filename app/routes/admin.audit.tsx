import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { AuditTable } from '~/components/audit-table'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { EmptyState, PageHeader } from '~/components/page-header'
import { listAuditEntries } from '~/models/audit.server'
import { requireUser } from '~/utils/require-user.server'

export const meta: MetaFunction = () => [{ title: 'Audit log · Servewell' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'users:manage' })
  return json({ entries: await listAuditEntries(user.organisationId, 200) })
}

export default function AuditPage() {
  const { entries } = useLoaderData<typeof loader>()
  return (
    <>
      <PageHeader title="Audit log" description="Every change to people and teams, newest first (the latest 200)." />
      {entries.length ? <AuditTable rows={entries} /> : <EmptyState title="No changes recorded yet" />}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
