import { and, asc, desc, eq, inArray, isNotNull } from 'drizzle-orm'
import {
  attempts,
  competencies,
  competencyFramework,
  competencyRecords,
  courses,
  evidence,
  lessonVersions,
  lessons,
} from '#db/schema'
import { type Framework, type RetakePolicy, type SubmittedAttempt, countedAttempts } from '~/domain/competency-record'
import type { PersonHistory } from '~/domain/competency-trends'
import { evidenceItemName } from '~/domain/work-replay'
import { getDb } from '~/utils/db.server'
import type { DbOrTx } from '#db/client'

const DEFAULT_FRAMEWORK: Framework = {
  levels: [
    { id: 'developing', name: 'Developing', min: 0 },
    { id: 'proficient', name: 'Proficient', min: 0.6 },
    { id: 'exemplary', name: 'Exemplary', min: 0.85 },
  ],
  minimumItems: 3,
}

export async function loadFramework(db: DbOrTx = getDb()): Promise<Framework> {
  const [row] = await db.select().from(competencyFramework).where(eq(competencyFramework.id, 1))
  return row ? { levels: row.levels, minimumItems: row.minimumItems } : DEFAULT_FRAMEWORK
}

/** Everything the record is derived from: submitted attempts with their course policy, and all evidence. */
export async function recordInputs(db: DbOrTx, userId: string) {
  const [competencyRows, histories, framework] = await Promise.all([
    db.select({ id: competencies.id }).from(competencies).orderBy(asc(competencies.position)),
    recordHistories([userId], db),
    loadFramework(db),
  ])
  const history = histories.get(userId) ?? { attempts: [], evidence: [] }
  return { competencyIds: competencyRows.map((c) => c.id), ...history, framework }
}

/**
 * What people's records are derived from, with when each piece arrived, so their records can
 * be recomputed now (recordInputs) or as they stood on an earlier day (the team's trends). Two
 * statements however many people.
 */
export async function recordHistories(
  userIds: readonly string[],
  db: DbOrTx = getDb(),
): Promise<Map<string, PersonHistory>> {
  const histories = new Map<
    string,
    PersonHistory & { attempts: SubmittedAttempt[]; evidence: PersonHistory['evidence'][number][] }
  >(userIds.map((id) => [id, { attempts: [], evidence: [] }]))
  if (userIds.length === 0) return histories
  const [attemptRows, evidenceRows] = await Promise.all([
    db
      .select({
        userId: attempts.userId,
        id: attempts.id,
        lessonId: attempts.lessonId,
        assessmentId: attempts.assessmentId,
        submittedAt: attempts.submittedAt,
        earned: attempts.earned,
        possible: attempts.possible,
        graded: attempts.graded,
        policy: courses.retakePolicy,
      })
      .from(attempts)
      .innerJoin(courses, eq(courses.id, attempts.courseId))
      .where(
        and(inArray(attempts.userId, [...userIds]), eq(attempts.status, 'submitted'), isNotNull(attempts.submittedAt)),
      ),
    db
      .select({
        userId: evidence.userId,
        attemptId: evidence.attemptId,
        competencyId: evidence.competencyId,
        points: evidence.points,
        maxPoints: evidence.maxPoints,
        createdAt: evidence.createdAt,
      })
      .from(evidence)
      .where(inArray(evidence.userId, [...userIds])),
  ])
  for (const a of attemptRows)
    histories.get(a.userId)?.attempts.push({
      id: a.id,
      assessmentKey: `${a.lessonId}:${a.assessmentId}`,
      policy: a.policy as RetakePolicy,
      submittedAt: a.submittedAt ?? new Date(0),
      earned: a.earned ?? 0,
      possible: a.possible ?? 0,
      graded: a.graded,
    })
  for (const { userId, ...e } of evidenceRows) histories.get(userId)?.evidence.push(e)
  return histories
}

/** The learner's record for /me/competencies: every competency, stored scores, and the evidence behind each. */
export async function getCompetencyRecord(userId: string) {
  const db = getDb()
  const [framework, rows, stored, evidenceRows] = await Promise.all([
    loadFramework(),
    db.select().from(competencies).orderBy(asc(competencies.position)),
    db.select().from(competencyRecords).where(eq(competencyRecords.userId, userId)),
    db
      .select({
        id: evidence.id,
        competencyId: evidence.competencyId,
        points: evidence.points,
        maxPoints: evidence.maxPoints,
        source: evidence.source,
        itemId: evidence.itemId,
        createdAt: evidence.createdAt,
        attemptId: evidence.attemptId,
        lessonVersionId: evidence.lessonVersionId,
        assessmentId: attempts.assessmentId,
        graded: attempts.graded,
        lessonTitle: lessonVersions.title,
        lessonSlug: lessons.slug,
        courseSlug: courses.slug,
      })
      .from(evidence)
      .leftJoin(attempts, eq(attempts.id, evidence.attemptId))
      .leftJoin(lessonVersions, eq(lessonVersions.id, evidence.lessonVersionId))
      .leftJoin(lessons, eq(lessons.id, lessonVersions.lessonId))
      .leftJoin(courses, eq(courses.id, lessons.courseId))
      .where(eq(evidence.userId, userId))
      .orderBy(desc(evidence.createdAt)),
  ])
  const versionIds = [...new Set(evidenceRows.flatMap((e) => (e.lessonVersionId ? [e.lessonVersionId] : [])))]
  const [inputs, versions] = await Promise.all([
    recordInputs(db, userId),
    versionIds.length === 0
      ? []
      : db
          .select({ id: lessonVersions.id, assessments: lessonVersions.assessments })
          .from(lessonVersions)
          .where(inArray(lessonVersions.id, versionIds)),
  ])
  const counted = countedAttempts(inputs.attempts)
  const assessmentsOf = new Map(versions.map((v) => [v.id, v.assessments]))
  return {
    framework,
    competencies: rows.map((c) => {
      const record = stored.find((s) => s.competencyId === c.id)
      return {
        id: c.id,
        name: c.name,
        description: c.description,
        descriptors: c.descriptors,
        earned: record?.earned ?? 0,
        possible: record?.possible ?? 0,
        items: record?.items ?? 0,
        score: record?.score ?? null,
        level: record?.level ?? 'not-yet-evidenced',
        evidence: evidenceRows
          .filter((e) => e.competencyId === c.id)
          .map(({ lessonVersionId, ...e }) => ({
            ...e,
            itemName: evidenceItemName(e.itemId, lessonVersionId ? assessmentsOf.get(lessonVersionId) : undefined),
            createdAt: e.createdAt.toISOString(),
            counted: e.attemptId === null || counted.has(e.attemptId),
            practice: e.graded === false,
          })),
      }
    }),
  }
}

export async function storedRecords(db: DbOrTx, userId: string) {
  return db.select().from(competencyRecords).where(eq(competencyRecords.userId, userId))
}
