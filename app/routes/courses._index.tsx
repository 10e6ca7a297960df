import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { EmptyState, PageHeader } from '~/components/page-header'
import { ProgressBar } from '~/components/progress-bar'
import { listCourses } from '~/models/courses.server'
import { requireUser } from '~/utils/require-user.server'

export const meta: MetaFunction = () => [{ title: 'Courses · Servewell' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'learn' })
  return json({ courses: await listCourses(user.id) })
}

export default function CoursesPage() {
  const { courses } = useLoaderData<typeof loader>()
  return (
    <>
      <PageHeader title="Courses" description="Everything you can learn here, with your progress in each." />
      {courses.length === 0 ? (
        <EmptyState title="No courses published yet">Courses appear here once a trainer publishes them.</EmptyState>
      ) : (
        <ul className="grid gap-6 md:grid-cols-2">
          {courses.map((c) => (
            <li key={c.slug} className="flex flex-col rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
              <p className="text-sm text-slate-600">
                {c.audience} · {c.lessons} lessons · about {c.minutes} min
              </p>
              <h2 className="mt-1 text-xl font-semibold">
                <Link to={`/courses/${c.slug}`} className="hover:text-brand-700 hover:underline">
                  {c.title}
                </Link>
              </h2>
              <p className="mt-2 flex-1 text-slate-700">{c.summary}</p>
              <div className="mt-4">
                <ProgressBar value={c.completed} total={c.lessons} label="Lessons completed" />
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
