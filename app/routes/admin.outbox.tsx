import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { EmptyState, PageHeader } from '~/components/page-header'
import { Alert, buttonClass, SubmitButton } from '~/components/ui/forms'
import { DUE_SOON_DAYS, type OutboxStatus, type ReminderKind } from '~/domain/reminders'
import { listOutbox } from '~/models/outbox.server'
import { createMailTransport, runReminderRound } from '~/reminders/worker.server'
import { getDatabase } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { formValues, intentOf } from '~/utils/form.server'
import { requireUser } from '~/utils/require-user.server'
import { DataTable } from '~/components/ui/data-table'
import { DateTime } from '~/components/ui/date-time'

export const meta: MetaFunction = () => [{ title: 'Outbox · Admin · Servewell' }]

const LIST_LIMIT = 200
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'users:manage' })
  return json({
    smtpConfigured: Boolean(getEnv().SMTP_URL),
    messages: await listOutbox(user.organisationId, { limit: LIST_LIMIT }),
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'users:manage' })
  const intent = intentOf((await formValues(request, ['intent'])).intent, ['run'])
  if (!intent) return json({ error: 'Unknown action.', queued: 0, sent: 0, failed: 0 }, { status: 400 })

  const env = getEnv()
  const round = await runReminderRound(getDatabase(), {
    now: new Date(),
    transport: createMailTransport(env.SMTP_URL),
    from: env.MAIL_FROM,
    appUrl: env.APP_URL,
    // The admin's own people only, so the counts they see are theirs.
    organisationId: user.organisationId,
    // Keeps the request short; the worker sends any remainder.
    limit: 50,
  })
  if (!round.ran) {
    return json(
      { error: 'Reminders are being checked right now. Try again in a minute.', queued: 0, sent: 0, failed: 0 },
      { status: 409 },
    )
  }
  return json({ error: null, queued: round.queued, sent: round.sent, failed: round.failed })
}

const kindLabels: Record<ReminderKind, string> = {
  due_soon: 'Due soon',
  overdue: 'Overdue',
  nudge: 'Reminder from a manager',
}

const statusStyles: Record<OutboxStatus, string> = {
  queued: 'bg-amber-50 text-amber-800 ring-amber-200',
  sent: 'bg-brand-50 text-brand-800 ring-brand-100',
  failed: 'bg-red-50 text-red-800 ring-red-200',
  withdrawn: 'bg-slate-100 text-slate-700 ring-slate-200',
}
const statusLabels: Record<OutboxStatus, string> = {
  queued: 'Queued',
  sent: 'Sent',
  failed: 'Failed',
  withdrawn: 'Withdrawn: no longer applies',
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

export default function OutboxPage() {
  const { smtpConfigured, messages } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <>
      <PageHeader
        title="Outbox"
        description={`Reminder emails for assigned work that is due within ${DUE_SOON_DAYS} days or overdue, newest first.`}
        actions={
          <Form method="post">
            <SubmitButton pendingLabel="Checking…" name="intent" value="run" className={buttonClass()}>
              Check reminders now
            </SubmitButton>
          </Form>
        }
      />
      <div className="mb-6 space-y-3">
        <p className="rounded-md border border-slate-200 bg-white px-4 py-3 text-sm text-slate-700">
          {smtpConfigured
            ? 'Reminders are emailed through SMTP.'
            : 'No SMTP_URL is set: reminders wait here. Set SMTP_URL to email them.'}
        </p>
        {actionData?.error ? <Alert>{actionData.error}</Alert> : null}
        {actionData && !actionData.error ? (
          <Alert tone="success">
            Checked: {plural(actionData.queued, 'new reminder', 'new reminders')} queued
            {smtpConfigured
              ? `, ${actionData.sent} sent${actionData.failed ? `, ${actionData.failed} failed to send` : ''}`
              : ''}
            .
          </Alert>
        ) : null}
      </div>
      {messages.length ? (
        <DataTable
          caption={`Reminder emails, newest first (the latest ${LIST_LIMIT})`}
          columns={[
            { label: 'To' },
            { label: 'Subject' },
            { label: 'Kind' },
            { label: 'Created' },
            { label: 'Status' },
          ]}
        >
          {messages.map((m) => (
            <tr key={m.id} className="align-top">
              <td className="px-4 py-3">
                {m.recipientName ? <span className="block font-medium">{m.recipientName}</span> : null}
                <span className="text-slate-700">{m.toEmail}</span>
              </td>
              <td className="px-4 py-3">
                <details>
                  <summary className="cursor-pointer font-medium text-slate-900">{m.subject}</summary>
                  <pre className="mt-2 whitespace-pre-wrap break-words font-sans text-slate-700">{m.body}</pre>
                </details>
              </td>
              <td className="whitespace-nowrap px-4 py-3">{kindLabels[m.kind]}</td>
              <td className="whitespace-nowrap px-4 py-3">
                <DateTime value={m.createdAt} />
              </td>
              <td className="px-4 py-3">
                <span
                  className={`inline-block rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ${statusStyles[m.status]}`}
                >
                  {statusLabels[m.status]}
                </span>
                {m.sentAt ? (
                  <span className="mt-1 block text-xs text-slate-600">
                    <DateTime value={m.sentAt} />
                  </span>
                ) : null}
                {!m.sentAt && m.lastError ? (
                  <span className="mt-1 block text-xs text-red-700">
                    {plural(m.tries, 'try', 'tries')}: {m.lastError}
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <EmptyState title="No reminders yet">
          A reminder is queued when assigned work is due within {DUE_SOON_DAYS} days, and again if it becomes overdue.
        </EmptyState>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
