import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import {
  assignments,
  competencies,
  competencyRecords,
  courses,
  lessonCompletions,
  lessonVersions,
  lessons,
  onboardingPathItems,
  teamAssignments,
  teams,
  users,
} from '#db/schema'
import { assignmentStatus, compareForLearner, joinerDueDate, onboardingDueDate } from '~/domain/assignments'
import { type IsoDate, isoDate } from '~/domain/calendar'
import { can } from '~/domain/permissions'
import { NOT_YET_EVIDENCED, isProficient } from '~/domain/competency-record'
import { getDb } from '~/utils/db.server'
import type { SessionUser } from '~/utils/require-user.server'
import type { DbOrTx } from '#db/client'
import { recordAudit } from './audit.server'
import { loadFramework } from './competency-records.server'
import { isInScope, peopleInScope, personInScope } from './scope.server'
import { Refusal } from '~/domain/refusal'

/** Courses and their published lessons, for the assign form. */
export async function assignableItems() {
  const rows = await getDb()
    .select({
      courseId: courses.id,
      courseTitle: courses.title,
      lessonId: lessons.id,
      lessonTitle: lessonVersions.title,
    })
    .from(courses)
    .innerJoin(lessons, and(eq(lessons.courseId, courses.id), isNull(lessons.archivedAt)))
    .innerJoin(lessonVersions, eq(lessonVersions.id, lessons.publishedVersionId))
    .where(isNull(courses.archivedAt))
    .orderBy(asc(courses.position), asc(lessons.position))
  const byCourse = new Map<string, { id: string; title: string; lessons: { id: string; title: string }[] }>()
  for (const r of rows) {
    const course = byCourse.get(r.courseId) ?? { id: r.courseId, title: r.courseTitle, lessons: [] }
    course.lessons.push({ id: r.lessonId, title: r.lessonTitle })
    byCourse.set(r.courseId, course)
  }
  return [...byCourse.values()]
}

interface WorkItem {
  courseId: string
  lessonId: string | null
}

async function checkItem(tx: DbOrTx, item: WorkItem) {
  const [course] = await tx
    .select({ id: courses.id, title: courses.title })
    .from(courses)
    .where(and(eq(courses.id, item.courseId), isNull(courses.archivedAt)))
  if (!course) throw new Refusal('That course does not exist or was archived.', 404)
  if (!item.lessonId) return { ...course, itemTitle: course.title }
  const [lesson] = await tx
    .select({ title: lessonVersions.title })
    .from(lessons)
    .innerJoin(lessonVersions, eq(lessonVersions.id, lessons.publishedVersionId))
    .where(and(eq(lessons.id, item.lessonId), eq(lessons.courseId, item.courseId), isNull(lessons.archivedAt)))
  if (!lesson) throw new Refusal('That lesson is not part of the chosen course.', 404)
  return { ...course, itemTitle: lesson.title }
}

interface Grant extends WorkItem {
  userId: string
  organisationId: string
  dueDate: IsoDate | null
  note: string | null
  source: 'direct' | 'team' | 'onboarding'
  assignedById: string | null
  teamAssignmentId: string | null
}

/** The merge rule for a second grant of the same item: the earlier due date wins and a new note replaces the old one. */
const mergeDueDate = (table: typeof assignments | typeof teamAssignments) => sql`case
  when ${table.dueDate} is null then excluded.due_date
  when excluded.due_date is null then ${table.dueDate}
  else least(${table.dueDate}, excluded.due_date) end`

/**
 * Gives the item to each person, merging with an existing assignment of the same item.
 * One INSERT … ON CONFLICT may touch a row only once, so grants of the same item to the
 * same person (two standing team assignments, say) go in later rounds, merged by the same rule.
 */
async function grant(tx: DbOrTx, rows: Grant[]) {
  if (rows.length === 0) return { created: 0, merged: 0 }
  const created = new Set<string>()
  const touched = new Set<string>()
  for (const round of distinctRounds(rows)) {
    const result = await tx
      .insert(assignments)
      .values(round)
      .onConflictDoUpdate({
        target: [assignments.userId, assignments.courseId, assignments.lessonId],
        set: {
          dueDate: mergeDueDate(assignments),
          note: sql`coalesce(excluded.note, ${assignments.note})`,
          updatedAt: sql`now()`,
        },
      })
      .returning({ id: assignments.id, created: sql<boolean>`(xmax = 0)` })
    for (const r of result) {
      touched.add(r.id)
      if (r.created) created.add(r.id)
    }
  }
  await refreshAssignmentCompletion(tx, [...new Set(rows.map((r) => r.userId))])
  return { created: created.size, merged: touched.size - created.size }
}

/** The grants split so that no round names the same person and item twice. */
function distinctRounds(rows: Grant[]) {
  const seen = new Map<string, number>()
  const rounds: Grant[][] = []
  for (const row of rows) {
    const key = `${row.userId}/${row.courseId}/${row.lessonId ?? ''}`
    const round = seen.get(key) ?? 0
    seen.set(key, round + 1)
    ;(rounds[round] ??= []).push(row)
  }
  return rounds
}

export interface AssignInput extends WorkItem {
  userIds: string[]
  teamId: string | null
  dueDate: IsoDate | null
  note: string | null
}

/**
 * Assigns a course or lesson to people and/or a whole team, all in one transaction.
 * Anyone outside the actor's scope refuses the whole request: nothing is written.
 */
export async function assignWork(actor: SessionUser, input: AssignInput) {
  if (input.userIds.length === 0 && !input.teamId) throw new Refusal('Choose at least one person or a team.')
  return getDb().transaction(async (tx) => {
    const course = await checkItem(tx, input)
    const scope = await peopleInScope(actor, tx)
    const inScope = new Map(scope.map((p) => [p.id, p]))
    const outside = input.userIds.filter((id) => !inScope.has(id))
    if (outside.length > 0)
      throw new Refusal(
        can(actor.role, 'team:view:any')
          ? 'Some of the chosen people are not active members of your organisation.'
          : 'You can only assign work to people who report to you.',
        403,
      )

    const grants: Grant[] = input.userIds.map((userId) => grantFor(actor, input, userId, null))

    let teamAssignmentId: string | null = null
    if (input.teamId) {
      const teamMembers = scope.filter((p) => p.teamId === input.teamId)
      const [team] = await tx
        .select({ id: teams.id })
        .from(teams)
        .where(and(eq(teams.id, input.teamId), eq(teams.organisationId, actor.organisationId)))
      if (!team) throw new Refusal('That team does not exist in your organisation.', 404)
      const isAdmin = can(actor.role, 'team:view:any')
      if (!isAdmin && teamMembers.length === 0)
        throw new Refusal('You can only assign to a team where people report to you.', 403)
      // Assigning the item to the team again keeps one standing assignment, merged like a person's.
      const [standing] = await tx
        .insert(teamAssignments)
        .values({
          organisationId: actor.organisationId,
          teamId: input.teamId,
          courseId: input.courseId,
          lessonId: input.lessonId,
          dueDate: input.dueDate,
          note: input.note,
          assignedById: actor.id,
          managerScopeId: isAdmin ? null : actor.id,
        })
        .onConflictDoUpdate({
          target: [
            teamAssignments.teamId,
            teamAssignments.courseId,
            teamAssignments.lessonId,
            teamAssignments.managerScopeId,
          ],
          set: {
            dueDate: mergeDueDate(teamAssignments),
            note: sql`coalesce(excluded.note, ${teamAssignments.note})`,
            assignedById: actor.id,
          },
        })
        .returning({ id: teamAssignments.id })
      teamAssignmentId = standing?.id ?? null
      const direct = new Set(input.userIds)
      for (const member of teamMembers) {
        if (direct.has(member.id)) continue
        grants.push(grantFor(actor, input, member.id, teamAssignmentId))
      }
    }

    const counts = await grant(tx, grants)
    await recordAudit(tx, {
      organisationId: actor.organisationId,
      actorId: actor.id,
      action: 'assignment.created',
      targetType: input.teamId ? 'team' : 'user',
      targetId: input.teamId ?? (input.userIds.length === 1 ? input.userIds[0]! : null),
      details: {
        course: course.title,
        courseId: input.courseId,
        lessonId: input.lessonId,
        people: grants.length,
        teamAssignmentId,
        dueDate: input.dueDate,
        ...counts,
      },
    })
    return { ...counts, people: grants.length, courseTitle: course.title, itemTitle: course.itemTitle }
  })
}

export interface GapInput {
  courseId: string
  lessonId: string
  competencyId: string
  /** One team of the actor's scope; null: everyone in it. */
  teamId: string | null
  dueDate: IsoDate | null
}

/**
 * One click from a weak competency: assigns the lesson to the people in scope (or in one team)
 * who are below proficient in it and do not already have it (assigned, alone or with its course,
 * or completed). Assigning again finds nobody new, so a second click adds nothing.
 */
export async function assignToGap(actor: SessionUser, input: GapInput) {
  const db = getDb()
  const [competency] = await db
    .select({ name: competencies.name })
    .from(competencies)
    .where(eq(competencies.id, input.competencyId))
  if (!competency) throw new Refusal('Choose a competency from the list.')
  const people = await peopleInScope(actor, db, input.teamId)
  const ids = people.map((p) => p.id)
  const [framework, records, assigned, completed] = await Promise.all([
    loadFramework(),
    ids.length === 0
      ? []
      : db
          .select({ userId: competencyRecords.userId, level: competencyRecords.level })
          .from(competencyRecords)
          .where(and(inArray(competencyRecords.userId, ids), eq(competencyRecords.competencyId, input.competencyId))),
    ids.length === 0
      ? []
      : db
          .select({ userId: assignments.userId })
          .from(assignments)
          .where(
            and(
              inArray(assignments.userId, ids),
              eq(assignments.courseId, input.courseId),
              sql`(${assignments.lessonId} is null or ${assignments.lessonId} = ${input.lessonId})`,
            ),
          ),
    ids.length === 0
      ? []
      : db
          .select({ userId: lessonCompletions.userId })
          .from(lessonCompletions)
          .where(and(inArray(lessonCompletions.userId, ids), eq(lessonCompletions.lessonId, input.lessonId))),
  ])
  const level = new Map(records.map((r) => [r.userId, r.level]))
  const proficient = new Set(ids.filter((id) => isProficient(level.get(id) ?? NOT_YET_EVIDENCED, framework)))
  const has = new Set([...assigned, ...completed].map((r) => r.userId))
  const targets = ids.filter((id) => !proficient.has(id) && !has.has(id))
  const skipped = {
    proficient: proficient.size,
    alreadyHave: ids.filter((id) => !proficient.has(id) && has.has(id)).length,
  }
  if (targets.length === 0) {
    const [item] = await db
      .select({ title: lessonVersions.title })
      .from(lessons)
      .innerJoin(lessonVersions, eq(lessonVersions.id, lessons.publishedVersionId))
      .where(and(eq(lessons.id, input.lessonId), eq(lessons.courseId, input.courseId)))
    if (!item) throw new Refusal('That lesson is not part of the chosen course.', 404)
    return { assigned: 0, itemTitle: item.title, competencyName: competency.name, skipped }
  }
  const result = await assignWork(actor, { ...input, userIds: targets, teamId: null, note: null })
  // A click racing this one may have granted some of them first: those count as already having it.
  return {
    assigned: result.created,
    itemTitle: result.itemTitle,
    competencyName: competency.name,
    skipped: { ...skipped, alreadyHave: skipped.alreadyHave + result.merged },
  }
}

function grantFor(actor: SessionUser, input: AssignInput, userId: string, teamAssignmentId: string | null): Grant {
  return {
    userId,
    organisationId: actor.organisationId,
    courseId: input.courseId,
    lessonId: input.lessonId,
    dueDate: input.dueDate,
    note: input.note,
    source: teamAssignmentId ? 'team' : 'direct',
    assignedById: actor.id,
    teamAssignmentId,
  }
}

export interface NewMember {
  id: string
  organisationId: string
  teamId: string | null
  managerId: string | null
  hiredAt: IsoDate | null
}

/** Team assignments the person now qualifies for, with a fair due date for a late joiner. */
export async function applyTeamAssignments(tx: DbOrTx, person: NewMember, today = isoDate(new Date())) {
  if (!person.teamId) return { created: 0, merged: 0 }
  const standing = await tx
    .select()
    .from(teamAssignments)
    .where(
      and(
        eq(teamAssignments.teamId, person.teamId),
        person.managerId
          ? sql`(${teamAssignments.managerScopeId} is null or ${teamAssignments.managerScopeId} = ${person.managerId})`
          : isNull(teamAssignments.managerScopeId),
      ),
    )
  return grant(
    tx,
    standing.map((t) => ({
      userId: person.id,
      organisationId: person.organisationId,
      courseId: t.courseId,
      lessonId: t.lessonId,
      dueDate: joinerDueDate({ dueDate: t.dueDate, assignedOn: isoDate(t.createdAt) }, today),
      note: t.note,
      source: 'team' as const,
      assignedById: t.assignedById,
      teamAssignmentId: t.id,
    })),
  )
}

/** The organisation's onboarding path (and the person's team's), due relative to the hire date. */
export async function applyOnboardingPath(tx: DbOrTx, person: NewMember, today = isoDate(new Date())) {
  const items = await tx
    .select({ courseId: onboardingPathItems.courseId, dueDays: onboardingPathItems.dueDays })
    .from(onboardingPathItems)
    .innerJoin(courses, and(eq(courses.id, onboardingPathItems.courseId), isNull(courses.archivedAt)))
    .where(
      and(
        eq(onboardingPathItems.organisationId, person.organisationId),
        person.teamId
          ? sql`(${onboardingPathItems.teamId} is null or ${onboardingPathItems.teamId} = ${person.teamId})`
          : isNull(onboardingPathItems.teamId),
      ),
    )
  return grant(
    tx,
    items.map((item) => ({
      userId: person.id,
      organisationId: person.organisationId,
      courseId: item.courseId,
      lessonId: null,
      dueDate: onboardingDueDate(person.hiredAt, item.dueDays, today),
      note: null,
      source: 'onboarding' as const,
      assignedById: null,
      teamAssignmentId: null,
    })),
  )
}

/** Everything a newly created person gets: the onboarding path and their team's standing assignments. */
export async function applyNewHireAssignments(tx: DbOrTx, person: NewMember) {
  const path = await applyOnboardingPath(tx, person)
  const team = await applyTeamAssignments(tx, person)
  return { created: path.created + team.created }
}

/** The published lessons an assignment covers, as `l`: its one lesson, or every lesson of its course. */
const coveredLessons = sql`lessons l
  where l.course_id = ${assignments.courseId} and l.archived_at is null and l.published_version_id is not null
    and (${assignments.lessonId} is null or l.id = ${assignments.lessonId})`
const lessonDone = sql`exists (select 1 from lesson_completions lc where lc.user_id = ${assignments.userId} and lc.lesson_id = l.id)`

/**
 * Marks assignments complete once their work is done: the lesson completed, or every
 * published lesson of the course. Called in the transaction that records a completion.
 */
export async function refreshAssignmentCompletion(tx: DbOrTx, userIds: string[]) {
  if (userIds.length === 0) return
  await tx
    .update(assignments)
    .set({ completedAt: sql`now()` })
    .where(
      and(
        inArray(assignments.userId, userIds),
        isNull(assignments.completedAt),
        sql`not exists (select 1 from ${coveredLessons} and not ${lessonDone})`,
      ),
    )
}

/** Removes an assignment. The learner's attempts, completions and evidence stay: they are their record. */
export async function unassign(actor: SessionUser, assignmentId: string) {
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .select({
        id: assignments.id,
        userId: assignments.userId,
        courseId: assignments.courseId,
        lessonId: assignments.lessonId,
      })
      .from(assignments)
      .where(and(eq(assignments.id, assignmentId), eq(assignments.organisationId, actor.organisationId)))
      .for('update')
    const person = row ? await personInScope(actor, row.userId, tx) : null
    if (!row || !person) throw new Refusal('No such assignment among your people.', 404)
    await tx.delete(assignments).where(eq(assignments.id, assignmentId))
    await recordAudit(tx, {
      organisationId: actor.organisationId,
      actorId: actor.id,
      action: 'assignment.removed',
      targetType: 'user',
      targetId: row.userId,
      details: { courseId: row.courseId, lessonId: row.lessonId },
    })
    return row
  })
}

const assignedLesson = alias(lessons, 'assigned_lesson')
const assignedLessonVersion = alias(lessonVersions, 'assigned_lesson_version')

/** The columns every assignment listing shows: the item, the due date and how far the person is. */
export const assignmentColumns = {
  id: assignments.id,
  userId: assignments.userId,
  courseId: assignments.courseId,
  lessonId: assignments.lessonId,
  dueDate: assignments.dueDate,
  note: assignments.note,
  source: assignments.source,
  createdAt: assignments.createdAt,
  completedAt: assignments.completedAt,
  personName: users.name,
  personEmail: users.email,
  teamName: teams.name,
  courseTitle: courses.title,
  courseSlug: courses.slug,
  lessonSlug: assignedLesson.slug,
  lessonTitle: assignedLessonVersion.title,
  lessonsTotal: sql<number>`(select count(*) from ${coveredLessons})::int`,
  lessonsDone: sql<number>`(select count(*) from ${coveredLessons} and ${lessonDone})::int`,
  started: sql<boolean>`exists (
    select 1 from attempts at
    where at.user_id = ${assignments.userId} and at.course_id = ${assignments.courseId}
      and (${assignments.lessonId} is null or at.lesson_id = ${assignments.lessonId}))`,
}

export function assignmentQuery(db: DbOrTx = getDb()) {
  return db
    .select(assignmentColumns)
    .from(assignments)
    .innerJoin(users, eq(users.id, assignments.userId))
    .leftJoin(teams, eq(teams.id, users.teamId))
    .innerJoin(courses, eq(courses.id, assignments.courseId))
    .leftJoin(assignedLesson, eq(assignedLesson.id, assignments.lessonId))
    .leftJoin(assignedLessonVersion, eq(assignedLessonVersion.id, assignedLesson.publishedVersionId))
    .$dynamic()
}

type AssignmentRow = Awaited<ReturnType<ReturnType<typeof assignmentQuery>['execute']>>[number]

/** An assignment as pages show it: title, link, status and progress. */
export function describeAssignment(row: AssignmentRow, today: IsoDate) {
  const { status, percent } = assignmentStatus(
    {
      dueDate: row.dueDate,
      completedAt: row.completedAt,
      lessonsDone: row.lessonsDone,
      lessonsTotal: row.lessonsTotal,
      started: row.started,
    },
    today,
  )
  return {
    id: row.id,
    userId: row.userId,
    personName: row.personName,
    personEmail: row.personEmail,
    teamName: row.teamName,
    title: row.lessonId ? `${row.lessonTitle ?? 'Lesson'} (${row.courseTitle})` : row.courseTitle,
    kind: row.lessonId ? ('lesson' as const) : ('course' as const),
    href:
      row.lessonId && row.lessonSlug ? `/courses/${row.courseSlug}/${row.lessonSlug}` : `/courses/${row.courseSlug}`,
    courseId: row.courseId,
    lessonId: row.lessonId,
    courseSlug: row.courseSlug,
    dueDate: row.dueDate,
    note: row.note,
    source: row.source,
    assignedOn: isoDate(row.createdAt),
    completedAt: row.completedAt ? row.completedAt.toISOString() : null,
    lessonsDone: row.lessonsDone,
    lessonsTotal: row.lessonsTotal,
    status,
    percent,
  }
}

export type AssignmentView = ReturnType<typeof describeAssignment>

export async function assignmentsOf(userIds: string[], today = isoDate(new Date())) {
  if (userIds.length === 0) return []
  const rows = await assignmentQuery().where(inArray(assignments.userId, userIds))
  return rows.map((r) => describeAssignment(r, today)).sort(compareForLearner)
}

/** The assignments of everyone the actor sees (of one team), found by index through isInScope. */
export async function assignmentsInScope(actor: SessionUser, teamId: string | null, today: IsoDate) {
  const rows = await assignmentQuery().where(isInScope(assignments.userId, actor, teamId))
  return rows.map((r) => describeAssignment(r, today)).sort(compareForLearner)
}

/** Team assignments still reaching new joiners: an admin sees all, a manager their own. */
export async function standingTeamAssignments(actor: SessionUser) {
  const rows = await getDb()
    .select({
      id: teamAssignments.id,
      teamName: teams.name,
      courseTitle: courses.title,
      lessonTitle: assignedLessonVersion.title,
      dueDate: teamAssignments.dueDate,
      createdAt: teamAssignments.createdAt,
      assignedBy: users.name,
    })
    .from(teamAssignments)
    .innerJoin(teams, eq(teams.id, teamAssignments.teamId))
    .innerJoin(courses, eq(courses.id, teamAssignments.courseId))
    .leftJoin(assignedLesson, eq(assignedLesson.id, teamAssignments.lessonId))
    .leftJoin(assignedLessonVersion, eq(assignedLessonVersion.id, assignedLesson.publishedVersionId))
    .leftJoin(users, eq(users.id, teamAssignments.assignedById))
    .where(
      and(
        eq(teamAssignments.organisationId, actor.organisationId),
        can(actor.role, 'team:view:any') ? undefined : eq(teamAssignments.managerScopeId, actor.id),
      ),
    )
    .orderBy(asc(teams.name), asc(teamAssignments.createdAt))
  return rows.map((r) => ({
    id: r.id,
    teamName: r.teamName,
    title: r.lessonTitle ? `${r.lessonTitle} (${r.courseTitle})` : r.courseTitle,
    dueDate: r.dueDate,
    assignedOn: isoDate(r.createdAt),
    assignedBy: r.assignedBy,
  }))
}

/** Stops a team assignment reaching new joiners; people who already have it keep it. */
export async function stopTeamAssignment(actor: SessionUser, teamAssignmentId: string) {
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .select({
        id: teamAssignments.id,
        teamId: teamAssignments.teamId,
        managerScopeId: teamAssignments.managerScopeId,
      })
      .from(teamAssignments)
      .where(and(eq(teamAssignments.id, teamAssignmentId), eq(teamAssignments.organisationId, actor.organisationId)))
      .for('update')
    if (!row || (!can(actor.role, 'team:view:any') && row.managerScopeId !== actor.id))
      throw new Refusal('No such team assignment of yours.', 404)
    await tx.delete(teamAssignments).where(eq(teamAssignments.id, row.id))
    await recordAudit(tx, {
      organisationId: actor.organisationId,
      actorId: actor.id,
      action: 'team_assignment.stopped',
      targetType: 'team',
      targetId: row.teamId,
      details: { teamAssignmentId: row.id },
    })
  })
}
