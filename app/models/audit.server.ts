import { and, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { DbOrTx } from '#db/client'
import { auditLog, competencies, courses, lessonVersions, lessons, teams, users } from '#db/schema'
import { type AuditFilters, type ReferenceKind, referencedIds } from '~/domain/audit-entries'
import { PAGE_SIZE, offsetOf, pageWindow } from '~/domain/pagination'
import { containsPattern } from '~/domain/search-text'
import { getDb } from '~/utils/db.server'

export interface AuditEntryInput {
  organisationId: string
  actorId: string | null
  action: string
  targetType: string
  targetId?: string | null
  details?: Record<string, unknown>
}

/** Pass the transaction that makes the change, so the change and its record land together. */
export async function recordAudit(tx: DbOrTx, entry: AuditEntryInput) {
  await tx.insert(auditLog).values({
    organisationId: entry.organisationId,
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    details: entry.details ?? {},
  })
}

const actors = alias(users, 'actors')
const subjectUsers = alias(users, 'subject_users')

/** Ids in details are text in JSON; a malformed one must not reach a uuid comparison. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

// The subject's id as a uuid, so a page of entries finds its people and teams by primary key;
// target_id is text, and one that is not a uuid names nothing rather than failing the cast.
const targetUuid = sql<string>`case when ${auditLog.targetId} ~* ${UUID.source} then ${auditLog.targetId}::uuid end`

/** The names of the people, teams, courses, lessons and competencies that entries' details point at. */
async function namesOf(organisationId: string, details: Record<string, unknown>[]) {
  const wanted = new Map<ReferenceKind, Set<string>>()
  for (const d of details)
    for (const { kind, id } of referencedIds(d))
      if (kind === 'competency' || UUID.test(id)) wanted.set(kind, (wanted.get(kind) ?? new Set()).add(id))
  const ids = (kind: ReferenceKind) => [...(wanted.get(kind) ?? [])]
  const db = getDb()
  const lookups = await Promise.all([
    ids('user').length
      ? db
          .select({ id: users.id, name: users.name })
          .from(users)
          .where(and(eq(users.organisationId, organisationId), inArray(users.id, ids('user'))))
      : [],
    ids('team').length
      ? db
          .select({ id: teams.id, name: teams.name })
          .from(teams)
          .where(and(eq(teams.organisationId, organisationId), inArray(teams.id, ids('team'))))
      : [],
    ids('course').length
      ? db
          .select({ id: courses.id, name: courses.title })
          .from(courses)
          .where(inArray(courses.id, ids('course')))
      : [],
    ids('lesson').length
      ? db
          .select({ id: lessons.id, name: lessonVersions.title })
          .from(lessons)
          .innerJoin(lessonVersions, eq(lessonVersions.id, lessons.publishedVersionId))
          .where(inArray(lessons.id, ids('lesson')))
      : [],
    ids('competency').length
      ? db
          .select({ id: competencies.id, name: competencies.name })
          .from(competencies)
          .where(inArray(competencies.id, ids('competency')))
      : [],
  ])
  return Object.fromEntries(lookups.flat().map((row) => [row.id, row.name]))
}

/**
 * A page of the organisation's audit log, newest first, with the actor and the person or team
 * each entry is about named (so the page can link them), the names its details refer to, and
 * how many entries match. `person` matches part of a name or email, of the actor or the subject.
 */
export async function listAuditEntries(organisationId: string, filters: AuditFilters, size = PAGE_SIZE) {
  const conditions = [eq(auditLog.organisationId, organisationId)]
  if (filters.kind) conditions.push(eq(auditLog.action, filters.kind))
  if (filters.person) {
    const pattern = containsPattern(filters.person)
    const matches = and(
      eq(users.organisationId, organisationId),
      or(ilike(users.name, pattern), ilike(users.email, pattern)),
    )
    conditions.push(
      or(
        inArray(auditLog.actorId, getDb().select({ id: users.id }).from(users).where(matches)),
        and(
          eq(auditLog.targetType, 'user'),
          // target_id is text: it also holds ids of teams and organisations.
          inArray(
            auditLog.targetId,
            getDb()
              .select({ id: sql<string>`${users.id}::text` })
              .from(users)
              .where(matches),
          ),
        ),
      )!,
    )
  }
  const where = and(...conditions)
  const db = getDb()
  const [countRow] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(where)
  const window = pageWindow(filters.page, countRow?.n ?? 0, size)
  const rows = await db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      details: auditLog.details,
      at: auditLog.at,
      actorId: auditLog.actorId,
      actorName: actors.name,
      subjectName: sql<string | null>`coalesce(${subjectUsers.name}, ${teams.name})`,
    })
    .from(auditLog)
    .leftJoin(actors, eq(actors.id, auditLog.actorId))
    .leftJoin(subjectUsers, and(eq(auditLog.targetType, 'user'), eq(subjectUsers.id, targetUuid)))
    .leftJoin(teams, and(eq(auditLog.targetType, 'team'), eq(teams.id, targetUuid)))
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(size)
    .offset(offsetOf(window, size))
  return {
    entries: rows,
    names: await namesOf(
      organisationId,
      rows.map((r) => r.details),
    ),
    window,
  }
}
