import { type SQL, and, asc, desc, eq, inArray, isNotNull, or, sql } from 'drizzle-orm'
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
import {
  type EvidenceRow,
  type Framework,
  type RetakePolicy,
  type SubmittedAttempt,
  countedAttempts,
} from '~/domain/competency-record'
import type { PersonHistory } from '~/domain/competency-trends'
import { evidenceItemName } from '~/domain/work-replay'
import { cachedContent } from '~/utils/content-cache.server'
import { getDb } from '~/utils/db.server'
import { competencyNames } from './published-content.server'
import type { DbOrTx } from '#db/client'

const DEFAULT_FRAMEWORK: Framework = {
  levels: [
    { id: 'developing', name: 'Developing', min: 0 },
    { id: 'proficient', name: 'Proficient', min: 0.6 },
    { id: 'exemplary', name: 'Exemplary', min: 0.85 },
  ],
  minimumItems: 3,
}

/** The organisation's levels and minimum items: content, read once per content generation. */
export async function loadFramework(db: DbOrTx = getDb()): Promise<Framework> {
  return cachedContent('competency-framework', db, async (db) => {
    const [row] = await db.select().from(competencyFramework).where(eq(competencyFramework.id, 1))
    return row ? { levels: row.levels, minimumItems: row.minimumItems } : DEFAULT_FRAMEWORK
  })
}

/** Every competency's id, in the framework's order: content, read once per content generation. */
async function competencyIdsInOrder(db: DbOrTx) {
  return [...(await competencyNames(db)).keys()]
}

/**
 * Reads the framework and the competency list into the content cache before a transaction
 * needs them: what a transaction reads is never kept (app/utils/content-cache.server.ts).
 */
export async function warmRecordContent(db: DbOrTx = getDb()) {
  await Promise.all([loadFramework(db), competencyIdsInOrder(db)])
}

const attemptColumns = {
  userId: attempts.userId,
  id: attempts.id,
  lessonId: attempts.lessonId,
  assessmentId: attempts.assessmentId,
  submittedAt: attempts.submittedAt,
  earned: attempts.earned,
  possible: attempts.possible,
  graded: attempts.graded,
  policy: courses.retakePolicy,
}

/** The attempts a record can count: submitted ones. */
function submittedBy(userIds: readonly string[]) {
  return and(inArray(attempts.userId, [...userIds]), eq(attempts.status, 'submitted'), isNotNull(attempts.submittedAt))
}

function submittedAttempt(a: {
  id: string
  lessonId: string
  assessmentId: string
  policy: string
  submittedAt: Date | null
  earned: number | null
  possible: number | null
  graded: boolean
}): SubmittedAttempt {
  return {
    id: a.id,
    assessmentKey: `${a.lessonId}:${a.assessmentId}`,
    policy: a.policy as RetakePolicy,
    submittedAt: a.submittedAt ?? new Date(0),
    earned: a.earned ?? 0,
    possible: a.possible ?? 0,
    graded: a.graded,
  }
}

/** Everything the record is derived from: submitted attempts with their course policy, and all evidence. */
export async function recordInputs(db: DbOrTx, userId: string) {
  const [competencyIds, histories, framework] = await Promise.all([
    competencyIdsInOrder(db),
    recordHistories([userId], db),
    loadFramework(db),
  ])
  const history = histories.get(userId) ?? { attempts: [], evidence: [] }
  return { competencyIds, ...history, framework }
}

/** What new or withdrawn evidence touches: its competencies, and the attempts it came from. */
export interface Touched {
  competencyIds: readonly string[]
  attemptIds: readonly string[]
}

/**
 * What the records of the competencies new evidence touches are derived from, and nothing
 * else, in one statement. Touched are the competencies named, and those of every attempt at
 * the same assessment as the attempts named, since a new attempt can stop an earlier one
 * from counting. For those: all the learner's evidence, and their submitted attempts at every
 * assessment that evidence came from, which decide the attempt that counts for each. Over
 * these, `computeRecords` gives exactly what it gives over the learner's whole history.
 */
export async function touchedRecordInputs(db: DbOrTx, userId: string, touched: Touched) {
  const named = (column: SQL) =>
    or(
      touched.competencyIds.length ? inArray(column, [...touched.competencyIds]) : undefined,
      touched.attemptIds.length
        ? sql`${column} in (
            select e.competency_id from evidence e join attempts a on a.id = e.attempt_id
            where e.user_id = ${userId} and (a.lesson_id, a.assessment_id) in (
              select s.lesson_id, s.assessment_id from attempts s
              where s.id in (${sql.join(
                touched.attemptIds.map((id) => sql`${id}`),
                sql`, `,
              )})))`
        : undefined,
    ) ?? sql`false`
  const touchedEvidence = db
    .select({
      competencyId: evidence.competencyId,
      attemptId: evidence.attemptId,
      points: evidence.points,
      maxPoints: evidence.maxPoints,
    })
    .from(evidence)
    .where(and(eq(evidence.userId, userId), named(sql`${evidence.competencyId}`)))
    .as('touched_evidence')
  const bearing = db
    .select(attemptColumns)
    .from(attempts)
    .innerJoin(courses, eq(courses.id, attempts.courseId))
    .where(
      and(
        submittedBy([userId]),
        sql`(${attempts.lessonId}, ${attempts.assessmentId}) in (
          select a.lesson_id, a.assessment_id from attempts a join evidence e on e.attempt_id = a.id
          where e.user_id = ${userId} and ${named(sql`e.competency_id`)})`,
      ),
    )
    .as('bearing')
  // Each attempt with its evidence for the touched competencies, or alone (a later attempt that
  // displaces it may have drawn other questions), and evidence that stands alone (a rating).
  const [rows, framework, order] = await Promise.all([
    db
      .select({
        attempt: {
          id: bearing.id,
          lessonId: bearing.lessonId,
          assessmentId: bearing.assessmentId,
          submittedAt: bearing.submittedAt,
          earned: bearing.earned,
          possible: bearing.possible,
          graded: bearing.graded,
          policy: bearing.policy,
        },
        // A side of the join is missing when its first field is null: this one never is.
        evidence: {
          competencyId: touchedEvidence.competencyId,
          attemptId: touchedEvidence.attemptId,
          points: touchedEvidence.points,
          maxPoints: touchedEvidence.maxPoints,
        },
      })
      .from(bearing)
      .fullJoin(touchedEvidence, eq(touchedEvidence.attemptId, bearing.id)),
    loadFramework(db),
    competencyIdsInOrder(db),
  ])
  const attemptsById = new Map<string, SubmittedAttempt>()
  const evidenceRows: EvidenceRow[] = []
  for (const row of rows) {
    if (row.attempt) attemptsById.set(row.attempt.id, submittedAttempt(row.attempt))
    if (row.evidence) evidenceRows.push(row.evidence)
  }
  // The competencies of earlier attempts at the same assessments have evidence, so are among
  // these. In the framework's order, as every writer of records upserts them, so that two
  // writers (a rating and a submission) wait for each other rather than deadlock.
  const touchedIds = new Set([...touched.competencyIds, ...evidenceRows.map((e) => e.competencyId)])
  const competencyIds = order.filter((id) => touchedIds.has(id))
  return { competencyIds, attempts: [...attemptsById.values()], evidence: evidenceRows, framework }
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
      .select(attemptColumns)
      .from(attempts)
      .innerJoin(courses, eq(courses.id, attempts.courseId))
      .where(submittedBy(userIds)),
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
  for (const a of attemptRows) histories.get(a.userId)?.attempts.push(submittedAttempt(a))
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
