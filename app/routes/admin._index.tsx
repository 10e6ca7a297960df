import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { AuditTable } from '~/components/audit-table'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { EmptyState, PageHeader } from '~/components/page-header'
import { ErrorList, buttonClass, controlClassFor, SubmitButton } from '~/components/ui/forms'
import { roleLabels, roles } from '~/domain/permissions'
import { listAuditEntries } from '~/models/audit.server'
import { organisationSummary } from '~/models/organisation-summary.server'
import { publishNeedsReviewOf, setPublishNeedsReview } from '~/models/studio.server'
import { setTimeZone, timeZoneSetting } from '~/models/time-zone.server'
import { refusalResponse } from '~/utils/responses.server'
import { formValues } from '~/utils/form.server'
import { requireUser } from '~/utils/require-user.server'

export const meta: MetaFunction = () => [{ title: 'Admin · Servewell' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'users:manage' })
  const [summary, recent, publishNeedsReview, timeZone] = await Promise.all([
    organisationSummary(user.organisationId),
    listAuditEntries(user.organisationId, { person: '', kind: null, page: 1 }, 10),
    publishNeedsReviewOf(user.organisationId),
    timeZoneSetting(user.organisationId),
  ])
  return json({ summary, recent, publishNeedsReview, timeZone })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'users:manage' })
  const { intent, publishNeedsReview, timeZone } = await formValues(request, [
    'intent',
    'publishNeedsReview',
    'timeZone',
  ])
  try {
    if (intent === 'time-zone') await setTimeZone(user, timeZone ? timeZone : null)
    else await setPublishNeedsReview(user, publishNeedsReview === 'on')
  } catch (error) {
    return refusalResponse(error, (refusal) => ({ error: refusal.message }))
  }
  return redirect('/admin')
}

export default function AdminHome() {
  const { summary, recent, publishNeedsReview, timeZone } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
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
        <SubmitButton pendingLabel="Saving…" className={`mt-3 ${buttonClass('secondary')}`}>
          Save setting
        </SubmitButton>
      </Form>
      <Form method="post" className="mt-4 max-w-2xl rounded-lg border border-slate-200 bg-white p-4">
        <input type="hidden" name="intent" value="time-zone" />
        <label htmlFor="timeZone" className="block text-sm font-medium">
          Time zone
        </label>
        <p id="timeZone-hint" className="text-sm text-slate-600">
          Times on every page, and what counts as today for due dates, follow this zone.
        </p>
        <select
          id="timeZone"
          name="timeZone"
          defaultValue={timeZone.chosen ?? ''}
          aria-describedby="timeZone-hint"
          className={`mt-2 ${controlClassFor(result?.error ? [result.error] : null)}`}
        >
          <option value="">The server’s: {timeZone.server}</option>
          {timeZone.zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll('_', ' ')}
            </option>
          ))}
        </select>
        {result?.error ? <ErrorList errors={[result.error]} /> : null}
        <SubmitButton pendingLabel="Saving…" className={`mt-3 ${buttonClass('secondary')}`}>
          Save time zone
        </SubmitButton>
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
