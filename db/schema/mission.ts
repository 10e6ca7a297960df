import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { organisations } from './organisations'
import { users } from './users'

/** Every saved version of the mission statement; organisations.mission_statement holds the current one. */
export const missionStatementRevisions = pgTable(
  'mission_statement_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    editedById: uuid('edited_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('mission_statement_revisions_org_idx').on(t.organisationId, t.createdAt)],
)
