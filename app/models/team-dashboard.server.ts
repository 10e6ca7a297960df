import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm'
import { attempts, competencies, competencyRecords, courses, lessonVersions, lessons, teams } from '#db/schema'
import type { AssessmentDefinition } from '~/domain/assessments'
import { type AssignmentStatus } from '~/domain/assignments'
import { todayIn } from '~/domain/calendar'
import { NOT_YET_EVIDENCED, isProficient } from '~/domain/competency-record'
import { can } from '~/domain/permissions'
import { getDb } from '~/utils/db.server'
import type { SessionUser } from '~/utils/require-user.server'
import { type AssignmentView, assignmentsInScope } from './assignments.server'
import { isInScope, peopleInScope } from './scope.server'
import { loadFramework, recordHistories } from './competency-records.server'
import { competencyTrends, weekEnds } from '~/domain/competency-trends'
import { waitingReflectionCount } from './coaching.server'
import { nudgedOn } from './nudges.server'
import { Refusal } from '~/domain/refusal'
import { PAGE_SIZE, offsetOf, pageWindow } from '~/domain/pagination'

export interface TrainingItem {
  courseId: string
  courseTitle: string
  lessonId: string
  lessonTitle: string
  href: string
  kinds: TrainingKind[]
}

type TrainingKind = 'quiz' | 'roleplay'

// A lesson version never changes, so what it trains is worked out once per version, not per dashboard view.
const kindsByVersion = new Map<string, Map<string, TrainingKind[]>>()

function trainedCompetencies(assessments: AssessmentDefinition[]) {
  const kinds = new Map<string, Set<TrainingKind>>()
  const note = (competencyId: string, kind: TrainingKind) =>
    kinds.set(competencyId, (kinds.get(competencyId) ?? new Set()).add(kind))
  for (const assessment of assessments) {
    if (assessment.kind === 'quiz')
      for (const q of assessment.questions) for (const c of q.competencies) note(c, 'quiz')
    if (assessment.kind === 'roleplay')
      for (const scene of assessment.scenes)
        for (const option of scene.options) for (const c of Object.keys(option.points)) note(c, 'roleplay')
  }
  return new Map([...kinds].map(([c, k]) => [c, [...k].sort()]))
}

/** Which competencies each published lesson's quizzes and role-plays score. */
export async function trainingItemsByCompetency(): Promise<Map<string, TrainingItem[]>> {
  const db = getDb()
  const rows = await db
    .select({
      courseId: courses.id,
      courseTitle: courses.title,
      courseSlug: courses.slug,
      lessonId: lessons.id,
      lessonSlug: lessons.slug,
      lessonTitle: lessonVersions.title,
      versionId: lessonVersions.id,
    })
    .from(lessons)
    .innerJoin(courses, and(eq(courses.id, lessons.courseId), isNull(courses.archivedAt)))
    .innerJoin(lessonVersions, eq(lessonVersions.id, lessons.publishedVersionId))
    .where(isNull(lessons.archivedAt))
    .orderBy(asc(courses.position), asc(lessons.position))
  const unseen = rows.map((r) => r.versionId).filter((id) => !kindsByVersion.has(id))
  if (unseen.length > 0) {
    const loaded = await db
      .select({ id: lessonVersions.id, assessments: lessonVersions.assessments })
      .from(lessonVersions)
      .where(inArray(lessonVersions.id, unseen))
    for (const v of loaded) kindsByVersion.set(v.id, trainedCompetencies(v.assessments))
  }
  const byCompetency = new Map<string, TrainingItem[]>()
  for (const row of rows) {
    for (const [competencyId, kinds] of kindsByVersion.get(row.versionId) ?? []) {
      const list = byCompetency.get(competencyId) ?? []
      list.push({
        courseId: row.courseId,
        courseTitle: row.courseTitle,
        lessonId: row.lessonId,
        lessonTitle: row.lessonTitle,
        href: `/courses/${row.courseSlug}/${row.lessonSlug}`,
        kinds,
      })
      byCompetency.set(competencyId, list)
    }
  }
  return byCompetency
}

/** Fails on the same quiz, never passed: where a learner needs a word more than a reminder. */
const STUCK_AFTER_FAILS = 2

/**
 * Long lists (overdue, not started, stuck) send their first rows and a count of all: the page
 * shows no more, and the rest wait behind the person pages and the CSV export.
 */
export const LIST_LIMIT = 20

/** Lessons a weak competency's card offers, the ones that reach someone first. */
const TRAINING_SHOWN = 4

/**
 * People in scope who failed one quiz at least twice and have not passed it, most recent first,
 * the first LIST_LIMIT with the lesson it is in, and how many there are in all. Attempts are
 * grouped before the lessons are joined, from attempts_graded_quiz_idx alone. The conditions
 * are literals, as in that index's predicate, so the planner can use it.
 */
async function stuckOn(actor: SessionUser, teamId: string | null) {
  const db = getDb()
  const repeated = db
    .select({
      userId: attempts.userId,
      lessonId: attempts.lessonId,
      failed: sql<number>`count(*)::int`.as('failed'),
      lastTried: sql<string>`max(${attempts.submittedAt})`.as('last_tried'),
    })
    .from(attempts)
    .where(
      and(
        isInScope(attempts.userId, actor, teamId),
        sql`${attempts.kind} = 'quiz' and ${attempts.status} = 'submitted' and ${attempts.graded}`,
      ),
    )
    .groupBy(attempts.userId, attempts.lessonId, attempts.assessmentId)
    .having(sql`count(*) >= ${STUCK_AFTER_FAILS} and not bool_or(${attempts.passed})`)
    .as('repeated')
  const rows = await db
    .select({
      userId: repeated.userId,
      lessonTitle: lessonVersions.title,
      href: sql<string>`'/courses/' || ${courses.slug} || '/' || ${lessons.slug}`,
      failed: repeated.failed,
      lastTried: repeated.lastTried,
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(repeated)
    .innerJoin(lessons, eq(lessons.id, repeated.lessonId))
    .innerJoin(lessonVersions, eq(lessonVersions.id, lessons.publishedVersionId))
    .innerJoin(courses, eq(courses.id, lessons.courseId))
    .orderBy(desc(repeated.lastTried))
    .limit(LIST_LIMIT)
  return {
    total: rows[0]?.total ?? 0,
    rows: rows.map((r) => ({
      userId: r.userId,
      lessonTitle: r.lessonTitle,
      href: r.href,
      failed: r.failed,
      lastTried: r.lastTried,
    })),
  }
}

/** A person's level in one competency, with the score as a whole percentage (null when not yet evidenced). */
export interface HeatmapCell {
  level: string
  percent: number | null
}

/** What a work list shows of an assignment, and nothing else: it is sent to the browser too. */
const workRow = (a: AssignmentView) => ({
  id: a.id,
  userId: a.userId,
  personName: a.personName,
  title: a.title,
  dueDate: a.dueDate,
  status: a.status,
  percent: a.percent,
})

/**
 * Which people a team page is about: a manager their reports, an admin one team at a time (a
 * whole organisation does not fit on one screen), the first unless the link names another.
 */
async function teamChosen(actor: SessionUser, requested: string | null) {
  const everyone = can(actor.role, 'team:view:any')
  const teamList = await getDb()
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(eq(teams.organisationId, actor.organisationId))
    .orderBy(asc(teams.name))
  if (requested && !teamList.some((t) => t.id === requested))
    throw new Refusal('No such team in your organisation.', 404)
  const teamId = requested ?? (everyone ? (teamList[0]?.id ?? null) : null)
  return { everyone, teamList, teamId }
}

/** The chosen team (teamChosen) with its people. */
async function teamInView(actor: SessionUser, requested: string | null) {
  const chosen = await teamChosen(actor, requested)
  return { ...chosen, people: await peopleInScope(actor, getDb(), chosen.teamId) }
}

/**
 * The manager's Monday view: who has what assigned, what is late, and where the team's
 * competency record is weakest, with the lessons that train those competencies.
 */
export interface PeopleFilter {
  /** Only people at `level` in `competencyId` ("not-yet-evidenced" included); both or neither. */
  competencyId: string | null
  level: string | null
  page: number
}

export async function teamDashboard(
  actor: SessionUser,
  options: { teamId: string | null } & Partial<PeopleFilter>,
  today = todayIn(actor.timeZone),
) {
  const db = getDb()
  const { everyone, teamList, teamId } = await teamChosen(actor, options.teamId)

  // One round of statements, each over the people in scope as a subquery (isInScope): none
  // waits for the list of people, and none carries it.
  const [people, work, framework, competencyRows, records, waitingReflections, stuck] = await Promise.all([
    peopleInScope(actor, db, teamId),
    assignmentsInScope(actor, teamId, today),
    loadFramework(),
    db.select({ id: competencies.id, name: competencies.name }).from(competencies).orderBy(asc(competencies.position)),
    db
      .select({
        userId: competencyRecords.userId,
        competencyId: competencyRecords.competencyId,
        level: competencyRecords.level,
        score: competencyRecords.score,
      })
      .from(competencyRecords)
      .where(and(isInScope(competencyRecords.userId, actor, teamId), isNotNull(competencyRecords.level))),
    waitingReflectionCount(actor, teamId),
    stuckOn(actor, teamId),
  ])
  const overdue = work
    .filter((a) => a.status === 'overdue')
    .sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? ''))
  const notStarted = work
    .filter((a) => a.status === 'not_started')
    .sort(
      (a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.personName.localeCompare(b.personName),
    )
  const overdueShown = overdue.slice(0, LIST_LIMIT)
  const notStartedShown = notStarted.slice(0, LIST_LIMIT)
  const nudged = await nudgedOn(
    [...overdueShown, ...notStartedShown].map((a) => a.id),
    today,
  )
  const names = new Map(people.map((p) => [p.id, p.name]))

  const workByPerson = new Map<string, AssignmentView[]>()
  for (const a of work) workByPerson.set(a.userId, [...(workByPerson.get(a.userId) ?? []), a])
  const count = (list: AssignmentView[], status: AssignmentStatus) => list.filter((a) => a.status === status).length

  const cells = new Map(records.map((r) => [`${r.userId}:${r.competencyId}`, r]))
  const heatmap = people.map((p) => ({
    userId: p.id,
    name: p.name,
    cells: competencyRows.map((c) => {
      const r = cells.get(`${p.id}:${c.id}`)
      return r ? { level: r.level, score: r.score } : { level: NOT_YET_EVIDENCED, score: null }
    }),
  }))

  const training = await trainingItemsByCompetency()
  const hasItem = (userId: string, item: TrainingItem) =>
    (workByPerson.get(userId) ?? []).some(
      (a) => a.courseId === item.courseId && (a.lessonId === null || a.lessonId === item.lessonId),
    )
  const competencySummary = competencyRows.map((c, index) => {
    const evidenced = heatmap
      .map((row) => row.cells[index]!)
      .filter((cell) => cell.level !== NOT_YET_EVIDENCED && cell.score !== null)
    const average =
      evidenced.length === 0 ? null : evidenced.reduce((sum, cell) => sum + (cell.score ?? 0), 0) / evidenced.length
    const below = heatmap.filter((row) => !isProficient(row.cells[index]!.level, framework))
    // What one click would do for each lesson (assignToGap decides for sure): lessons that
    // reach someone come first, so the card offers what still helps.
    const lessons = (training.get(c.id) ?? []).map((item) => ({
      courseId: item.courseId,
      lessonId: item.lessonId,
      lessonTitle: item.lessonTitle,
      href: item.href,
      kinds: item.kinds,
      wouldAssign: below.filter((row) => !hasItem(row.userId, item)).length,
    }))
    return {
      id: c.id,
      name: c.name,
      average,
      evidenced: evidenced.length,
      notYetEvidenced: people.length - evidenced.length,
      belowProficient: below.length,
      training: [...lessons.filter((l) => l.wouldAssign > 0), ...lessons.filter((l) => l.wouldAssign === 0)].slice(
        0,
        TRAINING_SHOWN,
      ),
    }
  })
  // Weakest first: the lowest average among people with a level; a competency nobody has
  // evidence for yet is a gap too, ranked after the measured ones.
  const weakest = [...competencySummary]
    .filter((c) => c.average !== null || c.notYetEvidenced > 0)
    .sort((a, b) => (a.average ?? 2) - (b.average ?? 2) || b.notYetEvidenced - a.notYetEvidenced)
    .slice(0, 3)

  const byItem = new Map<
    string,
    { title: string; href: string; assigned: number; completed: number; overdue: number; inProgress: number }
  >()
  for (const a of work) {
    const entry = byItem.get(a.title) ?? {
      title: a.title,
      href: a.href,
      assigned: 0,
      completed: 0,
      overdue: 0,
      inProgress: 0,
    }
    entry.assigned += 1
    if (a.status === 'completed') entry.completed += 1
    if (a.status === 'overdue') entry.overdue += 1
    if (a.status === 'in_progress') entry.inProgress += 1
    byItem.set(a.title, entry)
  }

  // Summaries count everyone; the per-person rows (people and heatmap) are filtered and paged,
  // so a team of 200 reads as pages of 50 and a manager can ask for "developing in ownership".
  const column = competencyRows.findIndex((c) => c.id === options.competencyId)
  const known = options.level === NOT_YET_EVIDENCED || framework.levels.some((l) => l.id === options.level)
  const filter =
    column >= 0 && known && options.level ? { competencyId: competencyRows[column]!.id, level: options.level } : null
  const matching = filter ? heatmap.filter((row) => row.cells[column]!.level === filter.level) : heatmap
  const window = pageWindow(options.page ?? 1, matching.length)
  const shown = matching.slice(offsetOf(window), offsetOf(window) + PAGE_SIZE)
  const shownIds = new Set(shown.map((row) => row.userId))

  return {
    scope: everyone ? ('organisation' as const) : ('reports' as const),
    teams: everyone ? teamList : teamList.filter((t) => people.some((p) => p.teamId === t.id)),
    teamId,
    today,
    framework,
    competencies: competencyRows,
    filter,
    window,
    teamSize: people.length,
    people: people
      .filter((p) => shownIds.has(p.id))
      .map((p) => {
        const list = workByPerson.get(p.id) ?? []
        return {
          id: p.id,
          name: p.name,
          email: p.email,
          teamName: p.teamName,
          assigned: list.length,
          completed: count(list, 'completed'),
          overdue: count(list, 'overdue'),
          percent: list.length === 0 ? null : Math.round(list.reduce((sum, a) => sum + a.percent, 0) / list.length),
        }
      }),
    items: [...byItem.values()].sort((a, b) => a.title.localeCompare(b.title)),
    // The lists hold their first LIST_LIMIT rows; `counts` says how many there are in all.
    counts: { overdue: overdue.length, notStarted: notStarted.length, stuck: stuck.total },
    overdue: overdueShown.map(workRow),
    notStarted: notStartedShown.map(workRow),
    stuck: stuck.rows.map((s) => ({ ...s, personName: names.get(s.userId) ?? '' })),
    waitingReflections,
    nudgedToday: [...nudged],
    heatmap: shown.map((row) => ({
      userId: row.userId,
      name: row.name,
      cells: row.cells.map((cell): HeatmapCell => ({
        level: cell.level,
        percent: cell.score === null || cell.level === NOT_YET_EVIDENCED ? null : Math.round(cell.score * 100),
      })),
    })),
    weakest,
  }
}

/** Each competency's team average over the last weeks, for the people the actor sees (of one team). */
export async function teamTrends(
  actor: SessionUser,
  options: { teamId: string | null },
  today = todayIn(actor.timeZone),
) {
  const db = getDb()
  const { everyone, teamList, teamId, people } = await teamInView(actor, options.teamId)
  const [framework, competencyRows, histories] = await Promise.all([
    loadFramework(),
    db.select({ id: competencies.id, name: competencies.name }).from(competencies).orderBy(asc(competencies.position)),
    recordHistories(people.map((p) => p.id)),
  ])
  const weeks = weekEnds(today)
  const trends = competencyTrends(
    [...histories.values()],
    competencyRows.map((c) => c.id),
    framework,
    weeks,
  )
  return {
    scope: everyone ? ('organisation' as const) : ('reports' as const),
    teams: everyone ? teamList : teamList.filter((t) => people.some((p) => p.teamId === t.id)),
    teamId,
    people: people.length,
    weeks,
    competencies: competencyRows.map((c) => ({ ...c, points: trends.get(c.id) ?? [] })),
  }
}
