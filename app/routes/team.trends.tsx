import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { CompetencyTrend } from '~/components/competency-trend'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { TeamPicker } from '~/components/team-picker'
import { EmptyState, PageHeader } from '~/components/page-header'
import { formatDate } from '~/domain/calendar'
import { TREND_WEEKS } from '~/domain/competency-trends'
import { TEAM_VIEW } from '~/domain/permissions'
import { teamTrends } from '~/models/team-dashboard.server'
import { requireUser } from '~/utils/require-user.server'
import { refusalAsPageError } from '~/utils/responses.server'
import { teamParam } from '~/utils/team-param.server'

export const meta: MetaFunction = () => [{ title: 'Trends · Team · Servewell' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: TEAM_VIEW })
  try {
    return json(await teamTrends(user, { teamId: teamParam(request) }))
  } catch (error) {
    refusalAsPageError(error)
  }
}

export default function TeamTrends() {
  const data = useLoaderData<typeof loader>()
  return (
    <>
      <PageHeader
        title="Trends"
        description={`Each competency's team average over the last ${TREND_WEEKS} weeks, as the record stood at the end of each week (up to ${formatDate(data.weeks[data.weeks.length - 1])}). Averages count people with a level.`}
      />
      {data.scope === 'organisation' && data.teams.length > 0 ? (
        <TeamPicker teams={data.teams} teamId={data.teamId} />
      ) : null}
      {data.people === 0 ? (
        <EmptyState title={data.scope === 'reports' ? 'Nobody reports to you yet' : 'Nobody is in this team yet'}>
          Trends appear once people in the team complete quizzes and role-plays.
        </EmptyState>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2">
          {data.competencies.map((c) => (
            <li key={c.id}>
              <CompetencyTrend name={c.name} points={c.points} />
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
