import { sql } from 'drizzle-orm'
import { onboardingDueDate } from '../app/domain/assignments'
import { addDays, isoDate } from '../app/domain/calendar'
import { hashPassword } from '../app/utils/password.server'
import type { Db } from './client'
import {
  assignments,
  courses,
  missionStatementRevisions,
  onboardingPathItems,
  organisations,
  teams,
  users,
} from './schema'

export const DEMO_PASSWORD = 'servewell-demo'
export const DEMO_ORGANISATION_SLUG = 'harbour-and-co'

export const DEMO_MISSION =
  'At Harbour & Co. every customer and every colleague is met with a warm greeting, our full attention and respect. ' +
  'We listen before we answer, we make promises with a time attached and keep them, and we keep people informed ' +
  'until their question is settled, within one working day.'

type DemoRole = 'learner' | 'manager' | 'trainer' | 'admin'
interface DemoPerson {
  email: string
  name: string
  role: DemoRole
  team?: string
  manager?: string
  hiredDaysAgo: number
}

const demoTeams = ['Front Desk', 'Customer Care']

// Managers come before their reports so manager ids exist when reports are inserted.
export const demoPeople: DemoPerson[] = [
  { email: 'admin@example.com', name: 'Amira Haddad', role: 'admin', hiredDaysAgo: 1400 },
  { email: 'trainer@example.com', name: 'Tomás Reyes', role: 'trainer', hiredDaysAgo: 900 },
  {
    email: 'manager@example.com',
    name: 'Mia Chen',
    role: 'manager',
    team: 'Front Desk',
    manager: 'admin@example.com',
    hiredDaysAgo: 700,
  },
  {
    email: 'manager2@example.com',
    name: 'Noah Patel',
    role: 'manager',
    team: 'Customer Care',
    manager: 'admin@example.com',
    hiredDaysAgo: 650,
  },
  {
    email: 'learner@example.com',
    name: 'Lena Fischer',
    role: 'learner',
    team: 'Front Desk',
    manager: 'manager@example.com',
    hiredDaysAgo: 3,
  },
  {
    email: 'omar@example.com',
    name: 'Omar Said',
    role: 'learner',
    team: 'Front Desk',
    manager: 'manager@example.com',
    hiredDaysAgo: 10,
  },
  {
    email: 'grace@example.com',
    name: 'Grace Kim',
    role: 'learner',
    team: 'Front Desk',
    manager: 'manager@example.com',
    hiredDaysAgo: 45,
  },
  {
    email: 'jonas@example.com',
    name: 'Jonas Berg',
    role: 'learner',
    team: 'Customer Care',
    manager: 'manager2@example.com',
    hiredDaysAgo: 5,
  },
  {
    email: 'priya@example.com',
    name: 'Priya Nair',
    role: 'learner',
    team: 'Customer Care',
    manager: 'manager2@example.com',
    hiredDaysAgo: 21,
  },
  {
    email: 'sam@example.com',
    name: 'Sam Okafor',
    role: 'learner',
    team: 'Customer Care',
    manager: 'manager2@example.com',
    hiredDaysAgo: 60,
  },
  {
    email: 'elif@example.com',
    name: 'Elif Demir',
    role: 'learner',
    team: 'Customer Care',
    manager: 'manager2@example.com',
    hiredDaysAgo: 120,
  },
]

export class SeedRefusedError extends Error {}

/**
 * Creates the demo organisation. Running it again adds whatever is missing and
 * changes nothing that exists, so it is safe to repeat.
 */
export async function seedDemoOrganisation(db: Db, options: { nodeEnv?: string; force?: boolean; now?: Date } = {}) {
  if (options.nodeEnv === 'production' && !options.force) {
    throw new SeedRefusedError(
      'Refusing to seed demo accounts with NODE_ENV=production: they have a published password. Pass --force if you really mean it.',
    )
  }
  const now = options.now ?? new Date()
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  return db.transaction(async (tx) => {
    await tx
      .insert(organisations)
      .values({ name: 'Harbour & Co.', slug: DEMO_ORGANISATION_SLUG, missionStatement: DEMO_MISSION })
      .onConflictDoNothing()
    const [org] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(sql`${organisations.slug} = ${DEMO_ORGANISATION_SLUG}`)
    if (!org) throw new Error('Demo organisation missing after insert')

    const teamIds = new Map<string, string>()
    for (const name of demoTeams) {
      await tx.insert(teams).values({ organisationId: org.id, name }).onConflictDoNothing()
      const [team] = await tx
        .select({ id: teams.id })
        .from(teams)
        .where(sql`${teams.organisationId} = ${org.id} and ${teams.name} = ${name}`)
      if (team) teamIds.set(name, team.id)
    }

    const userIds = new Map<string, string>()
    let created = 0
    for (const person of demoPeople) {
      const inserted = await tx
        .insert(users)
        .values({
          organisationId: org.id,
          email: person.email,
          name: person.name,
          role: person.role,
          passwordHash,
          teamId: person.team ? (teamIds.get(person.team) ?? null) : null,
          managerId: person.manager ? (userIds.get(person.manager) ?? null) : null,
          hiredAt: addDays(isoDate(now), -person.hiredDaysAgo),
        })
        .onConflictDoNothing()
        .returning({ id: users.id })
      created += inserted.length
      const [row] = await tx
        .select({ id: users.id })
        .from(users)
        .where(sql`lower(${users.email}) = ${person.email}`)
      if (row) userIds.set(person.email, row.id)
    }
    const [revision] = await tx
      .select({ id: missionStatementRevisions.id })
      .from(missionStatementRevisions)
      .where(sql`${missionStatementRevisions.organisationId} = ${org.id}`)
      .limit(1)
    if (!revision)
      await tx.insert(missionStatementRevisions).values({
        organisationId: org.id,
        text: DEMO_MISSION,
        editedById: userIds.get('admin@example.com') ?? null,
        createdAt: now,
      })
    return { organisationId: org.id, usersCreated: created }
  })
}

const ONBOARDING_COURSE = 'service-culture-foundations'
const MANAGER_COURSE = 'leading-a-service-culture'
const ONBOARDING_DAYS = 14

/**
 * The demo organisation's learning plan: every new hire gets the foundations course due two
 * weeks after their hire date, and the managers the leadership course. It needs the courses,
 * so it runs after content sync; it only adds what is missing.
 */
export async function seedDemoLearning(db: Db, options: { now?: Date } = {}) {
  const now = options.now ?? new Date()
  return db.transaction(async (tx) => {
    const [org] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(sql`${organisations.slug} = ${DEMO_ORGANISATION_SLUG}`)
    const courseRows = await tx.select({ id: courses.id, slug: courses.slug }).from(courses)
    const foundations = courseRows.find((c) => c.slug === ONBOARDING_COURSE)
    const leadership = courseRows.find((c) => c.slug === MANAGER_COURSE)
    if (!org || !foundations) return { assignmentsCreated: 0 }
    await tx
      .insert(onboardingPathItems)
      .values({ organisationId: org.id, teamId: null, courseId: foundations.id, dueDays: ONBOARDING_DAYS })
      .onConflictDoNothing()
    const people = await tx
      .select({ id: users.id, email: users.email, role: users.role, hiredAt: users.hiredAt })
      .from(users)
      .where(sql`${users.organisationId} = ${org.id}`)
    const adminId = people.find((p) => p.email === 'admin@example.com')?.id ?? null
    const today = isoDate(now)
    const rows = people.flatMap((p): (typeof assignments.$inferInsert)[] => {
      if (p.role === 'learner')
        return [
          {
            organisationId: org.id,
            userId: p.id,
            courseId: foundations.id,
            dueDate: onboardingDueDate(p.hiredAt, ONBOARDING_DAYS, today),
            source: 'onboarding' as const,
          },
        ]
      if (p.role === 'manager' && leadership)
        return [
          {
            organisationId: org.id,
            userId: p.id,
            courseId: leadership.id,
            dueDate: addDays(today, 30),
            source: 'direct' as const,
            assignedById: adminId,
          },
        ]
      return []
    })
    const inserted =
      rows.length === 0
        ? []
        : await tx.insert(assignments).values(rows).onConflictDoNothing().returning({ id: assignments.id })
    return { assignmentsCreated: inserted.length }
  })
}

export async function isDatabaseEmpty(db: Db) {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(organisations)
  return (row?.n ?? 0) === 0
}
