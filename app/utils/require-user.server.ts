import { redirect } from '@remix-run/node'
import { type Permission, type Role, canAny } from '~/domain/permissions'
import { findSessionUser, readSessionId } from './session.server'

export interface SessionUser {
  id: string
  organisationId: string
  email: string
  name: string
  role: Role
  managerId: string | null
  teamId: string | null
  /** The organisation's time zone: what "today" is, and how times read. */
  timeZone: string
}

// The root loader, a layout's and the page's all ask who is signing in, at once; one lookup is
// enough. Remix hands each loader its own copy of the Request, so the lookup is shared by the
// cookie it reads, while it is in flight: a later request looks again (a session may have ended).
const inFlight = new Map<string, Promise<SessionUser | null>>()

export function getOptionalUser(request: Request): Promise<SessionUser | null> {
  const cookie = request.headers.get('Cookie') ?? ''
  let pending = inFlight.get(cookie)
  if (!pending) {
    pending = lookUpUser(request)
    inFlight.set(cookie, pending)
    const done = () => inFlight.delete(cookie)
    pending.then(done, done)
  }
  return pending
}

async function lookUpUser(request: Request): Promise<SessionUser | null> {
  const sessionId = await readSessionId(request)
  if (!sessionId) return null
  const user = await findSessionUser(sessionId)
  if (!user) return null
  return {
    id: user.id,
    organisationId: user.organisationId,
    email: user.email,
    name: user.name,
    role: user.role,
    managerId: user.managerId,
    teamId: user.teamId,
    timeZone: user.timeZone,
  }
}

/**
 * Every loader and action starts here. No session: redirect to sign-in and come
 * back afterwards. A role without the permission: 403.
 */
export async function requireUser(
  request: Request,
  options: { permission?: Permission | readonly Permission[] } = {},
): Promise<SessionUser> {
  const user = await getOptionalUser(request)
  if (!user) {
    const url = new URL(request.url)
    const params = new URLSearchParams({ redirectTo: url.pathname + url.search })
    throw redirect(`/login?${params}`)
  }
  if (options.permission) {
    const wanted = typeof options.permission === 'string' ? [options.permission] : options.permission
    if (!canAny(user.role, wanted)) {
      throw new Response('You do not have permission to open this page.', {
        status: 403,
        statusText: 'Forbidden',
      })
    }
  }
  return user
}

export async function requireAnonymous(request: Request) {
  if (await getOptionalUser(request)) throw redirect('/')
}
