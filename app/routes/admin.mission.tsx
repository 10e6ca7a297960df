import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useId } from 'react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { EmptyState, PageHeader } from '~/components/page-header'
import { Alert, buttonClass, controlClassFor, ErrorList, SubmitButton } from '~/components/ui/forms'
import type { FieldErrors } from '~/domain/refusal'
import { MISSION_MAX_LENGTH, missionRestoreSchema, missionSchema } from '~/forms/admin.server'
import { fieldErrorsOf, formValues, intentOf } from '~/utils/form.server'
import {
  type MissionSaveResult,
  getMissionStatement,
  missionHistory,
  restoreMissionRevision,
  saveMissionStatement,
} from '~/models/mission.server'
import { requireUser } from '~/utils/require-user.server'
import { invariantResponse } from '~/utils/responses.server'
import { useDateTime } from '~/components/ui/date-time'

export const meta: MetaFunction = () => [{ title: 'Mission · Admin · Servewell' }]

type Outcome = 'saved' | 'restored' | 'unchanged'

function outcomeOf(result: MissionSaveResult, intent: 'save' | 'restore'): Outcome {
  if (!result.changed) return 'unchanged'
  return intent === 'save' ? 'saved' : 'restored'
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'users:manage' })
  const [current, history] = await Promise.all([
    getMissionStatement(user.organisationId),
    missionHistory(user.organisationId),
  ])
  return json({ current, history, maxLength: MISSION_MAX_LENGTH })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'users:manage' })
  const values = await formValues(request, ['intent', 'text', 'revisionId'])
  const intent = intentOf(values.intent, ['save', 'restore'])
  if (!intent) {
    const errors: FieldErrors = { form: ['Unknown action.'] }
    return json({ errors, outcome: null }, { status: 400 })
  }

  if (intent === 'save') {
    const parsed = missionSchema.safeParse(values)
    if (!parsed.success) return json({ errors: fieldErrorsOf(parsed.error), outcome: null }, { status: 400 })
    const result = await saveMissionStatement(user, parsed.data.text)
    return json({ errors: null, outcome: outcomeOf(result, 'save') })
  }

  const parsed = missionRestoreSchema.safeParse(values)
  if (!parsed.success) return json({ errors: fieldErrorsOf(parsed.error), outcome: null }, { status: 400 })
  const result = await restoreMissionRevision(user, parsed.data.revisionId)
  invariantResponse(result, 'No such revision of your organisation’s mission statement.')
  return json({ errors: null, outcome: outcomeOf(result, 'restore') })
}

const outcomeMessages: Record<Outcome, string> = {
  saved: 'Mission statement saved. Lessons show the new text from now on.',
  restored: 'Revision restored. It is the current mission statement again.',
  unchanged: 'Nothing to save: that is already the current mission statement.',
}

export default function MissionPage() {
  const dateTime = useDateTime()
  const { current, history, maxLength } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const id = useId()
  const errors = actionData?.errors ?? undefined
  const textErrors = errors?.text
  const formErrors = [...(errors?.form ?? []), ...(errors?.revisionId ?? [])]
  const hintId = `${id}-hint`
  const errorId = `${id}-error`

  return (
    <>
      <PageHeader
        title="Service mission"
        description="The statement lessons show wherever they quote your mission. Every change is kept, so an earlier version can be restored."
      />
      <div className="mb-6 space-y-3">
        {actionData?.outcome ? <Alert tone="success">{outcomeMessages[actionData.outcome]}</Alert> : null}
        {formErrors.length ? <Alert>{formErrors.join(' ')}</Alert> : null}
      </div>

      <section aria-labelledby="current-title" className="max-w-2xl">
        <h2 id="current-title" className="text-lg font-semibold">
          Current statement
        </h2>
        {current ? (
          <blockquote className="mt-3 whitespace-pre-line rounded-lg border-l-4 border-brand-600 bg-white px-5 py-4 text-slate-900 shadow-sm">
            {current}
          </blockquote>
        ) : (
          <p className="mt-3 text-slate-700">
            No mission statement yet. Lessons ask learners to check with their manager.
          </p>
        )}
      </section>

      <Form method="post" className="mt-8 max-w-2xl space-y-3" noValidate>
        <div>
          <label htmlFor={id} className="block text-sm font-medium text-slate-800">
            Mission statement
          </label>
          <p id={hintId} className="text-sm text-slate-600">
            Up to {maxLength} characters. Saving the current text again changes nothing.
          </p>
          <textarea
            // Remounts after a save or restore so the box shows the new current text; a rejected draft stays put.
            key={current ?? ''}
            id={id}
            name="text"
            rows={5}
            maxLength={maxLength}
            required
            defaultValue={current ?? ''}
            aria-invalid={textErrors?.length ? true : undefined}
            aria-describedby={textErrors?.length ? `${errorId} ${hintId}` : hintId}
            className={`mt-1 ${controlClassFor(textErrors)}`}
          />
          <ErrorList id={errorId} errors={textErrors} />
        </div>
        <SubmitButton pendingLabel="Saving…" name="intent" value="save" className={buttonClass()}>
          Save statement
        </SubmitButton>
      </Form>

      <section aria-labelledby="history-title" className="mt-12 max-w-2xl">
        <h2 id="history-title" className="text-lg font-semibold">
          History
        </h2>
        {history.length === 0 ? (
          <div className="mt-3">
            <EmptyState title="No saved revisions yet">
              Each time the statement is saved, the new text is kept here.
            </EmptyState>
          </div>
        ) : (
          <ol className="mt-3 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {history.map((revision) => {
              const when = dateTime(revision.createdAt)
              return (
                <li key={revision.id} className="px-4 py-4">
                  <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm text-slate-600">
                    <p>
                      <time dateTime={revision.createdAt}>{when}</time> · {revision.editorName ?? 'A former user'}
                    </p>
                    {revision.text === current ? (
                      <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-800">
                        Current text
                      </span>
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="revisionId" value={revision.id} />
                        <SubmitButton
                          pendingLabel="Restoring…"
                          name="intent"
                          value="restore"
                          className={buttonClass('secondary')}
                        >
                          Restore<span className="sr-only"> the version from {when}</span>
                        </SubmitButton>
                      </Form>
                    )}
                  </div>
                  <p className="mt-2 whitespace-pre-line text-slate-900">{revision.text}</p>
                </li>
              )
            })}
          </ol>
        )}
      </section>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
