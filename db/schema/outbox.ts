import { index, integer, pgEnum, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core'
import { assignments } from './assignments'
import { organisations } from './organisations'
import { users } from './users'

export const reminderKindEnum = pgEnum('reminder_kind', ['due_soon', 'overdue'])

/**
 * Emails waiting to go out, and those sent. The unique (assignment, kind) pair is what
 * makes a reminder go once, however many workers run.
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
  },
  (t) => [
    unique('outbox_messages_assignment_kind_unique').on(t.assignmentId, t.kind),
    index('outbox_messages_org_created_idx').on(t.organisationId, t.createdAt),
  ],
)
