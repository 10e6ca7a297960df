import { date, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core'
import { courses } from './content'
import { users } from './users'

/**
 * One certificate per learner and course, issued when they first open it after finishing.
 * It keeps the day they finished, so it stays what it records when the course later gains a
 * lesson or the learner leaves; the code is what /verify looks up.
 */
export const certificates = pgTable(
  'certificates',
  {
    /** Crockford base32 without the dashes it is shown with (app/domain/certificate-code.ts). */
    code: text('code').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    completedOn: date('completed_on').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('certificates_user_course_unique').on(t.userId, t.courseId)],
)
