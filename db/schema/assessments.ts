import { sql } from 'drizzle-orm'
import {
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  boolean,
} from 'drizzle-orm/pg-core'
import { competencies, courses, lessonVersions, lessons } from './content'
import { users } from './users'
import type { StoredQuizResponses } from '../../app/domain/assessments'
import type { RunState } from '../../app/domain/role-play-engine'

export const assessmentKindEnum = pgEnum('assessment_kind', ['quiz', 'roleplay'])
export const attemptStatusEnum = pgEnum('attempt_status', ['in_progress', 'submitted', 'abandoned'])

export const attempts = pgTable(
  'attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id),
    lessonId: uuid('lesson_id')
      .notNull()
      .references(() => lessons.id),
    lessonVersionId: uuid('lesson_version_id')
      .notNull()
      .references(() => lessonVersions.id),
    assessmentId: text('assessment_id').notNull(),
    kind: assessmentKindEnum('kind').notNull(),
    status: attemptStatusEnum('status').notNull(),
    attemptNumber: integer('attempt_number').notNull(),
    idempotencyKey: text('idempotency_key'),
    /** Quizzes: what was answered and how it scored; empty for role-plays. */
    responses: jsonb('responses').$type<Partial<StoredQuizResponses>>().notNull().default({}),
    /** Role-plays: where the run stands (scene, mood, step, ending). */
    state: jsonb('state').$type<RunState>(),
    earned: integer('earned'),
    possible: integer('possible'),
    passed: boolean('passed'),
    /** False for practice (a retake after a pass, a role-play played again): shown, never counted. */
    graded: boolean('graded').notNull().default(true),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
  },
  (t) => [
    // A double submit or two tabs racing cannot make two attempts with one number.
    uniqueIndex('attempts_number_unique').on(t.userId, t.lessonId, t.assessmentId, t.attemptNumber),
    uniqueIndex('attempts_idempotency_unique').on(t.userId, t.idempotencyKey),
    uniqueIndex('attempts_one_in_progress')
      .on(t.userId, t.lessonId, t.assessmentId)
      .where(sql`${t.status} = 'in_progress'`),
    index('attempts_user_submitted_idx').on(t.userId, t.status),
    // Assignment progress asks "has this person started this course or lesson?" per row.
    index('attempts_user_course_idx').on(t.userId, t.courseId, t.lessonId),
    // The team page's "stuck" list counts each person's graded quiz attempts per quiz: read from
    // this index alone, not from a person's ~100 attempts scattered over the heap (decision 007).
    index('attempts_graded_quiz_idx')
      .on(t.userId, t.lessonId, t.assessmentId, t.passed, t.submittedAt)
      .where(sql`${t.kind} = 'quiz' and ${t.status} = 'submitted' and ${t.graded}`),
  ],
)

export const roleplayDecisions = pgTable(
  'roleplay_decisions',
  {
    attemptId: uuid('attempt_id')
      .notNull()
      .references(() => attempts.id, { onDelete: 'cascade' }),
    step: integer('step').notNull(),
    sceneId: text('scene_id').notNull(),
    optionId: text('option_id').notNull(),
    points: jsonb('points').$type<Record<string, number>>().notNull(),
    moodBefore: integer('mood_before').notNull(),
    moodAfter: integer('mood_after').notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.step] })],
)

export const evidenceSourceEnum = pgEnum('evidence_source', ['quiz', 'roleplay', 'manager'])

export const evidence = pgTable(
  'evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    competencyId: text('competency_id')
      .notNull()
      .references(() => competencies.id),
    points: integer('points').notNull(),
    maxPoints: integer('max_points').notNull(),
    source: evidenceSourceEnum('source').notNull(),
    attemptId: uuid('attempt_id').references(() => attempts.id, { onDelete: 'cascade' }),
    lessonVersionId: uuid('lesson_version_id').references(() => lessonVersions.id),
    itemId: text('item_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('evidence_user_competency_idx').on(t.userId, t.competencyId),
    index('evidence_attempt_idx').on(t.attemptId),
  ],
)

export const competencyRecords = pgTable(
  'competency_records',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    competencyId: text('competency_id')
      .notNull()
      .references(() => competencies.id),
    earned: integer('earned').notNull(),
    possible: integer('possible').notNull(),
    items: integer('items').notNull(),
    score: real('score'),
    level: text('level').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.competencyId] })],
)

export const reflectionStatusEnum = pgEnum('reflection_status', ['draft', 'submitted'])

export const reflections = pgTable(
  'reflections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    lessonId: uuid('lesson_id')
      .notNull()
      .references(() => lessons.id),
    lessonVersionId: uuid('lesson_version_id')
      .notNull()
      .references(() => lessonVersions.id),
    reflectionId: text('reflection_id').notNull(),
    prompt: text('prompt').notNull(),
    body: text('body').notNull(),
    status: reflectionStatusEnum('status').notNull().default('draft'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('reflections_user_item_unique').on(t.userId, t.lessonVersionId, t.reflectionId)],
)

export const courseFeedback = pgTable(
  'course_feedback',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id),
    score: integer('score').notNull(),
    comment: text('comment'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.courseId] })],
)

/**
 * Each learner's first graded answer to each question of a quiz: the answers item statistics
 * count (docs/decisions/013). Written with the attempt that gave it, insert-if-absent, so a
 * question's later answers (retakes, practice) never replace it; read by lesson version, whose
 * rows the index holds whole, so the insights page reads them without touching the table.
 */
export const firstAnswers = pgTable(
  'first_answers',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    lessonId: uuid('lesson_id')
      .notNull()
      .references(() => lessons.id),
    assessmentId: text('assessment_id').notNull(),
    questionId: text('question_id').notNull(),
    lessonVersionId: uuid('lesson_version_id')
      .notNull()
      .references(() => lessonVersions.id),
    attemptId: uuid('attempt_id')
      .notNull()
      .references(() => attempts.id, { onDelete: 'cascade' }),
    correct: boolean('correct').notNull(),
    /** The choices picked. */
    selected: text('selected').array().notNull(),
    /** The share of the attempt's other questions answered right; null when it asked one. */
    rest: real('rest'),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.lessonId, t.assessmentId, t.questionId] }),
    index('first_answers_version_idx').on(
      t.lessonVersionId,
      t.assessmentId,
      t.questionId,
      t.userId,
      t.correct,
      t.rest,
      t.selected,
    ),
  ],
)
