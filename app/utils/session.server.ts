import crypto from 'node:crypto'
import { createCookie } from '@remix-run/node'
import { eq, lt, or, sql } from 'drizzle-orm'
import { sessions } from '#db/schema'
import type { Role } from '~/domain/permissions'
import { noteContentGeneration } from './content-cache.server'
import { getDb, rowsOf } from './db.server'
import { getEnv, isProduction } from './env.server'
import { effectiveTimeZone } from './time-zone.server'

export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000
// Refreshing last_seen_at on every request would write on every page view.
const TOUCH_AFTER_MS = 60 * 1000

let cookie: ReturnType<typeof createCookie> | undefined
export function sessionCookie() {
  cookie ??= createCookie(isProduction() ? '__Host-servewell_session' : 'servewell_session', {
    httpOnly: true,
    sameSite: 'lax',
    secure: isProduction(),
    path: '/',
    secrets: [getEnv().SESSION_SECRET],
    maxAge: SESSION_ABSOLUTE_MS / 1000,
  })
  return cookie
}

export async function readSessionId(request: Request): Promise<string | null> {
  const header = request.headers.get('Cookie')
  if (!header) return null
  try {
    const value: unknown = await sessionCookie().parse(header)
    return typeof value === 'string' && /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : null
  } catch {
    return null
  }
}

export async function createSession(userId: string, now = new Date()) {
  const id = crypto.randomBytes(32).toString('base64url')
  await getDb()
    .insert(sessions)
    .values({
      id,
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
    })
  return { id, setCookie: await sessionCookie().serialize(id) }
}

interface SignedInRow {
  id: string
  organisation_id: string
  email: string
  name: string
  role: string
  manager_id: string | null
  team_id: string | null
  last_seen_at: Date | string
  time_zone: string | null
  content_generation: number | string
}

/** The user behind a live session, or null: expired, idle too long, ended, or deactivated all read as signed out. */
export async function findSessionUser(sessionId: string, now = new Date()) {
  // A function (migration 0015), so its plan is kept; it reads the content generation on the way
  // (app/utils/content-cache.server.ts).
  const [row] = rowsOf<SignedInRow>(
    await getDb().execute(
      sql`select * from signed_in_user(${sessionId}, ${now.toISOString()}, ${new Date(now.getTime() - SESSION_IDLE_MS).toISOString()})`,
    ),
  )
  if (!row) return null
  noteContentGeneration(Number(row.content_generation))
  if (now.getTime() - new Date(row.last_seen_at).getTime() > TOUCH_AFTER_MS) {
    await getDb().update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, sessionId))
  }
  return {
    id: row.id,
    organisationId: row.organisation_id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    managerId: row.manager_id,
    teamId: row.team_id,
    timeZone: effectiveTimeZone(row.time_zone),
  }
}

export async function endSession(sessionId: string) {
  await getDb().delete(sessions).where(eq(sessions.id, sessionId))
}

export async function clearSessionCookie() {
  return sessionCookie().serialize('', { maxAge: 0, expires: new Date(0) })
}

export async function deleteStaleSessions(now = new Date()) {
  await getDb()
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, new Date(now.getTime() - SESSION_IDLE_MS))))
}
