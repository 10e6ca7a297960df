import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import {
  Breadcrumbs,
  CommentList,
  Figures,
  HiddenFigures,
  InsightSection,
  LessonTable,
  Share,
  signed,
} from '~/components/insights'
import { PageHeader } from '~/components/page-header'
import { DataTable } from '~/components/ui/data-table'
import { formatDuration, percentOf } from '~/domain/item-statistics'
import { courseInsights } from '~/models/insights.server'
import { requireUser } from '~/utils/require-user.server'
import { courseParam } from '~/utils/params.server'
import { invariantResponse } from '~/utils/responses.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.course.title ?? 'Course'} · Insights · Servewell` },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'content:author' })
  const insights = await courseInsights(user, courseParam(params))
  invariantResponse(insights, 'No such course.')
  return json(insights)
}

export default function CourseInsights() {
  const { course, completion, stops, ratings, lessons } = useLoaderData<typeof loader>()
  return (
    <>
      <Breadcrumbs
        items={[
          { to: '/author', label: 'Author' },
          { to: '/author/insights', label: 'Insights' },
        ]}
      />
      <PageHeader
        title={course.title}
        description="Completion, where learners stop, and what they say about the course."
      />
      <div className="space-y-10">
        <InsightSection
          id="completion"
          title="Completion"
          description="Started: did anything in one of the course’s current lessons. Finished: completed every one of them."
        >
          {completion ? (
            <Figures
              items={[
                { label: 'Started', value: completion.started },
                { label: 'Finished', value: `${completion.finished} (${completion.percent}%)` },
                {
                  label: 'Median time to finish',
                  value: formatDuration(completion.medianSeconds),
                  hint: 'From a learner’s first lesson completed in the course to their last, over those who finished. The time on the first lesson is not included.',
                },
              ]}
            />
          ) : (
            <HiddenFigures />
          )}
        </InsightSection>

        <InsightSection
          id="stops"
          title="Where people stop"
          description="Learners who started the course and have not finished it, by the first lesson, in course order, they have not completed."
        >
          {stops ? (
            <DataTable
              caption="Where learners stop in the course"
              columns={[{ label: 'First lesson not completed' }, { label: 'Learners', align: 'right' }]}
              testId="course-stops"
            >
              {stops.lessons.map((l) => (
                <tr key={l.slug}>
                  <td className="px-4 py-3">
                    <Link to={`/author/insights/${course.slug}/${l.slug}`} className="text-brand-700 hover:underline">
                      {l.title}
                    </Link>
                  </td>
                  <td className="px-4 py-3 text-right">
                    <Share percent={percentOf(l.learners, stops.learners) ?? 0}>
                      {l.learners} ({percentOf(l.learners, stops.learners)}%)
                    </Share>
                  </td>
                </tr>
              ))}
            </DataTable>
          ) : (
            <HiddenFigures />
          )}
        </InsightSection>

        <InsightSection id="lessons" title="Lessons" description="Open a lesson for its questions and scenarios.">
          <LessonTable courseSlug={course.slug} courseTitle={course.title} lessons={lessons} />
        </InsightSection>

        <InsightSection
          id="ratings"
          title="Ratings"
          description="“How likely are you to recommend this course to a colleague?”, 0 to 10, asked once the course is finished. NPS is the share of promoters (9–10) minus the share of detractors (0–6)."
        >
          {ratings ? (
            <>
              <Figures
                items={[
                  { label: 'Net Promoter Score', value: signed(ratings.nps) },
                  { label: 'Ratings', value: ratings.count },
                  {
                    label: 'Promoters (9–10)',
                    value: `${ratings.promoters} (${percentOf(ratings.promoters, ratings.count)}%)`,
                  },
                  {
                    label: 'Detractors (0–6)',
                    value: `${ratings.detractors} (${percentOf(ratings.detractors, ratings.count)}%)`,
                  },
                ]}
              />
              <div className="grid items-start gap-6 lg:grid-cols-[18rem_1fr]">
                <DataTable
                  caption="How many learners gave each score"
                  columns={[{ label: 'Score' }, { label: 'Ratings', align: 'right' }]}
                  compact
                  testId="rating-distribution"
                >
                  {ratings.distribution.map((n, score) => (
                    <tr key={score}>
                      <td className="px-3 py-1.5">{score}</td>
                      <td className="px-3 py-1.5 text-right">
                        <Share percent={percentOf(n, ratings.count) ?? 0}>{n}</Share>
                      </td>
                    </tr>
                  ))}
                </DataTable>
                <div className="space-y-3">
                  <h3 className="text-lg font-semibold">Comments, newest first</h3>
                  <p className="max-w-3xl text-sm text-slate-600">
                    Shown without names. A learner who rates again replaces their rating; the date is when it was last
                    changed. Ratings are not tied to a version of the course: compare the date with the lessons’ version
                    dates.
                  </p>
                  <CommentList comments={ratings.comments} more={ratings.moreComments} />
                </div>
              </div>
            </>
          ) : (
            <HiddenFigures what="Ratings and comments" />
          )}
        </InsightSection>
      </div>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
