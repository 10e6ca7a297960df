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
 * embedded database a round trip through its protocol and a plan, which made up most of a page's
 * time there. The query is the function `lesson_progress` (migration 0015), whose plan is kept.
 */
export async function lessonProgress(userId: string, lessonId: string, versionId: string): Promise<LessonProgress> {
  const result = await getDb().execute(sql`select * from lesson_progress(${userId}, ${lessonId}, ${versionId})`)
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
