import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { AuditTable } from '~/components/audit-table'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { EmptyState, PageHeader } from '~/components/page-header'
import { buttonClass } from '~/components/ui/forms'
import { roleLabels, roles } from '~/domain/permissions'
import { listAuditEntries } from '~/models/audit.server'
import { organisationSummary } from '~/models/organisation-summary.server'
import { publishNeedsReviewOf, setPublishNeedsReview } from '~/models/studio.server'
import { formValues } from '~/utils/form.server'
import { requireUser } from '~/utils/require-user.server'

export const meta: MetaFunction = () => [{ title: 'Admin · Servewell' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'users:manage' })
  const [summary, recent, publishNeedsReview] = await Promise.all([
    organisationSummary(user.organisationId),
    listAuditEntries(user.organisationId, { person: '', kind: null, page: 1 }, 10),
    publishNeedsReviewOf(user.organisationId),
  ])
  return json({ summary, recent, publishNeedsReview })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'users:manage' })
  const { publishNeedsReview } = await formValues(request, ['publishNeedsReview'])
  await setPublishNeedsReview(user, publishNeedsReview === 'on')
  return redirect('/admin')
}

export default function AdminHome() {
  const { summary, recent, publishNeedsReview } = useLoaderData<typeof loader>()
  return (
    <>
      <PageHeader
        title="Admin"
        description="People, teams and roles in your organisation."
        actions={
          <Link to="/admin/users/new" className={buttonClass()}>
            Add a person
          </Link>
        }
      />
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-5">
        {roles.map((role) => (
          <div key={role} className="rounded-lg border border-slate-200 bg-white px-4 py-3">
            <dt className="text-sm text-slate-600">{roleLabels[role]}s</dt>
            <dd className="mt-1 text-2xl font-semibold">{summary.activeByRole[role]}</dd>
          </div>
        ))}
        <div className="rounded-lg border border-slate-200 bg-white px-4 py-3">
          <dt className="text-sm text-slate-600">Teams</dt>
          <dd className="mt-1 text-2xl font-semibold">{summary.teams}</dd>
        </div>
      </dl>
      <Form method="post" className="mt-8 max-w-2xl rounded-lg border border-slate-200 bg-white p-4">
        <label className="flex items-start gap-3 text-sm">
          <input type="checkbox" name="publishNeedsReview" defaultChecked={publishNeedsReview} className="mt-1" />
          <span>
            <span className="font-medium">Publishing a lesson needs a second pair of eyes.</span> A trainer asks for a
            review; another trainer or an admin approves it, which publishes it.
          </span>
        </label>
        <button type="submit" className={`mt-3 ${buttonClass('secondary')}`}>
          Save setting
        </button>
      </Form>
      <div className="mb-3 mt-10 flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold">Recent changes</h2>
        <Link to="/admin/audit" className="text-sm font-medium text-brand-700 underline underline-offset-2">
          The whole audit log
        </Link>
      </div>
      {recent.entries.length ? (
        <AuditTable rows={recent.entries} names={recent.names} />
      ) : (
        <EmptyState title="No changes recorded yet" />
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
