import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { CompetencyChart } from '~/components/competency-chart'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { EmptyState, PageHeader } from '~/components/page-header'
import { CompetencyRecordList } from '~/components/competency-record-list'
import { getCompetencyRecord } from '~/models/competency-records.server'
import { requireUser } from '~/utils/require-user.server'

export const meta: MetaFunction = () => [{ title: 'My competencies · Servewell' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'learn' })
  return json(await getCompetencyRecord(user.id))
}

export default function MyCompetenciesPage() {
  const { framework, competencies } = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  const open = params.get('competency')
  return (
    <>
      <PageHeader
        title="My competencies"
        description={`Your record per competency, built from the quizzes and role-plays you complete. A competency needs at least ${framework.minimumItems} scored items before it gets a level.`}
      />
      {competencies.every((c) => c.evidence.length === 0) ? (
        <EmptyState title="Finish your first quiz to start your record">
          Every quiz and role-play you complete adds evidence here, competency by competency.{' '}
          <Link to="/learn" className="font-medium text-brand-700 underline">
            Go to My learning
          </Link>{' '}
          to pick up your next lesson.
        </EmptyState>
      ) : (
        <section className="rounded-xl border border-slate-200 bg-white p-6" aria-labelledby="chart-title">
          <h2 id="chart-title" className="text-lg font-semibold">
            Score per competency
          </h2>
          <CompetencyChart
            rows={competencies.map((c) => ({
              name: c.name,
              percent: c.score === null ? null : Math.round(c.score * 100),
              level: c.level,
            }))}
          />
        </section>
      )}
      <CompetencyRecordList framework={framework} competencies={competencies} open={open} linkAttempts />
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
