import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { EmptyState, PageHeader } from '~/components/page-header'
import { Field, buttonClass, SubmitButton } from '~/components/ui/forms'
import { teamSchema } from '~/forms/admin.server'
import { fieldErrorsOf, formValues } from '~/utils/form.server'
import { createTeam, listTeamsWithCounts } from '~/models/teams.server'
import { requireUser } from '~/utils/require-user.server'
import { refusalResponse } from '~/utils/responses.server'

export const meta: MetaFunction = () => [{ title: 'Teams · Admin · Servewell' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'users:manage' })
  return json({ teams: await listTeamsWithCounts(user.organisationId) })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'users:manage' })
  const parsed = teamSchema.safeParse(await formValues(request, ['name']))
  if (!parsed.success) return json({ errors: fieldErrorsOf(parsed.error), created: null }, { status: 400 })
  try {
    await createTeam(user, parsed.data.name)
    return json({ errors: null, created: parsed.data.name })
  } catch (error) {
    return refusalResponse(error, (refusal) => ({ errors: refusal.fieldErrors, created: null }))
  }
}

export default function TeamsPage() {
  const { teams } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const formRef = useRef<HTMLFormElement>(null)
  useEffect(() => {
    if (actionData?.created) formRef.current?.reset()
  }, [actionData])
  return (
    <>
      <PageHeader title="Teams" description="Group people into teams; assignments and dashboards follow them." />
      {teams.length === 0 ? (
        <EmptyState title="No teams yet" />
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {teams.map((t) => (
            <li key={t.id} className="flex justify-between px-4 py-3">
              <span className="font-medium">{t.name}</span>
              <span className="text-slate-600">
                {t.members} {t.members === 1 ? 'person' : 'people'}
              </span>
            </li>
          ))}
        </ul>
      )}
      <Form ref={formRef} method="post" className="mt-8 flex max-w-xl items-end gap-3" noValidate>
        <div className="flex-1">
          <Field label="New team name" name="name" required errors={actionData?.errors?.name} />
        </div>
        <SubmitButton pendingLabel="Adding…" className={buttonClass()}>
          Add team
        </SubmitButton>
      </Form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
