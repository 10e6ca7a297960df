import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { EmptyState, PageHeader } from '~/components/page-header'
import { Alert, controlClassFor, ErrorList, SubmitButton } from '~/components/ui/forms'
import { assignFormSchema } from '~/domain/assignment-input.server'
import { formatDate, todayIn } from '~/domain/calendar'
import type { FieldErrors } from '~/domain/refusal'
import { TEAM_VIEW } from '~/domain/permissions'
import { assignWork, assignableItems, standingTeamAssignments, stopTeamAssignment } from '~/models/assignments.server'
import { assignableTeams, peopleInScope } from '~/models/scope.server'
import { fieldErrorsOf, formValues } from '~/utils/form.server'
import { uuidOrNull } from '~/utils/params.server'
import { type SessionUser, requireUser } from '~/utils/require-user.server'
import { refusalResponse } from '~/utils/responses.server'
import { DataTable } from '~/components/ui/data-table'
import { DateField } from '~/components/ui/date-field'

export const meta: MetaFunction = () => [{ title: 'Assign work · Team · Servewell' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: TEAM_VIEW })
  const [items, people, teams, standing] = await Promise.all([
    assignableItems(),
    peopleInScope(user),
    assignableTeams(user),
    standingTeamAssignments(user),
  ])
  return json({
    items,
    standing,
    people: people.map(({ id, name, teamName }) => ({ id, name, teamName })),
    teams,
    isAdmin: user.role === 'admin',
    today: todayIn(user.timeZone),
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: TEAM_VIEW })
  const values = await formValues(
    request,
    ['intent', 'item', 'teamId', 'dueDate', 'note', 'teamAssignmentId'],
    ['userIds'],
  )
  if (values.intent === 'stop-team-assignment') return stop(user, values.teamAssignmentId)
  const parsed = assignFormSchema(todayIn(user.timeZone)).safeParse(values)
  if (!parsed.success)
    return json({ ok: false as const, errors: fieldErrorsOf(parsed.error), message: null }, { status: 400 })
  const { item, ...rest } = parsed.data
  try {
    const result = await assignWork(user, { ...item, ...rest })
    const parts = [
      `Assigned ${item.lessonId ? 'the lesson' : 'the course'} “${result.itemTitle}” to ${result.people} ${result.people === 1 ? 'person' : 'people'}.`,
    ]
    if (result.merged > 0)
      parts.push(`${result.merged} already had it: their assignment was kept and updated, not doubled.`)
    if (rest.teamId) parts.push('People who join the team later get it too.')
    return json({ ok: true as const, errors: null, message: parts.join(' ') })
  } catch (error) {
    return refusalResponse(error, (refusal) => ({ ok: false as const, errors: refusal.fieldErrors, message: null }))
  }
}

async function stop(user: SessionUser, teamAssignmentId: string | undefined) {
  const id = uuidOrNull(teamAssignmentId)
  if (!id)
    return json(
      { ok: false as const, errors: { form: ['Reload the page and try again.'] } as FieldErrors, message: null },
      { status: 400 },
    )
  try {
    await stopTeamAssignment(user, id)
    return json({
      ok: true as const,
      errors: null,
      message: 'New joiners will no longer get it; people who have it keep it.',
    })
  } catch (error) {
    return refusalResponse(error, (refusal) => ({ ok: false as const, errors: refusal.fieldErrors, message: null }))
  }
}

export default function AssignPage() {
  const { items, people, teams, isAdmin, today, standing } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const [params] = useSearchParams()
  const errors: FieldErrors = result?.errors ?? {}
  if (items.length === 0)
    return (
      <>
        <PageHeader title="Assign work" />
        <EmptyState title="No courses published yet">Courses appear here once a trainer publishes them.</EmptyState>
      </>
    )
  return (
    <>
      <PageHeader
        title="Assign work"
        description={
          isAdmin
            ? 'Give a course or a single lesson to people or to whole teams, with an optional due date.'
            : 'Give a course or a single lesson to people who report to you, with an optional due date.'
        }
      />
      {result?.ok ? (
        <div className="mb-6">
          <Alert tone="success">{result.message}</Alert>
        </div>
      ) : null}
      {errors.form ? (
        <div className="mb-6">
          <Alert>{errors.form.join(' ')}</Alert>
        </div>
      ) : null}
      <Form method="post" className="space-y-6 rounded-lg border border-slate-200 bg-white p-6" noValidate>
        <div>
          <label htmlFor="item" className="block text-sm font-medium text-slate-800">
            Course or lesson
          </label>
          <select
            id="item"
            name="item"
            required
            defaultValue={params.get('item') ?? ''}
            aria-invalid={errors.item ? true : undefined}
            aria-describedby={errors.item ? 'item-error' : undefined}
            className={`mt-1 ${controlClassFor(errors.item)}`}
          >
            <option value="">Choose…</option>
            {items.map((course) => (
              <optgroup key={course.id} label={course.title}>
                <option value={`course:${course.id}`}>Whole course: {course.title}</option>
                {course.lessons.map((lesson) => (
                  <option key={lesson.id} value={`lesson:${course.id}:${lesson.id}`}>
                    Lesson: {lesson.title}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <ErrorList id="item-error" errors={errors.item} />
        </div>

        <div>
          <label htmlFor="teamId" className="text-sm font-medium text-slate-800">
            Whole team
          </label>
          <p id="teamId-hint" className="text-sm text-slate-600">
            {isAdmin
              ? 'Everyone in the team gets it, and so does anyone who joins the team later.'
              : 'Your reports in the team get it, and so does anyone who joins it later reporting to you.'}
          </p>
          <select
            id="teamId"
            name="teamId"
            aria-describedby="teamId-hint"
            defaultValue=""
            className={`mt-2 sm:w-80 ${controlClassFor(errors.teamId)}`}
          >
            <option value="">No team</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
          <ErrorList errors={errors.teamId} />
        </div>

        <fieldset>
          <legend className="text-sm font-medium text-slate-800">People</legend>
          {people.length === 0 ? (
            <p className="text-sm text-slate-600">Nobody reports to you yet.</p>
          ) : (
            <ul className="mt-2 grid max-h-72 gap-1 overflow-y-auto rounded-md border border-slate-200 p-2 sm:grid-cols-2">
              {people.map((p) => (
                <li key={p.id}>
                  <label className="flex items-center gap-2 rounded px-2 py-1 hover:bg-slate-50">
                    <input
                      type="checkbox"
                      name="userIds"
                      value={p.id}
                      className="h-4 w-4 rounded border-slate-400 text-brand-700 focus:ring-brand-600"
                    />
                    <span>
                      {p.name}
                      <span className="text-sm text-slate-600"> · {p.teamName ?? 'no team'}</span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
          <ErrorList errors={errors.userIds} />
        </fieldset>

        <div className="grid gap-4 sm:grid-cols-2">
          <DateField label="Due date (optional)" name="dueDate" min={today} errors={errors.dueDate} />
          <div>
            <label htmlFor="note" className="block text-sm font-medium text-slate-800">
              Note (optional)
            </label>
            <textarea
              id="note"
              name="note"
              rows={2}
              maxLength={500}
              className={`mt-1 ${controlClassFor(errors.note)}`}
            />
            <ErrorList errors={errors.note} />
          </div>
        </div>
        <SubmitButton pendingLabel="Assigning…">Assign</SubmitButton>
      </Form>
      {standing.length > 0 ? (
        <section aria-labelledby="standing-title" className="mt-10">
          <h2 id="standing-title" className="mb-1 text-xl font-semibold">
            Standing team assignments
          </h2>
          <p className="mb-3 text-sm text-slate-700">These reach everyone who joins the team later.</p>
          <DataTable
            caption="Standing team assignments"
            columns={[
              { label: 'Team' },
              { label: 'Course or lesson' },
              { label: 'Due' },
              { label: 'Assigned' },
              { label: 'Actions', hidden: true },
            ]}
          >
            {standing.map((t) => (
              <tr key={t.id}>
                <td className="px-4 py-3">{t.teamName}</td>
                <td className="px-4 py-3">{t.title}</td>
                <td className="px-4 py-3">{formatDate(t.dueDate, 'no due date')}</td>
                <td className="px-4 py-3">
                  {formatDate(t.assignedOn)}
                  {t.assignedBy ? ` by ${t.assignedBy}` : ''}
                </td>
                <td className="px-4 py-3 text-right">
                  <Form method="post">
                    <input type="hidden" name="intent" value="stop-team-assignment" />
                    <input type="hidden" name="teamAssignmentId" value={t.id} />
                    <SubmitButton
                      className="text-sm font-medium text-red-700 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-red-600 aria-disabled:opacity-60"
                      pendingLabel="Stopping…"
                    >
                      Stop for new joiners
                      <span className="sr-only">
                        : {t.title}, {t.teamName}
                      </span>
                    </SubmitButton>
                  </Form>
                </td>
              </tr>
            ))}
          </DataTable>
        </section>
      ) : null}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
