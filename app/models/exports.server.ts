import { and, asc, eq, gt, inArray } from 'drizzle-orm'
import { assignments, competencies, competencyRecords, teams, users } from '#db/schema'
import { statusLabels } from '~/domain/assignments'
import { todayIn } from '~/domain/calendar'
import { NOT_YET_EVIDENCED } from '~/domain/competency-record'
import { csvLine } from '~/domain/csv'
import { getDb } from '~/utils/db.server'
import type { SessionUser } from '~/utils/require-user.server'
import { assignmentQuery, describeAssignment } from './assignments.server'
import { loadFramework } from './competency-records.server'
import { inScope } from './scope.server'

const PAGE = 1000
const PEOPLE_PAGE = 500

/**
 * A CSV body produced page by page (keyset pagination), so a 100,000-row export never holds
 * more than one page in memory, on PostgreSQL and PGlite alike. The stream pulls the next
 * page only when the client has taken the previous one.
 */
function csvStream<Cursor>(
  header: string[],
  firstCursor: Cursor,
  nextPage: (cursor: Cursor) => Promise<{ lines: string[]; cursor: Cursor | null }>,
) {
  const encoder = new TextEncoder()
  let cursor: Cursor | null = firstCursor
  let headerSent = false
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true
        controller.enqueue(encoder.encode(`\uFEFF${csvLine(header)}`))
        return
      }
      if (cursor === null) {
        controller.close()
        return
      }
      try {
        const page = await nextPage(cursor)
        cursor = page.cursor
        if (page.lines.length > 0) controller.enqueue(encoder.encode(page.lines.join('')))
        if (cursor === null) controller.close()
      } catch (error) {
        controller.error(error)
      }
    },
  })
}

export function assignmentsCsv(
  actor: SessionUser,
  options: { teamId: string | null },
  today = todayIn(actor.timeZone),
) {
  const header = [
    'Name',
    'Email',
    'Team',
    'Item',
    'Kind',
    'Source',
    'Assigned on',
    'Due date',
    'Status',
    'Progress %',
    'Lessons done',
    'Lessons total',
    'Completed at',
  ]
  return csvStream<string>(header, '00000000-0000-0000-0000-000000000000', async (after) => {
    const rows = await assignmentQuery()
      .where(and(inScope(actor, options.teamId), gt(assignments.id, after)))
      .orderBy(asc(assignments.id))
      .limit(PAGE)
    const lines = rows.map((row) => {
      const a = describeAssignment(row, today)
      return csvLine([
        a.personName,
        a.personEmail,
        a.teamName,
        a.title,
        a.kind,
        a.source,
        a.assignedOn,
        a.dueDate,
        statusLabels[a.status],
        a.percent,
        a.lessonsDone,
        a.lessonsTotal,
        a.completedAt,
      ])
    })
    return { lines, cursor: rows.length === PAGE ? (rows[rows.length - 1]?.id ?? null) : null }
  })
}

export async function competenciesCsv(actor: SessionUser, options: { teamId: string | null }) {
  const db = getDb()
  const [framework, competencyRows] = await Promise.all([
    loadFramework(),
    db.select({ id: competencies.id, name: competencies.name }).from(competencies).orderBy(asc(competencies.position)),
  ])
  const levelName = (id: string) =>
    id === NOT_YET_EVIDENCED ? 'Not yet evidenced' : (framework.levels.find((l) => l.id === id)?.name ?? id)
  const header = [
    'Name',
    'Email',
    'Team',
    'Competency',
    'Level',
    'Score %',
    'Scored items',
    'Points earned',
    'Points possible',
    'Updated',
  ]
  return csvStream<string>(header, '00000000-0000-0000-0000-000000000000', async (after) => {
    const people = await db
      .select({ id: users.id, name: users.name, email: users.email, teamName: teams.name })
      .from(users)
      .leftJoin(teams, eq(teams.id, users.teamId))
      .where(and(inScope(actor, options.teamId), gt(users.id, after)))
      .orderBy(asc(users.id))
      .limit(PEOPLE_PAGE)
    const records =
      people.length === 0
        ? []
        : await db
            .select()
            .from(competencyRecords)
            .where(
              inArray(
                competencyRecords.userId,
                people.map((p) => p.id),
              ),
            )
    const byKey = new Map(records.map((r) => [`${r.userId}:${r.competencyId}`, r]))
    const lines = people.flatMap((p) =>
      competencyRows.map((c) => {
        const r = byKey.get(`${p.id}:${c.id}`)
        return csvLine([
          p.name,
          p.email,
          p.teamName,
          c.name,
          levelName(r?.level ?? NOT_YET_EVIDENCED),
          r?.score === null || r?.score === undefined ? null : Math.round(r.score * 100),
          r?.items ?? 0,
          r?.earned ?? 0,
          r?.possible ?? 0,
          r ? r.updatedAt.toISOString() : null,
        ])
      }),
    )
    return { lines, cursor: people.length === PEOPLE_PAGE ? (people[people.length - 1]?.id ?? null) : null }
  })
}

/** Checks a requested team belongs to the actor's organisation; null when it does not. */
export async function exportTeam(actor: SessionUser, teamId: string) {
  const [team] = await getDb()
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(and(eq(teams.id, teamId), eq(teams.organisationId, actor.organisationId)))
  return team ?? null
}

export function csvResponse(body: ReadableStream<Uint8Array>, filename: string) {
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
    },
  })
}
