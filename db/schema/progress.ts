import { index, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core'
import { lessonVersions, lessons } from './content'
import { users } from './users'

export const lessonCompletions = pgTable(
  'lesson_completions',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    lessonVersionId: uuid('lesson_version_id')
      .notNull()
      .references(() => lessonVersions.id, { onDelete: 'cascade' }),
    lessonId: uuid('lesson_id')
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    completedAt: timestamp('completed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.lessonVersionId] }),
    index('lesson_completions_user_lesson_idx').on(t.userId, t.lessonId),
  ],
)
