import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { clearSessionCookie, endSession, readSessionId } from '~/utils/session.server'

// Signing out changes state, so only POST does it; a GET just goes home.
export async function loader() {
  return redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
  const sessionId = await readSessionId(request)
  if (sessionId) await endSession(sessionId)
  return redirect('/login', { headers: { 'Set-Cookie': await clearSessionCookie() } })
}
