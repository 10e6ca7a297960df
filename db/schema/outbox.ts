import { sql } from 'drizzle-orm'
import { date, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { assignments } from './assignments'
import { organisations } from './organisations'
import { users } from './users'

export const reminderKindEnum = pgEnum('reminder_kind', ['due_soon', 'overdue', 'nudge'])

/**
 * Emails waiting to go out, and those sent. The unique (assignment, kind) pair is what makes
 * an automatic reminder go once, however many workers run; a manager's nudge goes at most
 * once a day per assignment, by (assignment, nudge day).
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    assignmentId: uuid('assignment_id').references(() => assignments.id, { onDelete: 'set null' }),
    kind: reminderKindEnum('kind').notNull(),
    recipientId: uuid('recipient_id').references(() => users.id, { onDelete: 'cascade' }),
    toEmail: text('to_email').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    tries: integer('tries').notNull().default(0),
    lastError: text('last_error'),
    /** A manager's nudge: the organisation's day it was asked for. Null for automatic reminders. */
    nudgeDay: date('nudge_day', { mode: 'string' }),
    /** Who asked for a nudge. */
    sentById: uuid('sent_by_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('outbox_messages_reminder_unique')
      .on(t.assignmentId, t.kind)
      .where(sql`${t.nudgeDay} is null`),
    uniqueIndex('outbox_messages_nudge_unique')
      .on(t.assignmentId, t.nudgeDay)
      .where(sql`${t.nudgeDay} is not null`),
    index('outbox_messages_org_created_idx').on(t.organisationId, t.createdAt),
  ],
)
