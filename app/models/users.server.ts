import { and, asc, desc, eq, ilike, inArray, isNotNull, isNull, ne, or, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { sessions, teams, users } from '#db/schema'
import { PAGE_SIZE, offsetOf, pageWindow } from '~/domain/pagination'
import { passwordProblem } from '~/domain/password-policy.server'
import type { PeopleFilters } from '~/domain/people-filters'
import { containsPattern } from '~/domain/search-text'
import type { FieldErrors } from '~/domain/refusal'
import type { UserCreateInput, UserUpdateInput } from '~/domain/user-input.server'
import { getDb, refuseOnConflict } from '~/utils/db.server'
import { hashPassword } from '~/utils/password.server'
import type { SessionUser } from '~/utils/require-user.server'
import type { DbOrTx } from '#db/client'
import { recordAudit } from './audit.server'
import { applyNewHireAssignments, applyTeamAssignments } from './assignments.server'
import { Refusal } from '~/domain/refusal'

const EMAIL_TAKEN = 'Someone already uses this email address.'

export async function findUserByEmail(email: string) {
  const [user] = await getDb()
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`)
    .limit(1)
  return user ?? null
}

const managers = alias(users, 'managers')

const peopleOrder = {
  name: users.name,
  email: sql`lower(${users.email})`,
  role: sql`${users.role}::text`,
  team: teams.name,
  hired: users.hiredAt,
  created: users.createdAt,
} as const

/**
 * One page of the organisation's people, searched, filtered and sorted in the database (an
 * organisation may have 10,000), with how many match in all. Ties fall back to name, then id,
 * so a person never shows on two pages or on none.
 */
export async function listPeople(organisationId: string, filters: PeopleFilters) {
  const conditions = [eq(users.organisationId, organisationId)]
  if (filters.q) {
    const pattern = containsPattern(filters.q)
    conditions.push(or(ilike(users.name, pattern), ilike(users.email, pattern))!)
  }
  if (filters.team === 'none') conditions.push(isNull(users.teamId))
  else if (filters.team) conditions.push(eq(users.teamId, filters.team))
  if (filters.role) conditions.push(eq(users.role, filters.role))
  if (filters.status === 'active') conditions.push(isNull(users.deactivatedAt))
  if (filters.status === 'deactivated') conditions.push(isNotNull(users.deactivatedAt))
  const where = and(...conditions)

  const db = getDb()
  const [countRow] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(where)
  const window = pageWindow(filters.page, countRow?.n ?? 0)
  const column = peopleOrder[filters.sort]
  const direction = filters.dir === 'asc' ? asc : desc
  const people = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      hiredAt: users.hiredAt,
      deactivatedAt: users.deactivatedAt,
      teamName: teams.name,
      managerName: managers.name,
    })
    .from(users)
    .leftJoin(teams, eq(teams.id, users.teamId))
    .leftJoin(managers, eq(managers.id, users.managerId))
    .where(where)
    // Blank teams and hire dates go last whichever way the list runs.
    .orderBy(sql`${column} is null`, direction(column), asc(users.name), asc(users.id))
    .limit(PAGE_SIZE)
    .offset(offsetOf(window))
  return { people, window }
}

/** How many people are active and deactivated, for the People page's heading. */
export async function countPeople(organisationId: string) {
  const [row] = await getDb()
    .select({
      active: sql<number>`count(*) filter (where ${users.deactivatedAt} is null)::int`,
      deactivated: sql<number>`count(*) filter (where ${users.deactivatedAt} is not null)::int`,
    })
    .from(users)
    .where(eq(users.organisationId, organisationId))
  return { active: row?.active ?? 0, deactivated: row?.deactivated ?? 0 }
}

export async function getUserInOrganisation(organisationId: string, userId: string) {
  const [user] = await getDb()
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      teamId: users.teamId,
      managerId: users.managerId,
      hiredAt: users.hiredAt,
      deactivatedAt: users.deactivatedAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(and(eq(users.organisationId, organisationId), eq(users.id, userId)))
    .limit(1)
  return user ?? null
}

export async function listTeams(organisationId: string) {
  return getDb()
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(eq(teams.organisationId, organisationId))
    .orderBy(asc(teams.name))
}

/** People who can be someone's manager: active managers and admins. */
export async function listManagerCandidates(organisationId: string) {
  return getDb()
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(
      and(
        eq(users.organisationId, organisationId),
        inArray(users.role, ['manager', 'admin']),
        isNull(users.deactivatedAt),
      ),
    )
    .orderBy(asc(users.name))
}

async function checkRelations(
  tx: DbOrTx,
  organisationId: string,
  input: Pick<UserUpdateInput, 'teamId' | 'managerId'>,
  userId: string | null,
) {
  const errors: FieldErrors = {}
  if (input.teamId) {
    const [team] = await tx
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.id, input.teamId), eq(teams.organisationId, organisationId)))
    if (!team) errors.teamId = ['That team does not exist in your organisation.']
  }
  if (input.managerId) {
    if (input.managerId === userId) errors.managerId = ['A person cannot be their own manager.']
    else {
      const [manager] = await tx
        .select({ id: users.id })
        .from(users)
        .where(
          and(
            eq(users.id, input.managerId),
            eq(users.organisationId, organisationId),
            inArray(users.role, ['manager', 'admin']),
            isNull(users.deactivatedAt),
          ),
        )
      if (!manager) errors.managerId = ['Choose an active manager or admin from your organisation.']
    }
  }
  return errors
}

export async function createUser(actor: SessionUser, input: UserCreateInput) {
  const errors: FieldErrors = {}
  const problem = passwordProblem(input.password, { email: input.email, name: input.name })
  if (problem) errors.password = [problem]
  const passwordHash = problem ? '' : await hashPassword(input.password)

  return getDb()
    .transaction(async (tx) => {
      Object.assign(errors, await checkRelations(tx, actor.organisationId, input, null))
      const [taken] = await tx
        .select({ id: users.id })
        .from(users)
        .where(sql`lower(${users.email}) = ${input.email}`)
      if (taken) errors.email = [EMAIL_TAKEN]
      if (Object.keys(errors).length > 0) throw Refusal.ofFields(errors)

      const [created] = await tx
        .insert(users)
        .values({
          organisationId: actor.organisationId,
          email: input.email,
          name: input.name,
          role: input.role,
          passwordHash,
          teamId: input.teamId,
          managerId: input.managerId,
          hiredAt: input.hiredAt,
        })
        .returning({ id: users.id })
      if (!created) throw new Error('Insert returned no row')
      await applyNewHireAssignments(tx, {
        id: created.id,
        organisationId: actor.organisationId,
        teamId: input.teamId,
        managerId: input.managerId,
        hiredAt: input.hiredAt,
      })
      await recordAudit(tx, {
        organisationId: actor.organisationId,
        actorId: actor.id,
        action: 'user.created',
        targetType: 'user',
        targetId: created.id,
        details: {
          email: input.email,
          role: input.role,
          teamId: input.teamId,
          managerId: input.managerId,
          hiredAt: input.hiredAt,
        },
      })
      return created
    })
    .catch(refuseOnConflict(() => Refusal.ofFields({ email: [EMAIL_TAKEN] }, 409)))
}

async function countOtherActiveAdmins(tx: DbOrTx, organisationId: string, userId: string) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(
      and(
        eq(users.organisationId, organisationId),
        eq(users.role, 'admin'),
        isNull(users.deactivatedAt),
        ne(users.id, userId),
      ),
    )
  return row?.n ?? 0
}

export async function updateUser(actor: SessionUser, userId: string, input: UserUpdateInput) {
  return getDb().transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(users)
      .where(and(eq(users.id, userId), eq(users.organisationId, actor.organisationId)))
      .for('update')
    if (!before) return null
    const errors = await checkRelations(tx, actor.organisationId, input, userId)
    if (
      before.role === 'admin' &&
      input.role !== 'admin' &&
      (await countOtherActiveAdmins(tx, actor.organisationId, userId)) === 0
    )
      errors.role = ['The organisation needs at least one active admin.']
    if (Object.keys(errors).length > 0) throw Refusal.ofFields(errors)

    const changes: Record<string, { from: unknown; to: unknown }> = {}
    for (const key of ['name', 'role', 'teamId', 'managerId', 'hiredAt'] as const) {
      if (before[key] !== input[key]) changes[key] = { from: before[key], to: input[key] }
    }
    if (Object.keys(changes).length === 0) return { id: userId, changed: false }

    await tx
      .update(users)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(users.id, userId))
    if (changes.teamId || changes.managerId)
      await applyTeamAssignments(tx, { id: userId, organisationId: actor.organisationId, ...input })
    await recordAudit(tx, {
      organisationId: actor.organisationId,
      actorId: actor.id,
      action: 'user.updated',
      targetType: 'user',
      targetId: userId,
      details: changes,
    })
    return { id: userId, changed: true }
  })
}

export async function setUserActive(actor: SessionUser, userId: string, active: boolean) {
  return getDb().transaction(async (tx) => {
    const [target] = await tx
      .select()
      .from(users)
      .where(and(eq(users.id, userId), eq(users.organisationId, actor.organisationId)))
      .for('update')
    if (!target) return null
    if (!active) {
      if (target.id === actor.id) throw Refusal.ofFields({ form: ['You cannot deactivate your own account.'] })
      if (target.role === 'admin' && (await countOtherActiveAdmins(tx, actor.organisationId, userId)) === 0)
        throw Refusal.ofFields({ form: ['The organisation needs at least one active admin.'] })
    }
    if (Boolean(target.deactivatedAt) === !active) return { id: userId, changed: false }

    await tx
      .update(users)
      .set({ deactivatedAt: active ? null : new Date(), updatedAt: new Date() })
      .where(eq(users.id, userId))
    // Deactivation must end the person's sessions at once, not when they expire.
    if (!active) await tx.delete(sessions).where(eq(sessions.userId, userId))
    await recordAudit(tx, {
      organisationId: actor.organisationId,
      actorId: actor.id,
      action: active ? 'user.reactivated' : 'user.deactivated',
      targetType: 'user',
      targetId: userId,
      details: { email: target.email },
    })
    return { id: userId, changed: true }
  })
}

/** Sets a new password chosen by an admin and signs the person out everywhere. */
export async function resetPassword(actor: SessionUser, userId: string, password: string) {
  const [target] = await getDb()
    .select({ email: users.email, name: users.name })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.organisationId, actor.organisationId)))
  if (!target) return null
  const problem = passwordProblem(password, target)
  if (problem) throw Refusal.ofFields({ password: [problem] })
  const passwordHash = await hashPassword(password)
  return getDb().transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, userId))
    await tx.delete(sessions).where(eq(sessions.userId, userId))
    await recordAudit(tx, {
      organisationId: actor.organisationId,
      actorId: actor.id,
      action: 'user.password_reset',
      targetType: 'user',
      targetId: userId,
      details: { email: target.email },
    })
    return { id: userId }
  })
}
