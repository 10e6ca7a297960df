import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, useActionData, useSearchParams } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Alert, Field, SubmitButton, buttonClass } from '~/components/ui/forms'
import { signInSchema } from '~/forms/learner.server'
import { fieldErrorsOf, formValues } from '~/utils/form.server'
import { signIn } from '~/utils/auth.server'
import { requireAnonymous } from '~/utils/require-user.server'
import { safeRedirect } from '~/utils/safe-redirect'
import { endSession, readSessionId } from '~/utils/session.server'

export const meta: MetaFunction = () => [{ title: 'Sign in · Servewell' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request)
  return json({})
}

const failureStatus = { invalid: 400, deactivated: 403, throttled: 429 } as const

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = signInSchema.safeParse(await formValues(request, ['email', 'password', 'redirectTo']))
  if (!parsed.success) {
    return json({ formError: null, fieldErrors: fieldErrorsOf(parsed.error) }, { status: 400 })
  }
  const result = await signIn({
    email: parsed.data.email,
    password: parsed.data.password,
    clientAddress: context?.clientAddress || 'unknown',
  })
  if (!result.ok) {
    return json({ formError: result.message, fieldErrors: {} }, { status: failureStatus[result.reason] })
  }
  const previous = await readSessionId(request)
  if (previous) await endSession(previous)
  return redirect(safeRedirect(parsed.data.redirectTo), { headers: { 'Set-Cookie': result.setCookie } })
}

export default function LoginPage() {
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const errors: Record<string, string[] | undefined> = actionData?.fieldErrors ?? {}
  return (
    <div className="mx-auto max-w-sm py-8">
      <h1 className="text-2xl font-bold tracking-tight">Sign in to Servewell</h1>
      <p className="mt-2 text-slate-700">Use the account your organisation set up for you.</p>
      <Form method="post" className="mt-8 space-y-5" noValidate>
        {actionData?.formError ? <Alert>{actionData.formError}</Alert> : null}
        <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          required
          // The page has one job, so the cursor starts where it is done.
          // eslint-disable-next-line jsx-a11y/no-autofocus
          autoFocus
          errors={errors.email}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          errors={errors.password}
        />
        <SubmitButton className={`${buttonClass()} w-full`} pendingLabel="Signing in…">
          Sign in
        </SubmitButton>
      </Form>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
