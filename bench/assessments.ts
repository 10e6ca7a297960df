// npm run bench (second part): quiz-submission latency under concurrent learners, and
// computing a competency record for a learner with 1,000 attempts. Each is reported
// against a baseline measured in the same run on the same database.
import os from 'node:os'
import fs from 'node:fs'
import path from 'node:path'
import { eq, sql } from 'drizzle-orm'
import { type DatabaseHandle, openDatabase } from '#db/client'
import { attempts, contentGeneration, evidence, lessonVersions, lessons, loginFailures, users } from '#db/schema'
import { seedDemoOrganisation } from '#db/seed'
import type { QuizDefinition } from '~/domain/assessments'
import { syncContent } from '~/content/sync.server'
import { computeRecords } from '~/domain/competency-record'
import { submitQuiz } from '~/models/attempts.server'
import { recordInputs } from '~/models/competency-records.server'
import { refreshCompetencyRecords } from '~/models/learning-record.server'
import { noteContentGeneration } from '~/utils/content-cache.server'
import { setDatabase } from '~/utils/db.server'
import { createDatabaseFrom, databaseUrlFor, dropDatabase } from '../tests/support/postgres-admin'
import { summary } from './stats'
import { recordSummary } from './summary'

const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 20)
const SUBMISSIONS_EACH = Number(process.env.BENCH_SUBMISSIONS ?? 10)

async function timed(fn: () => Promise<unknown>) {
  const start = performance.now()
  await fn()
  return performance.now() - start
}

// The statements one submission sends, counted as the query-budget test counts them.
let statements: string[] | null = null
const onQuery = (query: string) => statements?.push(query)

async function openBenchDatabase(): Promise<{ handle: DatabaseHandle; cleanup: () => Promise<void> }> {
  const url = process.env.DATABASE_URL
  if (url) {
    const name = await createDatabaseFrom(url, null, 'servewell_bench')
    const handle = await openDatabase({
      kind: 'postgres',
      url: databaseUrlFor(url, name),
      maxConnections: 10,
      onQuery,
    })
    return {
      handle,
      cleanup: async () => {
        await handle.close()
        await dropDatabase(url, name)
      },
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'servewell-bench-'))
  const handle = await openDatabase({ kind: 'pglite', dataDir: path.join(dir, 'pglite'), onQuery })
  return {
    handle,
    cleanup: async () => {
      await handle.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

const { handle, cleanup } = await openBenchDatabase()
try {
  await handle.migrate()
  setDatabase(handle)
  const db = handle.db
  await seedDemoOrganisation(db)
  await syncContent(db, path.resolve('tests/fixtures/content'))
  // What every signed-in request does with its session: content is then served from memory.
  const [generation] = await db.select({ n: contentGeneration.generation }).from(contentGeneration)
  noteContentGeneration(Number(generation?.n ?? 0))
  const [org] = await db.select({ id: users.organisationId }).from(users).limit(1)
  const [lesson] = await db
    .select({
      id: lessons.id,
      versionId: lessons.publishedVersionId,
      courseId: lessons.courseId,
      assessments: lessonVersions.assessments,
    })
    .from(lessons)
    .innerJoin(lessonVersions, eq(lessonVersions.id, lessons.publishedVersionId))
    .where(eq(lessons.slug, 'promises'))
  if (!org || !lesson?.versionId) throw new Error('bench setup failed')
  const quiz = (lesson.assessments as QuizDefinition[]).find((a) => a.kind === 'quiz') as QuizDefinition
  const learners = await db
    .insert(users)
    .values(
      Array.from({ length: LEARNERS }, (_, i) => ({
        organisationId: org.id,
        email: `bench-${i}@example.com`,
        name: `Bench ${i}`,
        passwordHash: 'x',
      })),
    )
    .returning({ id: users.id })

  // Baseline: the smallest write transaction, with the same concurrency.
  const baseline: number[] = []
  await Promise.all(
    learners.map(async () => {
      for (let i = 0; i < SUBMISSIONS_EACH; i++)
        baseline.push(
          await timed(() =>
            db.transaction(async (tx) => {
              await tx.insert(loginFailures).values({ email: 'bench', clientAddress: 'bench' })
            }),
          ),
        )
    }),
  )
  const submissions: number[] = []
  await Promise.all(
    learners.map(async (learner) => {
      for (let i = 0; i < SUBMISSIONS_EACH; i++) {
        const responses = Object.fromEntries(
          quiz.questions.map((q) => [q.id, [q.choices[(i + q.id.length) % q.choices.length]?.id ?? '']]),
        )
        submissions.push(
          await timed(() =>
            submitQuiz(learner.id, {
              courseSlug: 'demo-course',
              lessonSlug: 'promises',
              quizId: quiz.id,
              versionId: lesson.versionId ?? '',
              attemptNumber: i + 1,
              idempotencyKey: crypto.randomUUID(),
              responses,
            }),
          ),
        )
      }
    }),
  )
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(attempts)
  statements = []
  await submitQuiz(learners[0]?.id ?? '', {
    courseSlug: 'demo-course',
    lessonSlug: 'promises',
    quizId: quiz.id,
    versionId: lesson.versionId ?? '',
    attemptNumber: SUBMISSIONS_EACH + 1,
    idempotencyKey: crypto.randomUUID(),
    responses: Object.fromEntries(quiz.questions.map((q) => [q.id, [q.choices[0]?.id ?? '']])),
  })
  // A request also looks up its session: one statement more than the model sends.
  const submissionStatements = statements.length + 1
  statements = null

  // A learner with 1,000 attempts: bulk-inserted, since building them is not what is measured.
  const heavy = learners[0]?.id ?? ''
  for (let batch = 0; batch < 10; batch++) {
    const rows = await db
      .insert(attempts)
      .values(
        Array.from({ length: 100 }, (_, i) => ({
          userId: heavy,
          courseId: lesson.courseId,
          lessonId: lesson.id,
          lessonVersionId: lesson.versionId ?? '',
          assessmentId: `bench-${(batch * 100 + i) % 40}`,
          kind: 'quiz' as const,
          status: 'submitted' as const,
          attemptNumber: 1000 + batch * 100 + i,
          earned: i % 4,
          possible: 3,
          passed: i % 4 === 3,
          submittedAt: new Date(Date.now() - (batch * 100 + i) * 60_000),
        })),
      )
      .returning({ id: attempts.id })
    await db.insert(evidence).values(
      rows.flatMap((r, i) =>
        ['ownership', 'attentiveness'].map((c) => ({
          userId: heavy,
          competencyId: c,
          points: i % 4,
          maxPoints: 3,
          source: 'quiz' as const,
          attemptId: r.id,
          lessonVersionId: lesson.versionId,
          itemId: `bench/${i}`,
        })),
      ),
    )
  }
  const reads: number[] = []
  const pure: number[] = []
  const refresh: number[] = []
  for (let i = 0; i < 15; i++) {
    let inputs: Awaited<ReturnType<typeof recordInputs>> | undefined
    reads.push(
      await timed(async () => {
        inputs = await recordInputs(db, heavy)
      }),
    )
    pure.push(
      await timed(async () => {
        if (inputs) computeRecords(inputs.competencyIds, inputs.attempts, inputs.evidence, inputs.framework)
      }),
    )
    refresh.push(await timed(() => db.transaction((tx) => refreshCompetencyRecords(tx, heavy))))
  }
  const [heavyAttempts] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(attempts)
    .where(eq(attempts.userId, heavy))

  const s = summary(submissions)
  const b = summary(baseline)
  const r = summary(refresh)
  const rd = summary(reads)
  const pc = summary(pure)
  const ms = (v: number) => v.toFixed(1)
  console.log(
    `\nAssessments on ${handle.kind} — ${LEARNERS} concurrent learners × ${SUBMISSIONS_EACH} quiz submissions (${count?.n} attempts stored)\n`,
  )
  console.log('| measurement | p50 ms | p95 ms |')
  console.log('| --- | ---: | ---: |')
  console.log(`| quiz submission (score, attempt, evidence, record, completion) | ${ms(s.p50)} | ${ms(s.p95)} |`)
  console.log(`| baseline: one-row write transaction | ${ms(b.p50)} | ${ms(b.p95)} |`)
  console.log(`| competency record refresh, learner with ${heavyAttempts?.n} attempts | ${ms(r.p50)} | ${ms(r.p95)} |`)
  console.log(`| baseline: reading that learner's attempts and evidence | ${ms(rd.p50)} | ${ms(rd.p95)} |`)
  console.log(`| of which the pure computation | ${ms(pc.p50)} | ${ms(pc.p95)} |`)
  console.log(
    `\nquiz submission / one-row write      : ${(s.p50 / b.p50).toFixed(1)}x at p50, ${(s.p95 / b.p95).toFixed(1)}x at p95`,
  )
  console.log(`record refresh / reading its inputs    : ${(r.p50 / rd.p50).toFixed(1)}x at p50`)
  console.log(`statements per submission, with the session lookup: ${submissionStatements}`)
  recordSummary({
    what: `quiz submission p95, ${LEARNERS} concurrent learners, ${handle.kind === 'postgres' ? 'PostgreSQL' : 'PGlite'}`,
    now: `${ms(s.p95)} ms (${(s.p50 / b.p50).toFixed(1)}x a one-row write at p50; ${submissionStatements} statements)`,
    target: '< 50 ms, ≤ 8 statements',
    met: s.p95 < 50 && submissionStatements <= 8,
  })
} finally {
  setDatabase(undefined)
  await cleanup()
}
