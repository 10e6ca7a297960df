import { and, eq, inArray, isNotNull } from 'drizzle-orm'
import { assignments, outboxMessages } from '#db/schema'
import { type IsoDate, todayIn } from '~/domain/calendar'
import { Refusal } from '~/domain/refusal'
import { reminderEmail } from '~/domain/reminders'
import { getDb } from '~/utils/db.server'
import type { SessionUser } from '~/utils/require-user.server'
import { recordAudit } from './audit.server'
import { assignmentQuery, describeAssignment } from './assignments.server'
import { personInScope } from './scope.server'

/**
 * A manager's "Remind": queues an email about one open assignment of one of their people, at
 * most once a day per assignment (the outbox's unique assignment and nudge day make a double
 * click or a second tab queue nothing more), and records who asked in the audit log.
 */
export async function nudgeAssignment(
  actor: SessionUser,
  assignmentId: string,
  options: { now?: Date; appUrl?: string | null } = {},
) {
  // The organisation's day: "once a day" means the day its managers and people live in.
  const today = todayIn(actor.timeZone, options.now)
  return getDb().transaction(async (tx) => {
    const [row] = await assignmentQuery(tx).where(eq(assignments.id, assignmentId))
    const person = row ? await personInScope(actor, row.userId, tx) : null
    if (!row || !person) throw new Refusal('No such assignment among your people.', 404)
    if (row.userId === actor.id) throw new Refusal('You cannot send a reminder to yourself.', 403)
    const work = describeAssignment(row, today)
    if (work.status === 'completed') throw new Refusal(`${person.name} has already completed ${work.title}.`, 409)
    const { subject, body } = reminderEmail({
      kind: 'nudge',
      today,
      personName: person.name,
      senderName: actor.name,
      dueDate: work.dueDate,
      courseTitle: row.courseTitle,
      courseSlug: row.courseSlug,
      lesson: row.lessonSlug ? { slug: row.lessonSlug, title: row.lessonTitle ?? row.lessonSlug } : null,
      appUrl: options.appUrl,
    })
    const [queued] = await tx
      .insert(outboxMessages)
      .values({
        organisationId: actor.organisationId,
        assignmentId,
        kind: 'nudge',
        recipientId: person.id,
        toEmail: person.email,
        subject,
        body,
        nudgeDay: today,
        sentById: actor.id,
      })
      .onConflictDoNothing({
        target: [outboxMessages.assignmentId, outboxMessages.nudgeDay],
        where: isNotNull(outboxMessages.nudgeDay),
      })
      .returning({ id: outboxMessages.id })
    if (queued)
      await recordAudit(tx, {
        organisationId: actor.organisationId,
        actorId: actor.id,
        action: 'assignment.reminded',
        targetType: 'user',
        targetId: person.id,
        details: { assignmentId, title: work.title, messageId: queued.id },
      })
    return { queued: Boolean(queued), personName: person.name, title: work.title }
  })
}

/** Which of these assignments were already nudged today. */
export async function nudgedOn(assignmentIds: string[], day: IsoDate) {
  if (assignmentIds.length === 0) return new Set<string>()
  const rows = await getDb()
    .select({ assignmentId: outboxMessages.assignmentId })
    .from(outboxMessages)
    .where(and(inArray(outboxMessages.assignmentId, assignmentIds), eq(outboxMessages.nudgeDay, day)))
  return new Set(rows.flatMap((r) => (r.assignmentId ? [r.assignmentId] : [])))
}
