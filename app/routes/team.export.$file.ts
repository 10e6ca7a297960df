import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { todayIn } from '~/domain/calendar'
import { assignmentsCsv, competenciesCsv, csvResponse, exportTeam } from '~/models/exports.server'
import { TEAM_VIEW } from '~/domain/permissions'
import { requireUser } from '~/utils/require-user.server'
import { teamParam } from '~/utils/team-param.server'
import { invariantResponse } from '~/utils/responses.server'

const exports = { 'assignments.csv': assignmentsCsv, 'competencies.csv': competenciesCsv } as const

/** GET /team/export/assignments.csv and /team/export/competencies.csv, for a team (?team=) or everyone in scope. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: TEAM_VIEW })
  const file = z.enum(['assignments.csv', 'competencies.csv']).safeParse(params.file)
  invariantResponse(file.success, 'There is no such export.')
  const teamId = teamParam(request)
  const team = teamId ? await exportTeam(user, teamId) : null
  if (teamId && !team) throw new Response('No such team in your organisation.', { status: 404 })
  const scope = team
    ? team.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')
    : user.role === 'admin'
      ? 'organisation'
      : 'my-reports'
  const kind = file.data.replace('.csv', '')
  return csvResponse(await exports[file.data](user, { teamId }), `${kind}-${scope}-${todayIn(user.timeZone)}.csv`)
}
