import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { AssignmentStatusBadge } from '~/components/assignment-status'
import { CourseCard } from '~/components/course-card'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { MissionStatementCard } from '~/components/mission-statement-card'
import { EmptyState, PageHeader } from '~/components/page-header'
import { ProgressBar } from '~/components/progress-bar'
import { myLearning } from '~/models/my-learning.server'
import { formatDate } from '~/domain/calendar'
import { requireUser } from '~/utils/require-user.server'

export const meta: MetaFunction = () => [{ title: 'My learning · Servewell' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'learn' })
  const { profile, courses, ...learning } = await myLearning(user)
  return json({ profile, courses, learning })
}

export default function LearnPage() {
  const { profile, courses, learning } = useLoaderData<typeof loader>()
  const firstName = profile.name.split(' ')[0]
  const overdue = learning.open.filter((a) => a.status === 'overdue').length
  return (
    <>
      <PageHeader
        title={`Welcome, ${firstName}`}
        description={
          learning.open.length === 0
            ? 'Nothing is assigned to you right now: explore the courses below.'
            : `You have ${learning.open.length} piece${learning.open.length === 1 ? '' : 's'} of assigned work${overdue > 0 ? `, ${overdue} overdue` : ''}.`
        }
      />
      <div className="mb-8 grid items-start gap-6 lg:grid-cols-[2fr_1fr]">
        <div className="space-y-4">
          {learning.resume ? (
            <section
              aria-labelledby="resume-title"
              className="rounded-xl border border-brand-100 bg-white p-6 shadow-sm"
            >
              <h2 id="resume-title" className="text-xs font-semibold uppercase tracking-wider text-brand-700">
                Continue where you left off
              </h2>
              <p className="mt-2 text-lg font-semibold">{learning.resume.lessonTitle}</p>
              <p className="text-sm text-slate-600">{learning.resume.courseTitle}</p>
              <Link
                to={learning.resume.href}
                className="mt-4 inline-flex rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2"
              >
                Continue<span className="sr-only">: {learning.resume.lessonTitle}</span>
              </Link>
            </section>
          ) : null}
          <dl className="grid gap-4 sm:grid-cols-3">
            <ProfileFact label="Team" value={profile.teamName ?? 'Not in a team yet'} />
            <ProfileFact label="Manager" value={profile.managerName ?? 'No manager set'} />
            <ProfileFact label="Started" value={formatDate(profile.hiredAt, 'Not recorded')} />
          </dl>
        </div>
        <MissionStatementCard text={learning.missionStatement} />
      </div>

      <section aria-labelledby="assigned-title" className="mb-10">
        <h2 id="assigned-title" className="mb-4 text-xl font-semibold">
          Assigned to you
        </h2>
        {learning.open.length === 0 ? (
          <p className="text-slate-700">
            No open assignments. Your manager's assignments and your onboarding path appear here.
          </p>
        ) : (
          <ul className="space-y-3" data-testid="assigned">
            {learning.open.map((a) => (
              <li
                key={a.id}
                className={`rounded-lg border bg-white p-4 ${a.status === 'overdue' ? 'border-red-300' : 'border-slate-200'}`}
                data-testid="assignment"
                data-status={a.status}
              >
                <div className="flex flex-wrap items-center gap-3">
                  <Link to={a.href} className="font-semibold text-brand-700 hover:underline">
                    {a.title}
                  </Link>
                  <AssignmentStatusBadge status={a.status} percent={a.percent} />
                  <span
                    className={`ml-auto text-sm ${a.status === 'overdue' ? 'font-semibold text-red-800' : 'text-slate-600'}`}
                  >
                    {a.dueDate
                      ? `${a.status === 'overdue' ? 'Was due' : 'Due'} ${formatDate(a.dueDate)}`
                      : 'No due date'}
                  </span>
                </div>
                {a.note ? <p className="mt-1 text-sm text-slate-700">{a.note}</p> : null}
                <div className="mt-2">
                  <ProgressBar value={a.lessonsDone} total={a.lessonsTotal} label="Lessons completed" />
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      {learning.completed.length > 0 ? (
        <section aria-labelledby="done-title" className="mb-10">
          <h2 id="done-title" className="mb-4 text-xl font-semibold">
            Completed
          </h2>
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {learning.completed.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center gap-3 px-4 py-3">
                <span className="font-medium">{a.title}</span>
                <AssignmentStatusBadge status="completed" />
                <span className="text-sm text-slate-600">{a.completedAt ? `on ${formatDate(a.completedAt)}` : ''}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="certificates-title" className="mb-10">
        <h2 id="certificates-title" className="mb-4 text-xl font-semibold">
          Certificates
        </h2>
        {learning.certificates.length === 0 ? (
          <EmptyState title="Finish a course to earn your first certificate">
            Every course you complete gives you a certificate to print or download, with a code anyone can check.
          </EmptyState>
        ) : (
          <ul className="flex flex-wrap gap-3">
            {learning.certificates.map((c) => (
              <li key={c.slug}>
                <Link
                  to={`/learn/certificates/${c.slug}`}
                  className="inline-flex rounded-md border border-brand-700 px-3 py-1.5 text-sm font-semibold text-brand-800 hover:bg-brand-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
                >
                  Certificate: {c.title}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <h2 className="mb-4 text-xl font-semibold">All courses</h2>
      {courses.length === 0 ? (
        <EmptyState title="No courses published yet">Courses appear here once a trainer publishes them.</EmptyState>
      ) : (
        <ul className="grid gap-6 md:grid-cols-2">
          {courses.map((c) => (
            <CourseCard key={c.slug} course={c} headingLevel={3} />
          ))}
        </ul>
      )}
    </>
  )
}

function ProfileFact({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-1 font-medium">{value}</dd>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
