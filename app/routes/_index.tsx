import type { LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { homeFor } from '~/domain/permissions'
import { requireUser } from '~/utils/require-user.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return redirect(homeFor(user.role))
}
