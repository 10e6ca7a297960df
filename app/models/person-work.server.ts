import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm'
import { attempts, courses, lessonVersions, lessons, roleplayDecisions } from '#db/schema'
import type { QuizDefinition, RolePlayDefinition } from '~/domain/assessments'
import { answeredQuestions, replaySteps } from '~/domain/work-replay'
import { getDb, rowsOf } from '~/utils/db.server'

/** How many of a person's latest quizzes and role-plays their manager's page replays. */
export const RECENT_WORK = 15

/**
 * A person's latest quiz attempts and role-play runs, as their manager reads them: the
 * choices they picked and the path they took, scene by scene. Four statements however many
 * attempts: the attempts, the versions they were taken on, the runs' decisions.
 */
export async function recentWork(userId: string, limit = RECENT_WORK) {
  const db = getDb()
  const rows = await db
    .select({
      id: attempts.id,
      kind: attempts.kind,
      status: attempts.status,
      assessmentId: attempts.assessmentId,
      versionId: attempts.lessonVersionId,
      attemptNumber: attempts.attemptNumber,
      graded: attempts.graded,
      passed: attempts.passed,
      responses: attempts.responses,
      endingId: sql<string | null>`${attempts.state}->>'endingId'`,
      at: sql<Date>`coalesce(${attempts.submittedAt}, ${attempts.startedAt})`.mapWith(attempts.startedAt),
      lessonTitle: lessonVersions.title,
      href: sql<string>`'/courses/' || ${courses.slug} || '/' || ${lessons.slug}`,
    })
    .from(attempts)
    .innerJoin(lessonVersions, eq(lessonVersions.id, attempts.lessonVersionId))
    .innerJoin(lessons, eq(lessons.id, attempts.lessonId))
    .innerJoin(courses, eq(courses.id, lessons.courseId))
    .where(and(eq(attempts.userId, userId), ne(attempts.status, 'abandoned')))
    .orderBy(desc(sql`coalesce(${attempts.submittedAt}, ${attempts.startedAt})`), desc(attempts.attemptNumber))
    .limit(limit)
  if (rows.length === 0) return []
  const runIds = rows.filter((r) => r.kind === 'roleplay').map((r) => r.id)
  const [versions, decisions] = await Promise.all([
    db
      .select({ id: lessonVersions.id, assessments: lessonVersions.assessments })
      .from(lessonVersions)
      .where(inArray(lessonVersions.id, [...new Set(rows.map((r) => r.versionId))])),
    runIds.length === 0
      ? []
      : db
          .select()
          .from(roleplayDecisions)
          .where(inArray(roleplayDecisions.attemptId, runIds))
          .orderBy(roleplayDecisions.attemptId, roleplayDecisions.step),
  ])
  const definitions = new Map(versions.map((v) => [v.id, v.assessments]))
  const definition = (versionId: string, id: string) => definitions.get(versionId)?.find((a) => a.id === id)
  return rows.map((r) => {
    const base = {
      id: r.id,
      lessonTitle: r.lessonTitle,
      href: r.href,
      attemptNumber: r.attemptNumber,
      graded: r.graded,
      at: r.at.toISOString(),
    }
    if (r.kind === 'quiz') {
      const quiz = definition(r.versionId, r.assessmentId) as QuizDefinition | undefined
      return {
        ...base,
        kind: 'quiz' as const,
        title: quiz?.title ?? 'Quiz',
        percent: r.responses.percent ?? null,
        passed: r.passed ?? false,
        questions: answeredQuestions(quiz, r.responses.questions),
      }
    }
    const rp = definition(r.versionId, r.assessmentId) as RolePlayDefinition | undefined
    const ending = rp?.endings.find((e) => e.id === r.endingId)
    return {
      ...base,
      kind: 'roleplay' as const,
      title: rp?.title ?? 'Role-play',
      finished: r.status === 'submitted',
      ending: ending ? { title: ending.title, outcome: ending.outcome } : null,
      steps: replaySteps(
        rp,
        decisions.filter((d) => d.attemptId === r.id),
      ),
    }
  })
}

export type RecentWork = Awaited<ReturnType<typeof recentWork>>

/** When the person last did anything in Servewell that leaves a trace: an attempt, a reply, a reflection, a completion. */
export async function lastActivity(userId: string) {
  const [row] = rowsOf<{ at: string | Date | null }>(
    await getDb().execute(sql`
    select greatest(
      (select max(coalesce(submitted_at, started_at)) from attempts where user_id = ${userId}),
      (select max(d.decided_at) from roleplay_decisions d join attempts a on a.id = d.attempt_id where a.user_id = ${userId}),
      (select max(updated_at) from reflections where user_id = ${userId}),
      (select max(completed_at) from lesson_completions where user_id = ${userId})
    ) as at`),
  )
  return row?.at ? new Date(row.at).toISOString() : null
}
