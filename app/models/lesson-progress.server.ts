import { sql } from 'drizzle-orm'
import type { RunState } from '~/domain/role-play-engine'
import type { StoredQuizResponses } from '~/domain/assessments'
import { getDb, rowsOf } from '~/utils/db.server'

/** An attempt at one of the lesson's assessments, as the lesson page needs it. */
export interface LessonAttempt {
  id: string
  lessonVersionId: string
  assessmentId: string
  kind: 'quiz' | 'roleplay'
  status: 'in_progress' | 'submitted' | 'abandoned'
  attemptNumber: number
  responses: Partial<StoredQuizResponses>
  state: RunState | null
  passed: boolean | null
  graded: boolean
}

/** A choice made in a role-play run. */
export interface RunDecision {
  attemptId: string
  step: number
  sceneId: string
  optionId: string
  points: Record<string, number>
  moodBefore: number
  moodAfter: number
}

export interface LessonProgress {
  /** Newest attempt first. */
  attempts: LessonAttempt[]
  /** The choices of each role-play's current run (its latest one not abandoned), in order. */
  decisions: RunDecision[]
  reflections: {
    reflectionId: string
    body: string
    status: 'draft' | 'submitted'
    updatedAt: string
    reply: { text: string; reviewerName: string | null; at: string } | null
  }[]
  completion: { lessonVersionId: string; completedAt: Date } | null
}

interface Row {
  attempts: LessonAttempt[] | null
  decisions: RunDecision[] | null
  reflections:
    | {
        reflectionId: string
        body: string
        status: 'draft' | 'submitted'
        updatedAt: string
        reply: string | null
        repliedAt: string | null
        reviewerName: string | null
      }[]
    | null
  completion: { lessonVersionId: string; completedAt: string } | null
}

/**
 * Everything of one learner's on a lesson page, in one statement: every statement costs the
 * embedded database a round trip through its protocol, which is most of a page's time there.
 */
export async function lessonProgress(userId: string, lessonId: string, versionId: string): Promise<LessonProgress> {
  const result = await getDb().execute(sql`
    with mine as (
      select * from attempts where user_id = ${userId} and lesson_id = ${lessonId}
    ),
    runs as (
      select distinct on (assessment_id) id from mine
      where kind = 'roleplay' and status <> 'abandoned'
      order by assessment_id, attempt_number desc
    )
    select
      (select json_agg(json_build_object(
          'id', id, 'lessonVersionId', lesson_version_id, 'assessmentId', assessment_id, 'kind', kind,
          'status', status, 'attemptNumber', attempt_number, 'responses', responses, 'state', state,
          'passed', passed, 'graded', graded) order by attempt_number desc)
        from mine) as attempts,
      (select json_agg(json_build_object(
          'attemptId', attempt_id, 'step', step, 'sceneId', scene_id, 'optionId', option_id,
          'points', points, 'moodBefore', mood_before, 'moodAfter', mood_after) order by attempt_id, step)
        from roleplay_decisions where attempt_id in (select id from runs)) as decisions,
      (select json_agg(json_build_object(
          'reflectionId', r.reflection_id, 'body', r.body, 'status', r.status, 'updatedAt', r.updated_at,
          'reply', rr.reply, 'repliedAt', rr.updated_at, 'reviewerName', u.name))
        from reflections r
        left join reflection_reviews rr on rr.reflection_id = r.id
        left join users u on u.id = rr.reviewer_id
        where r.user_id = ${userId} and r.lesson_version_id = ${versionId}) as reflections,
      (select json_build_object('lessonVersionId', lesson_version_id, 'completedAt', completed_at)
        from lesson_completions where user_id = ${userId} and lesson_id = ${lessonId}
        order by completed_at desc limit 1) as completion
  `)
  const [row] = rowsOf<Row>(result)
  const iso = (at: string) => new Date(at).toISOString()
  return {
    attempts: row?.attempts ?? [],
    decisions: row?.decisions ?? [],
    reflections: (row?.reflections ?? []).map(({ reply, repliedAt, reviewerName, ...r }) => ({
      ...r,
      updatedAt: iso(r.updatedAt),
      reply: reply && repliedAt ? { text: reply, reviewerName, at: iso(repliedAt) } : null,
    })),
    completion: row?.completion
      ? { lessonVersionId: row.completion.lessonVersionId, completedAt: new Date(row.completion.completedAt) }
      : null,
  }
}
