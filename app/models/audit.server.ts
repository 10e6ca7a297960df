import { desc, eq } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { auditLog, users } from '#db/schema'
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

export async function listAuditEntries(organisationId: string, limit = 100) {
  return getDb()
    .select({
      id: auditLog.id,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      details: auditLog.details,
      at: auditLog.at,
      actorName: users.name,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(eq(auditLog.organisationId, organisationId))
    .orderBy(desc(auditLog.at))
    .limit(limit)
}
