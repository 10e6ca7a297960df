import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { EmptyState, PageHeader } from '~/components/page-header'
import { Alert, Field, SelectField, buttonClass, SubmitButton } from '~/components/ui/forms'
import type { FieldErrors } from '~/domain/refusal'
import { onboardingRemoveSchema } from '~/forms/admin.server'
import { fieldErrorsOf, formValues, intentOf } from '~/utils/form.server'
import {
  MAX_DUE_DAYS,
  addOnboardingItem,
  listOnboardingPath,
  listPathCourses,
  onboardingItemFormSchema,
  removeOnboardingItem,
} from '~/models/onboarding.server'
import { listTeams } from '~/models/users.server'
import { requireUser } from '~/utils/require-user.server'
import { invariantResponse, refusalResponse } from '~/utils/responses.server'
import { DataTable } from '~/components/ui/data-table'

export const meta: MetaFunction = () => [{ title: 'Onboarding path · Admin · Servewell' }]

type Outcome = 'added' | 'removed'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'users:manage' })
  const [path, courses, teams] = await Promise.all([
    listOnboardingPath(user.organisationId),
    listPathCourses(),
    listTeams(user.organisationId),
  ])
  return json({ path, courses, teams, maxDueDays: MAX_DUE_DAYS })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'users:manage' })
  const values = await formValues(request, ['intent', 'courseId', 'teamId', 'dueDays', 'itemId'])
  const refuse = (errors: FieldErrors) => json({ errors, outcome: null }, { status: 400 })
  const intent = intentOf(values.intent, ['add', 'remove'])
  if (!intent) return refuse({ form: ['Unknown action.'] })

  if (intent === 'add') {
    const parsed = onboardingItemFormSchema.safeParse(values)
    if (!parsed.success) return refuse(fieldErrorsOf(parsed.error))
    try {
      await addOnboardingItem(user, parsed.data)
    } catch (error) {
      return refusalResponse(error, (refusal) => ({ errors: refusal.fieldErrors, outcome: null }))
    }
    return json({ errors: null, outcome: 'added' as Outcome })
  }

  const parsed = onboardingRemoveSchema.safeParse(values)
  if (!parsed.success) return refuse(fieldErrorsOf(parsed.error))
  const removed = await removeOnboardingItem(user, parsed.data.itemId)
  invariantResponse(removed, 'No such item on your organisation’s onboarding path.')
  return json({ errors: null, outcome: 'removed' as Outcome })
}

const outcomeMessages: Record<Outcome, string> = {
  added: 'Added to the onboarding path. People added from now on will get it.',
  removed: 'Removed from the onboarding path. Existing assignments stay as they are.',
}

function dueText(days: number) {
  if (days === 0) return 'Due on the hire date'
  return `Due ${days} ${days === 1 ? 'day' : 'days'} after hire date`
}

type PathItem = ReturnType<typeof useLoaderData<typeof loader>>['path'][number]

export default function OnboardingPage() {
  const { path, courses, teams, maxDueDays } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const formRef = useRef<HTMLFormElement>(null)
  useEffect(() => {
    if (actionData?.outcome === 'added') formRef.current?.reset()
  }, [actionData])
  const errors: FieldErrors = actionData?.errors ?? {}
  const formErrors = [...(errors.form ?? []), ...(errors.itemId ?? [])]

  const groups: { key: string; title: string; items: PathItem[] }[] = []
  for (const item of path) {
    const key = item.teamId ?? 'everyone'
    let group = groups.find((g) => g.key === key)
    if (!group) {
      group = { key, title: item.teamId ? `${item.teamName} team` : 'Every new hire', items: [] }
      groups.push(group)
    }
    group.items.push(item)
  }

  return (
    <>
      <PageHeader
        title="Onboarding path"
        description="The courses every new person is given when they are added, due a number of days after their hire date (or after the day they are added, if they have none)."
      />
      <div className="mb-6 max-w-3xl space-y-3">
        <p className="rounded-md border border-slate-200 bg-slate-50 px-4 py-3 text-sm text-slate-700">
          Changing the path only affects people added from now on. Assignments people already have are not changed,
          added or removed.
        </p>
        {actionData?.outcome ? <Alert tone="success">{outcomeMessages[actionData.outcome]}</Alert> : null}
        {formErrors.length ? <Alert>{formErrors.join(' ')}</Alert> : null}
      </div>

      {groups.length === 0 ? (
        <EmptyState title="The onboarding path is empty">
          New people start with no assigned courses. Add the first course below.
        </EmptyState>
      ) : (
        <div className="max-w-3xl space-y-8">
          {groups.map((group) => (
            <section key={group.key} aria-labelledby={`group-${group.key}`}>
              <h2 id={`group-${group.key}`} className="text-lg font-semibold">
                {group.title}
              </h2>
              <DataTable
                caption={`Onboarding courses for ${group.title.toLowerCase()}`}
                columns={[{ label: 'Course' }, { label: 'Due' }, { label: 'Actions', hidden: true }]}
                className="mt-3"
              >
                {group.items.map((item) => (
                  <tr key={item.id}>
                    <td className="px-4 py-3 font-medium">
                      {item.courseTitle}
                      {item.courseArchived ? (
                        <span className="block text-sm font-normal text-slate-600">
                          Archived: not given to new people
                        </span>
                      ) : null}
                    </td>
                    <td className="px-4 py-3">{dueText(item.dueDays)}</td>
                    <td className="px-4 py-3 text-right">
                      <Form method="post">
                        <input type="hidden" name="itemId" value={item.id} />
                        <SubmitButton
                          pendingLabel="Removing…"
                          name="intent"
                          value="remove"
                          className={buttonClass('secondary')}
                        >
                          Remove
                          <span className="sr-only">
                            {' '}
                            {item.courseTitle} for {group.title.toLowerCase()}
                          </span>
                        </SubmitButton>
                      </Form>
                    </td>
                  </tr>
                ))}
              </DataTable>
            </section>
          ))}
        </div>
      )}

      <section aria-labelledby="add-title" className="mt-10 max-w-xl">
        <h2 id="add-title" className="text-lg font-semibold">
          Add a course to the path
        </h2>
        <Form ref={formRef} method="post" className="mt-3 space-y-5" noValidate>
          <SelectField
            label="Course"
            name="courseId"
            defaultValue=""
            options={[
              { value: '', label: 'Choose a course' },
              ...courses.map((c) => ({ value: c.id, label: c.title })),
            ]}
            errors={errors.courseId}
          />
          <SelectField
            label="Who gets it"
            name="teamId"
            defaultValue=""
            options={[
              { value: '', label: 'Every new hire' },
              ...teams.map((t) => ({ value: t.id, label: `New hires in ${t.name}` })),
            ]}
            errors={errors.teamId}
          />
          <Field
            label="Due after hire date (days)"
            name="dueDays"
            type="number"
            inputMode="numeric"
            min={0}
            max={maxDueDays}
            step={1}
            required
            hint={`0 means due on the hire date; at most ${maxDueDays}.`}
            errors={errors.dueDays}
          />
          <SubmitButton pendingLabel="Adding…" name="intent" value="add" className={buttonClass()}>
            Add to path
          </SubmitButton>
        </Form>
      </section>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
