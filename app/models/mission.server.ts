import { and, desc, eq } from 'drizzle-orm'
import { missionStatementRevisions, organisations, users } from '#db/schema'
import { getDb } from '~/utils/db.server'
import type { SessionUser } from '~/utils/require-user.server'
import { recordAudit } from './audit.server'

export type MissionSaveResult = { changed: false } | { changed: true; revisionId: string }

export async function getMissionStatement(organisationId: string) {
  const [org] = await getDb()
    .select({ missionStatement: organisations.missionStatement })
    .from(organisations)
    .where(eq(organisations.id, organisationId))
  return org?.missionStatement ?? null
}

export async function missionHistory(organisationId: string, limit = 100) {
  return getDb()
    .select({
      id: missionStatementRevisions.id,
      text: missionStatementRevisions.text,
      createdAt: missionStatementRevisions.createdAt,
      editorName: users.name,
    })
    .from(missionStatementRevisions)
    .leftJoin(users, eq(users.id, missionStatementRevisions.editedById))
    .where(eq(missionStatementRevisions.organisationId, organisationId))
    .orderBy(desc(missionStatementRevisions.createdAt))
    .limit(limit)
}

/** Expects text already validated and trimmed by the caller. */
export async function saveMissionStatement(actor: SessionUser, text: string): Promise<MissionSaveResult> {
  return writeMission(actor, text, null)
}

/** Makes an older revision current again as a new revision; null when it is not one of the actor's organisation. */
export async function restoreMissionRevision(
  actor: SessionUser,
  revisionId: string,
): Promise<MissionSaveResult | null> {
  const [revision] = await getDb()
    .select({ text: missionStatementRevisions.text })
    .from(missionStatementRevisions)
    .where(
      and(
        eq(missionStatementRevisions.id, revisionId),
        eq(missionStatementRevisions.organisationId, actor.organisationId),
      ),
    )
  if (!revision) return null
  return writeMission(actor, revision.text, revisionId)
}

async function writeMission(actor: SessionUser, text: string, restoredFrom: string | null): Promise<MissionSaveResult> {
  return getDb().transaction(async (tx) => {
    // Locking the organisation row makes concurrent saves take turns, so "unchanged" is judged against the latest text.
    const [org] = await tx
      .select({ missionStatement: organisations.missionStatement })
      .from(organisations)
      .where(eq(organisations.id, actor.organisationId))
      .for('update')
    if (!org) throw new Error(`Organisation ${actor.organisationId} not found`)
    if (org.missionStatement === text) return { changed: false }
    await tx.update(organisations).set({ missionStatement: text }).where(eq(organisations.id, actor.organisationId))
    const [revision] = await tx
      .insert(missionStatementRevisions)
      .values({ organisationId: actor.organisationId, text, editedById: actor.id })
      .returning({ id: missionStatementRevisions.id })
    if (!revision) throw new Error('Insert returned no row')
    await recordAudit(tx, {
      organisationId: actor.organisationId,
      actorId: actor.id,
      action: 'mission.updated',
      targetType: 'organisation',
      targetId: actor.organisationId,
      details: restoredFrom ? { revisionId: revision.id, restoredFrom } : { revisionId: revision.id },
    })
    return { changed: true, revisionId: revision.id }
  })
}
