import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { evidence, reflections } from './assessments'
import { competencies } from './content'
import { users } from './users'

/** A manager's reply to a submitted reflection, with an optional rubric rating that becomes evidence. */
export const reflectionReviews = pgTable('reflection_reviews', {
  reflectionId: uuid('reflection_id')
    .primaryKey()
    .references(() => reflections.id, { onDelete: 'cascade' }),
  reviewerId: uuid('reviewer_id').references(() => users.id, { onDelete: 'set null' }),
  reply: text('reply').notNull(),
  competencyId: text('competency_id').references(() => competencies.id),
  levelId: text('level_id'),
  evidenceId: uuid('evidence_id').references(() => evidence.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})
