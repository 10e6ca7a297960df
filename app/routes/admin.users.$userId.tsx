import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { Alert, Field, buttonClass, SubmitButton } from '~/components/ui/forms'
import { UserForm } from '~/components/user-form'
import { userUpdateSchema } from '~/domain/user-input.server'
import { fieldErrorsOf, formValues, intentOf } from '~/utils/form.server'
import { uuidOrNull } from '~/utils/params.server'
import {
  getUserInOrganisation,
  listManagerCandidates,
  listTeams,
  resetPassword,
  setUserActive,
  updateUser,
} from '~/models/users.server'
import { requireUser } from '~/utils/require-user.server'
import { invariantResponse, refusalResponse } from '~/utils/responses.server'
import { useDateTime } from '~/components/ui/date-time'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.person.name ?? 'Person'} · Admin · Servewell` },
]

function parseUserId(params: { userId?: string }) {
  const userId = uuidOrNull(params.userId)
  invariantResponse(userId, 'No such person in your organisation.')
  return userId
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'users:manage' })
  const userId = parseUserId(params)
  const [person, teams, managers] = await Promise.all([
    getUserInOrganisation(user.organisationId, userId),
    listTeams(user.organisationId),
    listManagerCandidates(user.organisationId),
  ])
  invariantResponse(person, 'No such person in your organisation.')
  return json({
    person,
    teams,
    managers: managers.filter((m) => m.id !== person.id),
    isSelf: person.id === user.id,
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'users:manage' })
  const userId = parseUserId(params)
  const values = await formValues(request, [
    'intent',
    'name',
    'role',
    'teamId',
    'managerId',
    'hiredAt',
    'password',
    'confirm',
  ])
  const intent = intentOf(values.intent, ['save', 'deactivate', 'reactivate', 'reset-password'])
  if (!intent) return json({ errors: { form: ['Unknown action.'] }, saved: false }, { status: 400 })

  try {
    if (intent === 'save') {
      const parsed = userUpdateSchema.safeParse(values)
      if (!parsed.success) return json({ errors: fieldErrorsOf(parsed.error), saved: false }, { status: 400 })
      const result = await updateUser(user, userId, parsed.data)
      invariantResponse(result, 'No such person in your organisation.')
      return json({ errors: null, saved: true })
    }
    if (intent === 'reset-password') {
      const result = await resetPassword(user, userId, values.password ?? '')
      invariantResponse(result, 'No such person in your organisation.')
      return json({ errors: null, saved: false, passwordReset: true })
    }
    // Deactivating signs someone out everywhere: a lone click (or a stale form) only opens the confirmation.
    if (intent === 'deactivate' && values.confirm !== 'yes')
      return redirect(`/admin/users/${userId}?confirm=deactivate`)
    const result = await setUserActive(user, userId, intent === 'reactivate')
    invariantResponse(result, 'No such person in your organisation.')
    return redirect(`/admin/users/${userId}`)
  } catch (error) {
    return refusalResponse(error, (refusal) => ({ errors: refusal.fieldErrors, saved: false }))
  }
}

export default function EditUserPage() {
  const dateTime = useDateTime()
  const { person, teams, managers, isSelf } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const errors: Record<string, string[] | undefined> | undefined = actionData?.errors ?? undefined
  const confirming = searchParams.get('confirm') === 'deactivate'
  const confirmTitle = useRef<HTMLParagraphElement>(null)
  // The question replaces the button that asked it, so the keyboard and screen reader go to it.
  useEffect(() => {
    if (confirming) confirmTitle.current?.focus()
  }, [confirming])
  return (
    <>
      <PageHeader
        title={person.name}
        description={
          <>
            {person.email}
            {person.deactivatedAt ? ` · deactivated ${dateTime(person.deactivatedAt)}` : ''}
          </>
        }
        actions={
          <Link to={`/admin/audit?person=${encodeURIComponent(person.email)}`} className={buttonClass('secondary')}>
            Audit log
          </Link>
        }
      />
      <div className="mb-6 space-y-3">
        {searchParams.get('created') ? <Alert tone="success">{person.name} was added.</Alert> : null}
        {actionData?.saved ? <Alert tone="success">Changes saved.</Alert> : null}
        {actionData && 'passwordReset' in actionData ? (
          <Alert tone="success">Password reset. {person.name} has been signed out everywhere.</Alert>
        ) : null}
      </div>
      <UserForm key={person.id} mode="edit" values={person} teams={teams} managers={managers} errors={errors} />
      <section
        className="mt-12 max-w-xl rounded-lg border border-slate-200 bg-white p-5"
        aria-labelledby="password-title"
      >
        <h2 id="password-title" className="font-semibold">
          Reset password
        </h2>
        <Form method="post" className="mt-3 space-y-3" noValidate>
          <Field
            label="New password"
            name="password"
            type="password"
            autoComplete="new-password"
            hint="Signs the person out everywhere. Share the new password with them privately."
            errors={errors?.password}
          />
          <SubmitButton
            pendingLabel="Resetting…"
            name="intent"
            value="reset-password"
            className={buttonClass('secondary')}
          >
            Reset password
          </SubmitButton>
        </Form>
      </section>
      {isSelf ? null : (
        <section
          className="mt-8 max-w-xl rounded-lg border border-slate-200 bg-white p-5"
          aria-labelledby="access-title"
        >
          <h2 id="access-title" className="font-semibold">
            Access
          </h2>
          {person.deactivatedAt ? (
            <Form method="post" className="mt-3">
              <p className="text-sm text-slate-700">This person cannot sign in. Their records are kept.</p>
              <SubmitButton
                pendingLabel="Reactivating…"
                name="intent"
                value="reactivate"
                className={`${buttonClass('secondary')} mt-3`}
              >
                Reactivate
              </SubmitButton>
            </Form>
          ) : confirming ? (
            <Form method="post" className="mt-3" aria-labelledby="confirm-title">
              <p id="confirm-title" ref={confirmTitle} tabIndex={-1} className="font-medium text-red-800">
                Deactivate {person.name}?
              </p>
              <p className="mt-1 text-sm text-slate-700">
                They are signed out everywhere at once and cannot sign in until an admin reactivates them. Their
                learning records are kept.
              </p>
              <input type="hidden" name="confirm" value="yes" />
              <div className="mt-3 flex flex-wrap gap-2">
                <SubmitButton
                  pendingLabel="Deactivating…"
                  name="intent"
                  value="deactivate"
                  className={buttonClass('danger')}
                >
                  Yes, deactivate {person.name}
                </SubmitButton>
                <Link to={`/admin/users/${person.id}`} preventScrollReset className={buttonClass('secondary')}>
                  Cancel
                </Link>
              </div>
            </Form>
          ) : (
            <div className="mt-3">
              <p className="text-sm text-slate-700">
                Deactivating signs the person out everywhere and stops them signing in. Their learning records are kept.
              </p>
              <Link to="?confirm=deactivate" preventScrollReset className={`${buttonClass('danger')} mt-3`}>
                Deactivate…
              </Link>
            </div>
          )}
        </section>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
