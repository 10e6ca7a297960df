import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { UserForm } from '~/components/user-form'
import { userCreateSchema } from '~/domain/user-input.server'
import { fieldErrorsOf, formValues } from '~/utils/form.server'
import { createUser, listManagerCandidates, listTeams } from '~/models/users.server'
import { requireUser } from '~/utils/require-user.server'
import { refusalResponse } from '~/utils/responses.server'

export const meta: MetaFunction = () => [{ title: 'Add a person · Admin · Servewell' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'users:manage' })
  const [teams, managers] = await Promise.all([
    listTeams(user.organisationId),
    listManagerCandidates(user.organisationId),
  ])
  return json({ teams, managers })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'users:manage' })
  const values = await formValues(request, ['name', 'email', 'password', 'role', 'teamId', 'managerId', 'hiredAt'])
  const { password: _password, ...echo } = values
  const parsed = userCreateSchema.safeParse(values)
  if (!parsed.success) return json({ errors: fieldErrorsOf(parsed.error), values: echo }, { status: 400 })
  try {
    const created = await createUser(user, parsed.data)
    return redirect(`/admin/users/${created.id}?created=1`)
  } catch (error) {
    return refusalResponse(error, (refusal) => ({ errors: refusal.fieldErrors, values: echo }))
  }
}

export default function NewUserPage() {
  const { teams, managers } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <>
      <PageHeader
        title="Add a person"
        description="They can sign in straight away with the starting password you set."
      />
      <UserForm
        mode="create"
        values={actionData?.values ?? {}}
        teams={teams}
        managers={managers}
        errors={actionData?.errors}
      />
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
