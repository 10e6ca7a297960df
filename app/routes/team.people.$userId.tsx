import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { AssignmentStatusBadge } from '~/components/assignment-status'
import { CompetencyRecordList } from '~/components/competency-record-list'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { ProgressBar } from '~/components/progress-bar'
import { Alert, SubmitButton } from '~/components/ui/forms'
import { assignmentsOf, unassign } from '~/models/assignments.server'
import { personInScope } from '~/models/scope.server'
import { reflectionsOfPerson } from '~/models/coaching.server'
import { getCompetencyRecord } from '~/models/competency-records.server'
import { lastActivity, recentWork } from '~/models/person-work.server'
import { RecentWorkList } from '~/components/recent-work'
import { formatDate, todayIn } from '~/domain/calendar'
import { unassignSchema } from '~/forms/team.server'
import { formValues } from '~/utils/form.server'
import { uuidOrNull } from '~/utils/params.server'
import { TEAM_VIEW } from '~/domain/permissions'
import { requireUser } from '~/utils/require-user.server'
import { invariantResponse, refusalResponse } from '~/utils/responses.server'
import { DateTime } from '~/components/ui/date-time'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.person.name ?? 'Person'} · Team · Servewell` },
]

async function requirePerson(request: Request, userIdParam: string | undefined) {
  const user = await requireUser(request, { permission: TEAM_VIEW })
  const userId = uuidOrNull(userIdParam)
  const person = userId ? await personInScope(user, userId) : null
  invariantResponse(person, 'Nobody with that link is among your people.')
  return { user, person }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, person } = await requirePerson(request, params.userId)
  const [work, record, reflections, recent, lastActive] = await Promise.all([
    assignmentsOf([person.id], todayIn(user.timeZone)),
    getCompetencyRecord(person.id),
    reflectionsOfPerson(person.id),
    recentWork(person.id),
    lastActivity(person.id),
  ])
  return json({
    person: {
      id: person.id,
      name: person.name,
      email: person.email,
      teamName: person.teamName,
      hiredAt: person.hiredAt,
      active: !person.deactivatedAt,
      lastActive,
    },
    work,
    record,
    reflections,
    recent,
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requirePerson(request, params.userId)
  const parsed = unassignSchema.safeParse(await formValues(request, ['intent', 'assignmentId']))
  if (!parsed.success)
    return json({ ok: false, message: parsed.error.issues[0]?.message ?? 'Check the form.' }, { status: 400 })
  try {
    await unassign(user, parsed.data.assignmentId)
    return json({ ok: true, message: 'Assignment removed. Their attempts and evidence stay on their record.' })
  } catch (error) {
    return refusalResponse(error, (refusal) => ({ ok: false, message: refusal.message }))
  }
}

export default function PersonPage() {
  const { person, work, record, reflections, recent } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const [params] = useSearchParams()
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/team" className="text-brand-700 hover:underline">
          ← Team
        </Link>
      </p>
      <PageHeader
        title={person.name}
        description={`${person.email} · ${person.teamName ?? 'no team'} · started ${formatDate(person.hiredAt, 'date not recorded')} · last active ${person.lastActive ? formatDate(person.lastActive) : 'never'}${person.active ? '' : ' · deactivated'}`}
      />
      {result ? (
        <div className="mb-6">
          <Alert tone={result.ok ? 'success' : 'error'}>{result.message}</Alert>
        </div>
      ) : null}
      <section aria-labelledby="work-title" className="mb-10">
        <div className="mb-3 flex items-center justify-between">
          <h2 id="work-title" className="text-xl font-semibold">
            Assignments
          </h2>
          <Link to="/team/assign" className="text-sm font-medium text-brand-700 hover:underline">
            Assign work
          </Link>
        </div>
        {work.length === 0 ? (
          <p className="text-slate-700">Nothing assigned.</p>
        ) : (
          <ul className="space-y-3">
            {work.map((a) => (
              <li key={a.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="assignment">
                <div className="flex flex-wrap items-center gap-3">
                  <span className="font-medium">{a.title}</span>
                  <AssignmentStatusBadge status={a.status} percent={a.percent} />
                  <span className="text-sm text-slate-600">
                    {a.dueDate ? `due ${formatDate(a.dueDate)}` : 'no due date'} ·{' '}
                    {a.source === 'onboarding'
                      ? 'onboarding path'
                      : a.source === 'team'
                        ? 'team assignment'
                        : 'assigned'}{' '}
                    {formatDate(a.assignedOn)}
                  </span>
                  <Form method="post" className="ml-auto">
                    <input type="hidden" name="intent" value="unassign" />
                    <input type="hidden" name="assignmentId" value={a.id} />
                    <SubmitButton
                      className="text-sm font-medium text-red-700 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-red-600 aria-disabled:opacity-60"
                      pendingLabel="Unassigning…"
                    >
                      Unassign<span className="sr-only"> {a.title}</span>
                    </SubmitButton>
                  </Form>
                </div>
                {a.note ? <p className="mt-1 text-sm text-slate-700">Note: {a.note}</p> : null}
                <div className="mt-2 max-w-md">
                  <ProgressBar value={a.lessonsDone} total={a.lessonsTotal} label="Lessons completed" />
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="record-title" className="mb-10">
        <h2 id="record-title" className="text-xl font-semibold">
          Competency record
        </h2>
        <CompetencyRecordList
          framework={record.framework}
          competencies={record.competencies}
          open={params.get('competency')}
        />
      </section>
      <section aria-labelledby="recent-title" className="mb-10">
        <h2 id="recent-title" className="text-xl font-semibold">
          What they answered
        </h2>
        <p className="mb-3 text-sm text-slate-700">
          Their latest quizzes and role-plays: the choices they picked and the path they took, scene by scene.
        </p>
        <RecentWorkList work={recent} />
      </section>
      <section aria-labelledby="reflections-title">
        <h2 id="reflections-title" className="mb-3 text-xl font-semibold">
          Reflections
        </h2>
        {reflections.length === 0 ? (
          <p className="text-slate-700">No submitted reflections yet.</p>
        ) : (
          <ul className="space-y-4">
            {reflections.map((r) => (
              <li key={r.id} className="rounded-lg border border-slate-200 bg-white p-4">
                <p className="text-sm text-slate-600">
                  {r.lessonTitle} · {r.submittedAt ? <DateTime value={r.submittedAt} /> : ''}
                </p>
                <p className="mt-1 font-medium">{r.prompt}</p>
                <p className="mt-1 whitespace-pre-wrap text-slate-800">{r.body}</p>
                {r.reply ? (
                  <p className="mt-2 rounded-md bg-slate-50 p-3 text-sm">
                    <span className="font-semibold">{r.reviewerName ?? 'Manager'} replied: </span>
                    {r.reply}
                  </p>
                ) : (
                  <Link
                    to="/team/coaching"
                    className="mt-2 inline-block text-sm font-medium text-brand-700 hover:underline"
                  >
                    Review in the coaching queue
                  </Link>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
