import type { LoaderFunctionArgs } from '@remix-run/node'
import { isoDate } from '~/domain/assignments'
import { csvResponse, exportTeam, competenciesCsv } from '~/models/exports.server'
import { requireUser } from '~/utils/require-user.server'
import { teamParam } from '~/utils/team-param.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: ['team:view:own', 'team:view:any'] })
  const teamId = teamParam(request)
  const team = teamId ? await exportTeam(user, teamId) : null
  if (teamId && !team) throw new Response('No such team in your organisation.', { status: 404 })
  const scope = team ? team.name.toLowerCase().replace(/[^a-z0-9]+/g, '-') : user.role === 'admin' ? 'organisation' : 'my-reports'
  return csvResponse(await competenciesCsv(user, { teamId }), `competencies-${scope}-${isoDate(new Date())}.csv`)
}
