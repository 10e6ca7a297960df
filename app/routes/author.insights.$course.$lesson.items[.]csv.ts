import type { LoaderFunctionArgs } from '@remix-run/node'
import { csvResponse } from '~/models/exports.server'
import { itemStatisticsCsv } from '~/models/insights.server'
import { lessonInsightsParams } from '~/utils/insights-params.server'
import { requireUser } from '~/utils/require-user.server'
import { invariantResponse } from '~/utils/responses.server'

/** GET /author/insights/<course>/<lesson>/items.csv (?version=): the item statistics a trainer sees, as CSV. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'content:author' })
  const { course, lesson, version } = lessonInsightsParams(request, params)
  const csv = await itemStatisticsCsv(user, course, lesson, version)
  invariantResponse(csv, version === null ? 'No such lesson.' : 'This lesson has no such version.')
  return csvResponse(new Blob([csv.body]).stream(), csv.filename)
}
