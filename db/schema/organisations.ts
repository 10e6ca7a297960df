import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'

export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  /** The organisation's service mission statement, shown in lessons through <MissionStatement />. */
  missionStatement: text('mission_statement'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})
