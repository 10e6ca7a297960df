import type { ActionFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/utils/require-user.server'
import { errorReportResponse } from './admin.users.import/intents.server'

/**
 * POST /admin/users/import/problems.csv with the previewed CSV: its rows with problems, to fix
 * and upload again. A POST because the file is in no database until it is imported.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'users:manage' })
  return errorReportResponse(user, request)
}
