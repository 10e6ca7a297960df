import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams, useSubmit } from '@remix-run/react'
import { z } from 'zod'
import { AssignmentStatusBadge } from '~/components/assignment-status'
import { CompetencyHeatmap } from '~/components/competency-heatmap'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { EmptyState, PageHeader } from '~/components/page-header'
import { Alert, buttonClass, controlClassFor } from '~/components/ui/forms'
import { addDays, isoDate } from '~/domain/calendar'
import { assignWork } from '~/models/assignments.server'
import { peopleInScope } from '~/models/scope.server'
import { teamDashboard } from '~/models/team-dashboard.server'
import { formatDate } from '~/domain/calendar'
import { formValues } from '~/utils/form.server'
import { TEAM_VIEW } from '~/domain/permissions'
import { requireUser } from '~/utils/require-user.server'
import { teamParam } from '~/utils/team-param.server'
import { refusalAsPageError, refusalResponse } from '~/utils/responses.server'
import { DataTable } from '~/components/ui/data-table'

export const meta: MetaFunction = () => [{ title: 'Team · Servewell' }]

const TRAINING_WINDOW_DAYS = 14

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: TEAM_VIEW })
  try {
    return json(await teamDashboard(user, { teamId: teamParam(request) }))
  } catch (error) {
    refusalAsPageError(error)
  }
}

const trainSchema = z.object({
  courseId: z.string().uuid('Choose a lesson from the list.'),
  lessonId: z.string().uuid('Choose a lesson from the list.'),
  teamId: z.preprocess((v) => (v === '' ? undefined : v), z.string().uuid().optional()),
})

/** One click from a weak competency to assigning the lesson that trains it, due in two weeks. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: TEAM_VIEW })
  const parsed = trainSchema.safeParse(await formValues(request, ['courseId', 'lessonId', 'teamId']))
  if (!parsed.success)
    return json({ ok: false as const, message: parsed.error.issues[0]?.message ?? 'Check the form.' }, { status: 400 })
  const { courseId, lessonId, teamId } = parsed.data
  try {
    const userIds = teamId ? [] : (await peopleInScope(user)).map((p) => p.id)
    const result = await assignWork(user, {
      courseId,
      lessonId,
      userIds,
      teamId: teamId ?? null,
      dueDate: addDays(isoDate(new Date()), TRAINING_WINDOW_DAYS),
      note: null,
    })
    return json({
      ok: true as const,
      message: `Assigned the lesson “${result.itemTitle}” to ${result.people} ${result.people === 1 ? 'person' : 'people'}.`,
    })
  } catch (error) {
    return refusalResponse(error, (refusal) => ({ ok: false as const, message: refusal.message }))
  }
}

export default function TeamDashboard() {
  const data = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const [params] = useSearchParams()
  const submit = useSubmit()
  const exportQuery = data.teamId ? `?team=${data.teamId}` : ''
  return (
    <>
      <PageHeader
        title="Team"
        description={
          data.scope === 'reports'
            ? 'Progress, late work and competencies of the people who report to you.'
            : 'Progress, late work and competencies, one team at a time.'
        }
        actions={
          <>
            <a href={`/team/export/assignments.csv${exportQuery}`} className={buttonClass('secondary')} download>
              Export assignments (CSV)
            </a>
            <a href={`/team/export/competencies.csv${exportQuery}`} className={buttonClass('secondary')} download>
              Export competencies (CSV)
            </a>
          </>
        }
      />
      {data.scope === 'organisation' && data.teams.length > 0 ? (
        <Form method="get" className="mb-6 flex items-end gap-2" onChange={(e) => submit(e.currentTarget)}>
          <div>
            <label htmlFor="team" className="block text-sm font-medium text-slate-800">
              Team
            </label>
            <select
              id="team"
              name="team"
              defaultValue={params.get('team') ?? data.teamId ?? ''}
              className={`mt-1 ${controlClassFor()}`}
            >
              {data.teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </div>
          <noscript>
            <button type="submit" className={buttonClass('secondary')}>
              Show
            </button>
          </noscript>
        </Form>
      ) : null}
      {result ? (
        <div className="mb-6">
          <Alert tone={result.ok ? 'success' : 'error'}>{result.message}</Alert>
        </div>
      ) : null}
      {data.people.length === 0 ? (
        <EmptyState title={data.scope === 'reports' ? 'Nobody reports to you yet' : 'Nobody is in this team yet'}>
          An admin sets each person's team and manager; people appear here once they do.
        </EmptyState>
      ) : (
        <div className="space-y-10">
          <section aria-labelledby="people-title">
            <h2 id="people-title" className="mb-3 text-xl font-semibold">
              People
            </h2>
            <DataTable
              caption="Completion per person"
              columns={[
                { label: 'Name' },
                { label: 'Team' },
                { label: 'Assigned', align: 'right' },
                { label: 'Completed', align: 'right' },
                { label: 'Overdue', align: 'right' },
                { label: 'Average progress', align: 'right' },
              ]}
              testId="people"
            >
              {data.people.map((p) => (
                <tr key={p.id}>
                  <td className="px-4 py-3">
                    <Link to={`/team/people/${p.id}`} className="font-medium text-brand-700 hover:underline">
                      {p.name}
                    </Link>
                    <span className="block text-slate-600">{p.email}</span>
                  </td>
                  <td className="px-4 py-3">{p.teamName ?? '—'}</td>
                  <td className="px-4 py-3 text-right">{p.assigned}</td>
                  <td className="px-4 py-3 text-right">{p.completed}</td>
                  <td className={`px-4 py-3 text-right ${p.overdue > 0 ? 'font-semibold text-red-800' : ''}`}>
                    {p.overdue}
                  </td>
                  <td className="px-4 py-3 text-right">{p.percent === null ? '—' : `${p.percent}%`}</td>
                </tr>
              ))}
            </DataTable>
          </section>

          <section aria-labelledby="overdue-title">
            <h2 id="overdue-title" className="mb-3 text-xl font-semibold">
              Overdue
            </h2>
            {data.overdue.length === 0 ? (
              <p className="text-slate-700">Nothing is overdue.</p>
            ) : (
              <ul className="divide-y divide-slate-100 rounded-lg border border-red-200 bg-white" data-testid="overdue">
                {data.overdue.map((a) => (
                  <li key={a.id} className="flex flex-wrap items-center gap-3 px-4 py-3">
                    <Link to={`/team/people/${a.userId}`} className="font-medium text-brand-700 hover:underline">
                      {a.personName}
                    </Link>
                    <span>{a.title}</span>
                    <span className="text-sm text-red-800">due {formatDate(a.dueDate)}</span>
                    <span className="ml-auto">
                      <AssignmentStatusBadge status={a.status} percent={a.percent} />
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="items-title">
            <h2 id="items-title" className="mb-3 text-xl font-semibold">
              Assignments
            </h2>
            {data.items.length === 0 ? (
              <p className="text-slate-700">
                Nothing is assigned yet.{' '}
                <Link to="/team/assign" className="text-brand-700 underline">
                  Assign work
                </Link>
                .
              </p>
            ) : (
              <DataTable
                caption="Completion per assignment"
                columns={[
                  { label: 'Course or lesson' },
                  { label: 'People', align: 'right' },
                  { label: 'Completed', align: 'right' },
                  { label: 'In progress', align: 'right' },
                  { label: 'Overdue', align: 'right' },
                ]}
              >
                {data.items.map((item) => (
                  <tr key={item.title}>
                    <td className="px-4 py-3 font-medium">{item.title}</td>
                    <td className="px-4 py-3 text-right">{item.assigned}</td>
                    <td className="px-4 py-3 text-right">
                      {item.completed} ({Math.round((item.completed / item.assigned) * 100)}%)
                    </td>
                    <td className="px-4 py-3 text-right">{item.inProgress}</td>
                    <td className={`px-4 py-3 text-right ${item.overdue > 0 ? 'font-semibold text-red-800' : ''}`}>
                      {item.overdue}
                    </td>
                  </tr>
                ))}
              </DataTable>
            )}
          </section>

          <section aria-labelledby="heatmap-title">
            <h2 id="heatmap-title" className="mb-1 text-xl font-semibold">
              Competency heatmap
            </h2>
            <p className="mb-3 text-sm text-slate-700">
              Each cell is a person's level in one competency, from their quizzes, role-plays and your ratings. A level
              needs at least {data.framework.minimumItems} scored items.
            </p>
            <CompetencyHeatmap rows={data.heatmap} competencies={data.competencies} levels={data.framework.levels} />
          </section>

          <section aria-labelledby="gaps-title">
            <h2 id="gaps-title" className="mb-3 text-xl font-semibold">
              Weakest competencies
            </h2>
            <ul className="grid gap-4 md:grid-cols-3">
              {data.weakest.map((c) => (
                <li key={c.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid={`gap-${c.id}`}>
                  <h3 className="font-semibold">{c.name}</h3>
                  <p className="text-sm text-slate-700">
                    {c.average === null
                      ? 'Nobody has evidence yet'
                      : `Average ${Math.round(c.average * 100)}% across ${c.evidenced} ${c.evidenced === 1 ? 'person' : 'people'}`}
                    {c.notYetEvidenced > 0 && c.average !== null ? ` · ${c.notYetEvidenced} not yet evidenced` : ''}
                  </p>
                  <h4 className="mt-3 text-sm font-semibold text-slate-800">Trained by</h4>
                  <ul className="mt-1 space-y-2">
                    {c.training.slice(0, 4).map((t) => (
                      <li key={t.lessonId} className="text-sm">
                        <Link to={t.href} className="text-brand-700 hover:underline">
                          {t.lessonTitle}
                        </Link>
                        <span className="text-slate-600">
                          {' '}
                          · {t.kinds.map((k) => (k === 'quiz' ? 'quiz' : 'scenario')).join(' & ')}
                        </span>
                        <Form method="post" className="mt-1">
                          <input type="hidden" name="courseId" value={t.courseId} />
                          <input type="hidden" name="lessonId" value={t.lessonId} />
                          <input
                            type="hidden"
                            name="teamId"
                            value={data.scope === 'organisation' ? (data.teamId ?? '') : ''}
                          />
                          <button
                            type="submit"
                            className="rounded border border-brand-700 px-2 py-0.5 text-xs font-semibold text-brand-800 hover:bg-brand-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
                          >
                            Assign to {data.scope === 'organisation' ? 'the team' : 'my reports'}
                            <span className="sr-only"> : {t.lessonTitle}</span>
                          </button>
                        </Form>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </section>
        </div>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
