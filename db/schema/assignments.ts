import { date, index, integer, pgEnum, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core'
import { courses, lessons } from './content'
import { organisations } from './organisations'
import { teams } from './teams'
import { users } from './users'

export const assignmentSourceEnum = pgEnum('assignment_source', ['direct', 'team', 'onboarding'])

/**
 * A course or lesson given to a whole team. It stays so that people who join the team
 * later receive it too. A manager's team assignment reaches only the members who report
 * to them (`managerScopeId`); an admin's reaches everyone in the team. One per team, item and
 * scope: assigning the same item to the team again merges into it.
 */
export const teamAssignments = pgTable(
  'team_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    lessonId: uuid('lesson_id').references(() => lessons.id, { onDelete: 'cascade' }),
    dueDate: date('due_date'),
    note: text('note'),
    assignedById: uuid('assigned_by_id').references(() => users.id, { onDelete: 'set null' }),
    managerScopeId: uuid('manager_scope_id').references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('team_assignments_team_idx').on(t.teamId),
    unique('team_assignments_item_unique').on(t.teamId, t.courseId, t.lessonId, t.managerScopeId).nullsNotDistinct(),
  ],
)

/** One person's assigned work. One row per person and item: assigning it again merges. */
export const assignments = pgTable(
  'assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    /** Null: the whole course. */
    lessonId: uuid('lesson_id').references(() => lessons.id, { onDelete: 'cascade' }),
    dueDate: date('due_date'),
    note: text('note'),
    source: assignmentSourceEnum('source').notNull(),
    assignedById: uuid('assigned_by_id').references(() => users.id, { onDelete: 'set null' }),
    teamAssignmentId: uuid('team_assignment_id').references(() => teamAssignments.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    unique('assignments_item_unique').on(t.userId, t.courseId, t.lessonId).nullsNotDistinct(),
    index('assignments_org_due_idx').on(t.organisationId, t.dueDate),
    index('assignments_user_idx').on(t.userId),
  ],
)

/** What every new hire gets (or every new hire of one team), due a number of days after their hire date. */
export const onboardingPathItems = pgTable(
  'onboarding_path_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    /** Null: every new hire in the organisation. */
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    dueDays: integer('due_days').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('onboarding_path_items_unique').on(t.organisationId, t.teamId, t.courseId).nullsNotDistinct()],
)

export type TeamAssignment = typeof teamAssignments.$inferSelect
