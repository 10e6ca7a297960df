import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { LessonTable, signed } from '~/components/insights'
import { EmptyState, PageHeader } from '~/components/page-header'
import { MIN_GROUP } from '~/domain/item-statistics'
import { insightsOverview } from '~/models/insights.server'
import { requireUser } from '~/utils/require-user.server'

export const meta: MetaFunction = () => [{ title: 'Insights · Author · Servewell' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'content:author' })
  return json(await insightsOverview(user))
}

export default function InsightsOverview() {
  const { courses } = useLoaderData<typeof loader>()
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/author" className="text-brand-700 hover:underline">
          Author
        </Link>
      </p>
      <PageHeader
        title="Insights"
        description={`How the learners in your organisation do on each course and lesson: completion, which questions work, where people stop, and what they say. Only totals are shown, never one person’s answers, and a group of fewer than ${MIN_GROUP} learners shows no figures.`}
      />
      {courses.length === 0 ? (
        <EmptyState title="No courses yet">
          Publish a lesson and its figures appear here once learners take it.
        </EmptyState>
      ) : (
        <div className="space-y-10">
          {courses.map((course) => (
            <section key={course.slug} aria-labelledby={`course-${course.slug}`} className="space-y-3">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 id={`course-${course.slug}`} className="text-xl font-semibold">
                  <Link to={`/author/insights/${course.slug}`} className="hover:text-brand-700 hover:underline">
                    {course.title}
                  </Link>
                </h2>
                <p className="text-sm text-slate-700">
                  {course.ratings ? (
                    <>
                      NPS <strong>{signed(course.ratings.nps)}</strong> from {course.ratings.count} ratings ·{' '}
                    </>
                  ) : (
                    <>Ratings: fewer than {MIN_GROUP} · </>
                  )}
                  <Link to={`/author/insights/${course.slug}`} className="font-medium text-brand-700 hover:underline">
                    Course completion, ratings and comments
                    <span className="sr-only">: {course.title}</span>
                  </Link>
                </p>
              </div>
              <LessonTable courseSlug={course.slug} courseTitle={course.title} lessons={course.lessons} />
            </section>
          ))}
          <p className="max-w-3xl text-sm text-slate-600">
            <strong>Started</strong> counts learners who did anything in the lesson (a quiz, a scenario, a reflection or
            its completion); <strong>completed</strong>, those who completed any version of it. Trainers’ and admins’
            own attempts are left out: they can read the answer keys.
          </p>
        </div>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
