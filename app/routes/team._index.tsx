import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, SerializeFrom } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useMemo } from 'react'
import { CompetencyHeatmap } from '~/components/competency-heatmap'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { TeamPicker } from '~/components/team-picker'
import { EmptyState, PageHeader } from '~/components/page-header'
import { Alert, SelectField, buttonClass } from '~/components/ui/forms'
import { Pagination } from '~/components/ui/pagination'
import { FilterForm, NoMatches } from '~/components/filter-form'
import { pageParam } from '~/domain/pagination'
import { NOT_YET_EVIDENCED } from '~/domain/competency-record'
import { addDays, formatDate, todayIn } from '~/domain/calendar'
import { GapAssignButton, GapResult, MondaySummary, ShownOf, WorkList } from '~/components/team-summary'
import { assignToGap } from '~/models/assignments.server'
import { nudgeAssignment } from '~/models/nudges.server'
import { teamDashboard } from '~/models/team-dashboard.server'
import { getEnv } from '~/utils/env.server'
import { teamDashboardIntentSchema } from '~/forms/team.server'
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
    const params = new URL(request.url).searchParams
    return json(
      await teamDashboard(user, {
        teamId: teamParam(request),
        // Unknown values are ignored by the model: a mangled link shows everyone, not an error.
        competencyId: params.get('competency'),
        level: params.get('level'),
        page: pageParam(params.get('page')),
      }),
    )
  } catch (error) {
    refusalAsPageError(error)
  }
}

const people = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`

/** "Remind" on late or unstarted work, and one click from a weak competency to the lesson that trains it. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: TEAM_VIEW })
  const parsed = teamDashboardIntentSchema.safeParse(
    await formValues(request, ['intent', 'assignmentId', 'courseId', 'lessonId', 'competencyId', 'teamId']),
  )
  if (!parsed.success)
    return json(
      { ok: false as const, intent: null, key: null, message: parsed.error.issues[0]?.message ?? 'Check the form.' },
      { status: 400 },
    )
  const input = parsed.data
  try {
    if (input.intent === 'remind') {
      const result = await nudgeAssignment(user, input.assignmentId, { appUrl: getEnv().APP_URL })
      return json({
        ok: true as const,
        intent: input.intent,
        key: input.assignmentId,
        message: result.queued
          ? `Reminder to ${result.personName} queued: it goes out with the next email round.`
          : `${result.personName} was already reminded about this today.`,
      })
    }
    const result = await assignToGap(user, {
      courseId: input.courseId,
      lessonId: input.lessonId,
      competencyId: input.competencyId,
      teamId: input.teamId ?? null,
      dueDate: addDays(todayIn(user.timeZone), TRAINING_WINDOW_DAYS),
    })
    const skipped = [
      result.skipped.proficient ? `${people(result.skipped.proficient)} already proficient` : '',
      result.skipped.alreadyHave
        ? `${people(result.skipped.alreadyHave)} already ${result.skipped.alreadyHave === 1 ? 'has' : 'have'} it`
        : '',
    ].filter(Boolean)
    return json({
      ok: true as const,
      intent: input.intent,
      key: `${input.competencyId}/${input.lessonId}`,
      message:
        (result.assigned === 0
          ? `Nobody new to assign in ${result.competencyName}.`
          : `Assigned “${result.itemTitle}” to ${people(result.assigned)} below proficient in ${result.competencyName}, due in ${TRAINING_WINDOW_DAYS} days.`) +
        (skipped.length ? ` Skipped: ${skipped.join(', ')}.` : ''),
    })
  } catch (error) {
    return refusalResponse(error, (refusal) => ({
      ok: false as const,
      intent: input.intent,
      key: input.intent === 'remind' ? input.assignmentId : `${input.competencyId}/${input.lessonId}`,
      message: refusal.message,
    }))
  }
}

export default function TeamDashboard() {
  const data = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const exportQuery = data.teamId ? `?team=${data.teamId}` : ''
  const nudged = useMemo(() => new Set(data.nudgedToday), [data.nudgedToday])
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
        <TeamPicker teams={data.teams} teamId={data.teamId} />
      ) : null}
      {result ? (
        <div className="mb-6">
          <Alert tone={result.ok ? 'success' : 'error'}>{result.message}</Alert>
        </div>
      ) : null}
      {data.teamSize > 0 ? (
        <MondaySummary
          cards={[
            {
              title: 'Reflections to review',
              count: data.waitingReflections,
              noun: 'reflections waiting for your reply',
              href: '/team/coaching',
              action: 'Review them',
              urgent: true,
            },
            {
              title: 'Overdue',
              count: data.counts.overdue,
              noun: 'assignments past their due date',
              href: '#overdue-title',
              action: 'Remind or follow up',
              urgent: true,
            },
            {
              title: 'Not started',
              count: data.counts.notStarted,
              noun: 'assignments nobody has started',
              href: '#not-started-title',
              action: 'Send a reminder',
            },
            {
              title: 'Stuck',
              count: data.counts.stuck,
              noun: 'quizzes failed twice and not passed',
              href: '#stuck-title',
              action: 'See who needs help',
            },
          ]}
        />
      ) : null}
      {data.teamSize === 0 ? (
        <EmptyState title={data.scope === 'reports' ? 'Nobody reports to you yet' : 'Nobody is in this team yet'}>
          An admin sets each person's team and manager; people appear here once they do.
        </EmptyState>
      ) : (
        <div className="space-y-10">
          <section aria-labelledby="people-title">
            <h2 id="people-title" className="mb-3 text-xl font-semibold">
              People
            </h2>
            <PeopleFilterForm data={data} />
            {data.people.length === 0 ? (
              <NoMatches title="Nobody matches" clearTo={data.teamId ? `/team?team=${data.teamId}` : '/team'}>
                Nobody in {data.scope === 'reports' ? 'your reports' : 'this team'} is at that level in that competency.
              </NoMatches>
            ) : (
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
            )}
          </section>

          <section aria-labelledby="overdue-title">
            <h2 id="overdue-title" className="mb-3 scroll-mt-4 text-xl font-semibold">
              Overdue
            </h2>
            <WorkList
              rows={data.overdue}
              total={data.counts.overdue}
              nudged={nudged}
              tone="late"
              testId="overdue"
              empty="Nothing is overdue."
            />
          </section>

          <section aria-labelledby="not-started-title">
            <h2 id="not-started-title" className="mb-3 scroll-mt-4 text-xl font-semibold">
              Not started
            </h2>
            <WorkList
              rows={data.notStarted}
              total={data.counts.notStarted}
              nudged={nudged}
              tone="waiting"
              testId="not-started"
              empty="Everyone has started the work assigned to them."
            />
          </section>

          <section aria-labelledby="stuck-title">
            <h2 id="stuck-title" className="mb-1 scroll-mt-4 text-xl font-semibold">
              Stuck
            </h2>
            <p className="mb-3 text-sm text-slate-700">
              Failed the same quiz at least twice and not passed it yet: a word from you helps more than a reminder.
            </p>
            {data.counts.stuck === 0 ? (
              <p className="text-slate-700">Nobody is stuck on a quiz.</p>
            ) : (
              <>
                <ul
                  className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
                  data-testid="stuck"
                >
                  {data.stuck.map((s) => (
                    <li key={`${s.userId}/${s.href}`} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3">
                      <span className="font-medium">{s.personName}</span>
                      <span className="min-w-0 break-words">
                        <Link to={s.href} className="text-brand-700 underline hover:text-brand-800">
                          {s.lessonTitle}
                        </Link>
                        : failed {s.failed} times, last on {formatDate(s.lastTried)}
                      </span>
                      <Link
                        to={`/team/people/${s.userId}`}
                        className="ml-auto text-sm font-semibold text-brand-700 hover:underline"
                      >
                        See their answers<span className="sr-only">: {s.personName}</span>
                      </Link>
                    </li>
                  ))}
                </ul>
                <ShownOf
                  shown={data.stuck.length}
                  total={data.counts.stuck}
                  rest="Each person's page shows their answers to every quiz."
                />
              </>
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
            <Pagination window={data.window} label="Pages of people" />
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
                    {` · ${c.belowProficient} below proficient`}
                  </p>
                  <h4 className="mt-3 text-sm font-semibold text-slate-800">Trained by</h4>
                  <ul className="mt-1 space-y-2">
                    {c.training.map((t) => (
                      <li key={t.lessonId} className="text-sm">
                        <Link to={t.href} className="text-brand-700 underline hover:text-brand-800">
                          {t.lessonTitle}
                        </Link>
                        <span className="text-slate-600">
                          {' '}
                          · {t.kinds.map((k) => (k === 'quiz' ? 'quiz' : 'scenario')).join(' & ')}
                        </span>
                        <GapAssignButton
                          competencyId={c.id}
                          courseId={t.courseId}
                          lessonId={t.lessonId}
                          lessonTitle={t.lessonTitle}
                          teamId={data.scope === 'organisation' ? (data.teamId ?? '') : ''}
                          wouldAssign={t.wouldAssign}
                          belowProficient={c.belowProficient}
                        />
                      </li>
                    ))}
                  </ul>
                  <GapResult competencyId={c.id} />
                </li>
              ))}
            </ul>
          </section>
        </div>
      )}
    </>
  )
}

/** Which people the table and heatmap show: those at one level of one competency, or everyone. */
function PeopleFilterForm({ data }: { data: SerializeFrom<typeof loader> }) {
  const filters = { competency: data.filter?.competencyId ?? '', level: data.filter?.level ?? '' }
  return (
    <FilterForm
      label="Filter people"
      filters={filters}
      filtered={data.filter !== null}
      clearTo={data.teamId && data.scope === 'organisation' ? `/team?team=${data.teamId}` : '/team'}
      submitLabel="Show people"
      className="sm:grid-cols-[1fr_1fr_auto]"
    >
      {data.scope === 'organisation' && data.teamId ? <input type="hidden" name="team" value={data.teamId} /> : null}
      <SelectField
        label="Competency"
        name="competency"
        defaultValue={filters.competency}
        options={[{ value: '', label: 'Any' }, ...data.competencies.map((c) => ({ value: c.id, label: c.name }))]}
      />
      <SelectField
        label="Level"
        name="level"
        defaultValue={filters.level}
        options={[
          { value: '', label: 'Any' },
          ...data.framework.levels.map((l) => ({ value: l.id, label: l.name })),
          { value: NOT_YET_EVIDENCED, label: 'Not yet evidenced' },
        ]}
      />
    </FilterForm>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
