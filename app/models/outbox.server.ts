import { and, asc, desc, eq, gt, isNull, lt, lte, sql } from 'drizzle-orm'
import { assignments, courses, lessonVersions, lessons, outboxMessages, users } from '#db/schema'
import { addDays, isoDate } from '~/domain/calendar'
import { DUE_SOON_DAYS, MAX_DELIVERY_TRIES, outboxStatus, reminderEmail, reminderFor } from '~/domain/reminders'
import { getDb } from '~/utils/db.server'
import type { DbOrTx } from '#db/client'

/** What sending needs; nodemailer's transporter is one. */
export interface MailTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown>
}

// Pages keep memory flat however many assignments fall due at once; 4000 rows of 7 values
// stay well inside PostgreSQL's 65,535 parameters per statement.
const QUEUE_PAGE_SIZE = 4000

/**
 * Queues the reminders that apply on `now`'s UTC date, for every active person's
 * unfinished assignments (or one organisation's). Safe to run any number of times,
 * from any number of servers at once: the unique (assignment, kind) pair turns a
 * second insert into nothing. Returns how many were queued by this call.
 */
export async function queueReminders(
  db: DbOrTx,
  now: Date,
  options: { appUrl?: string | null; organisationId?: string } = {},
): Promise<number> {
  const today = isoDate(now)
  // Mirrors reminderFor() so that messages already queued are filtered out in the database.
  const kindNow = sql`(case when ${assignments.dueDate} < ${today} then 'overdue' else 'due_soon' end)::reminder_kind`
  let queued = 0
  let after: string | undefined
  for (;;) {
    const candidates = await db
      .select({
        assignmentId: assignments.id,
        organisationId: assignments.organisationId,
        dueDate: assignments.dueDate,
        completedAt: assignments.completedAt,
        recipientId: users.id,
        toEmail: users.email,
        personName: users.name,
        courseTitle: courses.title,
        courseSlug: courses.slug,
        lessonSlug: lessons.slug,
        lessonTitle: lessonVersions.title,
      })
      .from(assignments)
      .innerJoin(users, eq(users.id, assignments.userId))
      .innerJoin(courses, eq(courses.id, assignments.courseId))
      .leftJoin(lessons, eq(lessons.id, assignments.lessonId))
      .leftJoin(lessonVersions, eq(lessonVersions.id, lessons.publishedVersionId))
      .where(
        and(
          isNull(assignments.completedAt),
          lte(assignments.dueDate, addDays(today, DUE_SOON_DAYS)),
          isNull(users.deactivatedAt),
          // Archived work has no page to link to.
          isNull(courses.archivedAt),
          isNull(lessons.archivedAt),
          options.organisationId ? eq(assignments.organisationId, options.organisationId) : undefined,
          after ? gt(assignments.id, after) : undefined,
          sql`not exists (select 1 from ${outboxMessages} where ${outboxMessages.assignmentId} = ${assignments.id} and ${outboxMessages.kind} = ${kindNow})`,
        ),
      )
      .orderBy(asc(assignments.id))
      .limit(QUEUE_PAGE_SIZE)

    const messages = candidates.flatMap((c) => {
      const kind = reminderFor(today, c)
      if (!kind || !c.dueDate) return []
      const { subject, body } = reminderEmail({
        kind,
        today,
        personName: c.personName,
        dueDate: c.dueDate,
        courseTitle: c.courseTitle,
        courseSlug: c.courseSlug,
        lesson: c.lessonSlug ? { slug: c.lessonSlug, title: c.lessonTitle ?? c.lessonSlug } : null,
        appUrl: options.appUrl,
      })
      return [
        {
          organisationId: c.organisationId,
          assignmentId: c.assignmentId,
          kind,
          recipientId: c.recipientId,
          toEmail: c.toEmail,
          subject,
          body,
        },
      ]
    })
    if (messages.length) {
      const inserted = await db
        .insert(outboxMessages)
        .values(messages)
        .onConflictDoNothing({
          target: [outboxMessages.assignmentId, outboxMessages.kind],
          where: isNull(outboxMessages.nudgeDay),
        })
        .returning({ id: outboxMessages.id })
      queued += inserted.length
    }
    if (candidates.length < QUEUE_PAGE_SIZE) return queued
    after = candidates[candidates.length - 1]?.assignmentId
  }
}

export interface DeliveryOptions {
  from: string
  batchSize?: number
  /** The most messages one call tries, so a backlog is worked off over several rounds. */
  limit?: number
  organisationId?: string
  /** Aborting stops before the next message; what was sent is still recorded. */
  signal?: AbortSignal
  /**
   * true: each batch is claimed with FOR UPDATE SKIP LOCKED and sent inside its
   * transaction, so deliverers on other connections never send a message twice.
   * false: no transaction is held while sending; the caller must make sure it is the
   * only deliverer (runReminderRound does, on the embedded database).
   */
  rowLocks?: boolean
}

// Several failures in a row usually mean the mail server is down: leave the rest for a later round
// rather than spend this one waiting on timeouts.
const GIVE_UP_AFTER_FAILURES_IN_A_ROW = 5

/**
 * Sends queued messages, oldest id first. A failure counts a try and records the
 * error; the message waits for a later call, until MAX_DELIVERY_TRIES. Without a
 * transport (no SMTP configured) everything stays queued for the admin outbox page.
 *
 * Delivery is at least once: if the process dies between sending and recording it,
 * the message goes again next time.
 */
/** The reminder's work is still assigned and open, and its person still active. */
const stillApplies = sql`exists (
  select 1 from assignments a join users u on u.id = a.user_id
  where a.id = ${outboxMessages.assignmentId} and a.completed_at is null and u.deactivated_at is null)`

export async function deliverOutbox(db: DbOrTx, transport: MailTransport | null, options: DeliveryOptions) {
  const result = { sent: 0, failed: 0 }
  if (!transport) return result
  const { batchSize = 50, limit = 1000, rowLocks = true } = options
  let failuresInARow = 0
  // Walking forward by id keeps a message that just failed from being retried in the same call.
  let after: string | undefined
  const stopped = () =>
    options.signal?.aborted || failuresInARow >= GIVE_UP_AFTER_FAILURES_IN_A_ROW || result.sent + result.failed >= limit

  const sendBatch = async (tx: DbOrTx) => {
    const query = tx
      .select({
        id: outboxMessages.id,
        toEmail: outboxMessages.toEmail,
        subject: outboxMessages.subject,
        body: outboxMessages.body,
      })
      .from(outboxMessages)
      .where(
        and(
          isNull(outboxMessages.sentAt),
          lt(outboxMessages.tries, MAX_DELIVERY_TRIES),
          options.organisationId ? eq(outboxMessages.organisationId, options.organisationId) : undefined,
          after ? gt(outboxMessages.id, after) : undefined,
          stillApplies,
        ),
      )
      .orderBy(asc(outboxMessages.id))
      .limit(Math.min(batchSize, limit - result.sent - result.failed))
    const rows = rowLocks ? await query.for('update', { skipLocked: true }) : await query
    for (const message of rows) {
      if (stopped()) break
      try {
        await transport.sendMail({
          from: options.from,
          to: message.toEmail,
          subject: message.subject,
          text: message.body,
        })
        await tx
          .update(outboxMessages)
          .set({ sentAt: new Date(), tries: sql`${outboxMessages.tries} + 1`, lastError: null })
          .where(eq(outboxMessages.id, message.id))
        result.sent++
        failuresInARow = 0
      } catch (error) {
        await tx
          .update(outboxMessages)
          .set({ tries: sql`${outboxMessages.tries} + 1`, lastError: errorText(error) })
          .where(eq(outboxMessages.id, message.id))
        result.failed++
        failuresInARow++
      }
    }
    return { full: rows.length === batchSize, lastId: rows[rows.length - 1]?.id }
  }

  while (!stopped()) {
    const batch = rowLocks ? await db.transaction(sendBatch) : await sendBatch(db)
    if (!batch.full) break
    after = batch.lastId
  }
  return result
}

function errorText(error: unknown) {
  const text = error instanceof Error ? error.message : String(error)
  return text.slice(0, 1000)
}

export async function listOutbox(organisationId: string, { limit = 200 }: { limit?: number } = {}) {
  const rows = await getDb()
    .select({
      id: outboxMessages.id,
      kind: outboxMessages.kind,
      toEmail: outboxMessages.toEmail,
      recipientName: users.name,
      subject: outboxMessages.subject,
      body: outboxMessages.body,
      createdAt: outboxMessages.createdAt,
      sentAt: outboxMessages.sentAt,
      tries: outboxMessages.tries,
      lastError: outboxMessages.lastError,
      stillApplies: sql<boolean>`${stillApplies}`,
    })
    .from(outboxMessages)
    .leftJoin(users, eq(users.id, outboxMessages.recipientId))
    .where(eq(outboxMessages.organisationId, organisationId))
    .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
    .limit(limit)
  return rows.map((row) => ({ ...row, status: outboxStatus(row) }))
}
