import crypto from 'node:crypto'
import { createCookie } from '@remix-run/node'
import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm'
import { contentGeneration, organisations, sessions, users } from '#db/schema'
import { noteContentGeneration } from './content-cache.server'
import { getDb, preparedOn } from './db.server'
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

// The lookup every signed-in request makes, so it is built once per database handle, and it
// reads the content generation on the way (app/utils/content-cache.server.ts).
const sessionUserQuery = preparedOn((db) =>
  db
    .select({
      id: users.id,
      organisationId: users.organisationId,
      email: users.email,
      name: users.name,
      role: users.role,
      managerId: users.managerId,
      teamId: users.teamId,
      lastSeenAt: sessions.lastSeenAt,
      timeZone: organisations.timeZone,
      contentGeneration: sql<number>`(select ${contentGeneration.generation} from ${contentGeneration})::int`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(
      and(
        eq(sessions.id, sql.placeholder('sessionId')),
        gt(sessions.expiresAt, sql.placeholder('now')),
        gt(sessions.lastSeenAt, sql.placeholder('idleSince')),
        isNull(users.deactivatedAt),
      ),
    )
    .limit(1)
    .prepare('session_user'),
)

/** The user behind a live session, or null: expired, idle too long, ended, or deactivated all read as signed out. */
export async function findSessionUser(sessionId: string, now = new Date()) {
  const [row] = await sessionUserQuery().execute({
    sessionId,
    now,
    idleSince: new Date(now.getTime() - SESSION_IDLE_MS),
  })
  if (!row) return null
  noteContentGeneration(row.contentGeneration)
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await getDb().update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, sessionId))
  }
  const { lastSeenAt: _seen, contentGeneration: _generation, ...user } = row
  return { ...user, timeZone: effectiveTimeZone(row.timeZone) }
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
