import { and, eq, sql } from 'drizzle-orm'
import { organisations } from '#db/schema'
import { isTimeZone } from '~/domain/calendar'
import { Refusal } from '~/domain/refusal'
import { getDb } from '~/utils/db.server'
import type { SessionUser } from '~/utils/require-user.server'
import { serverTimeZone } from '~/utils/time-zone.server'
import { recordAudit } from './audit.server'

/** The zone the organisation chose (null: it follows the server's) and the zones there are to choose from. */
export async function timeZoneSetting(organisationId: string) {
  const [row] = await getDb()
    .select({ timeZone: organisations.timeZone })
    .from(organisations)
    .where(eq(organisations.id, organisationId))
  return {
    chosen: row?.timeZone ?? null,
    server: serverTimeZone(),
    zones: ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')],
  }
}

/** Sets the organisation's time zone (null: the server's), with an audit entry in the same transaction. */
export async function setTimeZone(actor: SessionUser, timeZone: string | null) {
  if (timeZone !== null && !isTimeZone(timeZone)) throw new Refusal('Choose a time zone from the list.')
  await getDb().transaction(async (tx) => {
    const [changed] = await tx
      .update(organisations)
      .set({ timeZone })
      .where(
        and(eq(organisations.id, actor.organisationId), sql`${organisations.timeZone} is distinct from ${timeZone}`),
      )
      .returning({ id: organisations.id })
    if (changed)
      await recordAudit(tx, {
        organisationId: actor.organisationId,
        actorId: actor.id,
        action: 'organisation.time-zone',
        targetType: 'organisation',
        targetId: actor.organisationId,
        details: { timeZone },
      })
  })
}
