import { relations } from 'drizzle-orm'
import { organisations, teams, users } from './schema'

export const usersRelations = relations(users, ({ one }) => ({
  organisation: one(organisations, { fields: [users.organisationId], references: [organisations.id] }),
  team: one(teams, { fields: [users.teamId], references: [teams.id] }),
  manager: one(users, { fields: [users.managerId], references: [users.id] }),
}))

export const teamsRelations = relations(teams, ({ many }) => ({
  members: many(users),
}))
