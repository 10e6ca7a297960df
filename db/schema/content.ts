import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import type { LessonFrontmatter } from '../../app/content/frontmatter.server'
import type { AssessmentDefinition } from '../../app/domain/assessments'
import { users } from './users'

export const competencies = pgTable('competencies', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull(),
  descriptors: jsonb('descriptors').$type<Record<string, string>>().notNull(),
  position: integer('position').notNull(),
})

/** The framework's levels and the evidence threshold, as loaded from competencies.yml. */
export const competencyFramework = pgTable('competency_framework', {
  id: integer('id').primaryKey().default(1),
  levels: jsonb('levels').$type<{ id: string; name: string; min: number }[]>().notNull(),
  minimumItems: integer('minimum_items').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

export const principles = pgTable('principles', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  summary: text('summary').notNull(),
  competencyId: text('competency_id')
    .notNull()
    .references(() => competencies.id),
  position: integer('position').notNull(),
})

export const retakePolicyEnum = pgEnum('retake_policy', ['latest', 'best'])

export const courses = pgTable('courses', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  title: text('title').notNull(),
  summary: text('summary').notNull(),
  audience: text('audience').notNull(),
  retakePolicy: retakePolicyEnum('retake_policy').notNull().default('latest'),
  position: integer('position').notNull().default(0),
  /** The content hash of course.yml when `content:sync` last applied it: its order applies only when it changed. */
  fileHash: text('file_hash'),
  /** The studio reordered lessons or modules since the last sync; `content:pull` writes the order to course.yml. */
  reorderedInStudio: boolean('reordered_in_studio').notNull().default(false),
  // A course whose folder disappears is archived, never deleted: attempts point at it.
  archivedAt: timestamp('archived_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

export const courseModules = pgTable(
  'course_modules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [uniqueIndex('course_modules_course_slug_unique').on(t.courseId, t.slug)],
)

export const lessons = pgTable(
  'lessons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    moduleId: uuid('module_id').references(() => courseModules.id, { onDelete: 'set null' }),
    slug: text('slug').notNull(),
    position: integer('position').notNull(),
    publishedVersionId: uuid('published_version_id'),
    /**
     * The content hash of the lesson's file when `content:sync` last read it; null for a lesson
     * made in the studio that has no file yet. Sync publishes a file only when it changed since.
     */
    fileHash: text('file_hash'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('lessons_course_slug_unique').on(t.courseId, t.slug)],
)

export const versionOriginEnum = pgEnum('version_origin', ['file', 'studio'])

export const lessonVersions = pgTable(
  'lesson_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    lessonId: uuid('lesson_id')
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    contentHash: text('content_hash').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    minutes: integer('minutes').notNull(),
    frontmatter: jsonb('frontmatter').$type<LessonFrontmatter>().notNull(),
    source: text('source').notNull(),
    code: text('code').notNull(),
    /** Server-only: quizzes and role-plays with their answer keys. */
    assessments: jsonb('assessments').$type<AssessmentDefinition[]>().notNull(),
    /** Where the version came from: a file read by content:sync, or publishing in the studio. */
    origin: versionOriginEnum('origin').notNull().default('file'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    /** Who approved publishing it, when the organisation asks for a second pair of eyes. */
    approvedBy: uuid('approved_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // No unique content hash: restoring an old version makes a new version with the same content.
  (t) => [
    uniqueIndex('lesson_versions_lesson_version_unique').on(t.lessonId, t.version),
    index('lesson_versions_lesson_idx').on(t.lessonId, sql`${t.version} desc`),
  ],
)

/** A trainer's unpublished edit of a lesson: one per lesson and trainer, saved as they type. */
export const lessonDrafts = pgTable(
  'lesson_drafts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    lessonId: uuid('lesson_id')
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    source: text('source').notNull(),
    /** The version the draft was started from, to tell the trainer when someone published since. */
    baseVersionId: uuid('base_version_id'),
    /** Bumped on every save; a save naming an older revision (a stale tab) is refused. */
    revision: integer('revision').notNull().default(1),
    /** When its author asked for the review publishing needs; a later save withdraws the request. */
    reviewRequestedAt: timestamp('review_requested_at', { withTimezone: true }),
    /** How many problems the checker found at the last save, for the lesson list. */
    problemCount: integer('problem_count').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('lesson_drafts_lesson_user_unique').on(t.lessonId, t.userId)],
)

export type Lesson = typeof lessons.$inferSelect

/**
 * One row, whose number a trigger raises whenever courses, modules, lessons, the framework or an
 * organisation's settings change (migration 0014). Every signed-in request reads it with its
 * session, so each app server knows when its in-memory caches of these are out of date.
 */
export const contentGeneration = pgTable('content_generation', {
  id: boolean('id').primaryKey().default(true),
  generation: bigint('generation', { mode: 'number' }).notNull().default(0),
})
