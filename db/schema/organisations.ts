import { boolean, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'

export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  /** The organisation's service mission statement, shown in lessons through <MissionStatement />. */
  missionStatement: text('mission_statement'),
  /** Publishing a lesson from the studio needs a second trainer's or an admin's approval. */
  publishNeedsReview: boolean('publish_needs_review').notNull().default(false),
  /** An IANA time zone ("Europe/Berlin") for times and "today"; null: the server's own. */
  timeZone: text('time_zone'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})
