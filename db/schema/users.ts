import { sql } from 'drizzle-orm'
import { type AnyPgColumn, date, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { organisations } from './organisations'
import { teams } from './teams'

export const roles = ['learner', 'manager', 'trainer', 'admin'] as const
export const roleEnum = pgEnum('role', roles)

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: roleEnum('role').notNull().default('learner'),
    passwordHash: text('password_hash').notNull(),
    managerId: uuid('manager_id').references((): AnyPgColumn => users.id, { onDelete: 'set null' }),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    hiredAt: date('hired_at'),
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Email identity is case-insensitive: Ada@x.com and ada@x.com are one account.
    uniqueIndex('users_email_lower_unique').on(sql`lower(${t.email})`),
    index('users_manager_idx').on(t.managerId),
    index('users_team_idx').on(t.teamId),
    index('users_organisation_idx').on(t.organisationId),
  ],
)

export type Role = (typeof roles)[number]
