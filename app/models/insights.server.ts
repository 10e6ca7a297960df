import { type SQL, and, asc, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm'
import { courseFeedback, courses, lessonVersions, lessons, users } from '#db/schema'
import type { QuizDefinition, RolePlayDefinition } from '~/domain/assessments'
import { csvLine } from '~/domain/csv'
import {
  type CourseRatings,
  type ItemCounts,
  type ItemStatistics,
  type RolePlayCounts,
  type RolePlayStatistics,
  MIN_GROUP,
  countedRoles,
  courseRatings,
  groupShown,
  itemStatistics,
  percentOf,
  rolePlayStatistics,
  sourceLine,
} from '~/domain/item-statistics'
import { getDb, rowsOf } from '~/utils/db.server'
import type { SessionUser } from '~/utils/require-user.server'

// The trainer's insights: how lessons, questions and role-plays perform, over the attempts of
// the trainer's organisation. Every figure is counted by set-based SQL (one statement per
// section, however many attempts there are); the domain (app/domain/item-statistics.ts) turns
// counts into figures and hides any group under five learners. Nothing here returns a person.
// Who counts, and which answer counts, is decided in docs/decisions/013.

/**
 * Runs one read-only statement and returns its rows. Without JIT: these statements are
 * estimated expensive enough to cross jit_above_cost, and compiling them took longer
 * (0.1–2 s) than running them. With more sort memory than the 4 MB default: a lesson's
 * first answers are sorted whole, about 20 MB for 10,000 learners (docs/decisions/013).
 */
async function rows<T>(query: SQL): Promise<T[]> {
  return getDb().transaction(
    async (tx) => {
      await tx.execute(sql`set local jit = off`)
      await tx.execute(sql`set local work_mem = '32MB'`)
      return rowsOf<T>(await tx.execute(query))
    },
    { accessMode: 'read only' },
  )
}

/** The people whose work counts: the actor's organisation, without anyone who can read the keys. */
function people(actor: SessionUser) {
  // The roles are the code's own constants, written as literals so the planner can use the
  // column's statistics (a parameter cast to text would hide them).
  const roleList = sql.raw(countedRoles.map((r) => `'${r}'`).join(', '))
  return sql`select u.id from users u where u.organisation_id = ${actor.organisationId} and u.role in (${roleList})`
}

export interface LessonFigures {
  started: number
  completed: number
  percent: number
}

/**
 * Per lesson: learners who did anything in it (an attempt, a reflection, a completion), and
 * who completed it. Walked person by person: each person's handful of lessons is deduplicated
 * on its own, which is far cheaper than deduplicating a million attempts at once.
 */
async function lessonCounts(actor: SessionUser, courseId?: string) {
  const attemptsIn = courseId ? sql`and a.course_id = ${courseId}` : sql``
  const lessonsIn = (column: SQL) =>
    courseId ? sql`and ${column} in (select l.id from lessons l where l.course_id = ${courseId})` : sql``
  const found = await rows<{ lesson_id: string; started: number; completed: number }>(sql`
    with people as (${people(actor)})
    select t.lesson_id, count(*)::int as started, count(*) filter (where t.done)::int as completed
    from people p
    cross join lateral (
      select x.lesson_id, bool_or(x.done) as done
      from (
        select a.lesson_id, false as done from attempts a where a.user_id = p.id ${attemptsIn}
        union all
        select r.lesson_id, false from reflections r where r.user_id = p.id ${lessonsIn(sql`r.lesson_id`)}
        union all
        select c.lesson_id, true from lesson_completions c where c.user_id = p.id ${lessonsIn(sql`c.lesson_id`)}
      ) x
      group by x.lesson_id) t
    group by t.lesson_id`)
  return new Map(found.map((r) => [r.lesson_id, r]))
}

function lessonFigures(counts: { started: number; completed: number } | undefined): LessonFigures | null {
  if (!counts || !groupShown(counts.started)) return null
  return {
    started: counts.started,
    completed: counts.completed,
    percent: percentOf(counts.completed, counts.started) ?? 0,
  }
}

/** Ratings per course and score, for the people who count. */
async function ratingCounts(actor: SessionUser, courseId?: string) {
  const found = await getDb()
    .select({
      courseId: courseFeedback.courseId,
      score: courseFeedback.score,
      ratings: sql<number>`count(*)::int`,
    })
    .from(courseFeedback)
    .innerJoin(users, eq(users.id, courseFeedback.userId))
    .where(
      and(
        eq(users.organisationId, actor.organisationId),
        inArray(users.role, [...countedRoles]),
        courseId ? eq(courseFeedback.courseId, courseId) : undefined,
      ),
    )
    .groupBy(courseFeedback.courseId, courseFeedback.score)
  const byCourse = new Map<string, { score: number; ratings: number }[]>()
  for (const r of found) byCourse.set(r.courseId, [...(byCourse.get(r.courseId) ?? []), r])
  return byCourse
}

/** Current lessons (not archived) of current courses, in course order, with their published version. */
async function currentLessons(courseId?: string) {
  return getDb()
    .select({
      courseId: courses.id,
      courseSlug: courses.slug,
      courseTitle: courses.title,
      id: lessons.id,
      slug: lessons.slug,
      publishedVersionId: lessons.publishedVersionId,
      title: lessonVersions.title,
      version: lessonVersions.version,
    })
    .from(lessons)
    .innerJoin(courses, and(eq(courses.id, lessons.courseId), isNull(courses.archivedAt)))
    .leftJoin(lessonVersions, eq(lessonVersions.id, lessons.publishedVersionId))
    .where(and(isNull(lessons.archivedAt), courseId ? eq(courses.id, courseId) : undefined))
    .orderBy(asc(courses.position), asc(lessons.position))
}

export interface LessonRow {
  slug: string
  title: string
  /** The published version's number; null for a lesson not published yet. */
  version: number | null
  figures: LessonFigures | null
}

/** /author/insights: every course with its lessons' completion and its rating. */
export async function insightsOverview(actor: SessionUser) {
  const [lessonRows, counts, ratings] = await Promise.all([currentLessons(), lessonCounts(actor), ratingCounts(actor)])
  const byCourse = new Map<
    string,
    { slug: string; title: string; lessons: LessonRow[]; ratings: CourseRatings | null }
  >()
  for (const l of lessonRows) {
    const course = byCourse.get(l.courseId) ?? {
      slug: l.courseSlug,
      title: l.courseTitle,
      lessons: [],
      ratings: courseRatings(ratings.get(l.courseId) ?? []),
    }
    course.lessons.push({
      slug: l.slug,
      title: l.title ?? l.slug,
      version: l.version,
      figures: lessonFigures(counts.get(l.id)),
    })
    byCourse.set(l.courseId, course)
  }
  return { courses: [...byCourse.values()] }
}

// ——— A course ———

export const COMMENTS_SHOWN = 100

/**
 * A course's completion: who started it (did anything in a current lesson), who finished
 * every current lesson, the median time from their first lesson completed to their last
 * (an attempt's start would date the first activity better, but finding each learner's
 * first one reads every attempt of the course), and, for those who have not finished, the
 * first lesson in course order they have not completed.
 */
async function courseCompletion(actor: SessionUser, courseId: string) {
  const found = await rows<{
    kind: 'summary' | 'stop'
    lesson_id: string | null
    n: number
    finished: number | null
    median_seconds: number | null
  }>(sql`
    with people as (${people(actor)}),
    current_lesson as (
      select l.id, l.position from lessons l
      where l.course_id = ${courseId} and l.archived_at is null and l.published_version_id is not null),
    first_done as (
      select c.user_id, c.lesson_id, min(c.completed_at) as at
      from lesson_completions c join people p on p.id = c.user_id join current_lesson l on l.id = c.lesson_id
      group by c.user_id, c.lesson_id),
    touched as (
      select p.id as user_id from people p
      where exists (
          select 1 from attempts a
          where a.user_id = p.id and a.course_id = ${courseId} and a.lesson_id in (select id from current_lesson))
        or exists (
          select 1 from reflections r where r.user_id = p.id and r.lesson_id in (select id from current_lesson))
        or p.id in (select user_id from first_done)),
    finished as (
      select user_id, max(at) as at, min(at) as first_at from first_done
      group by user_id having count(*) = (select count(*) from current_lesson)),
    timed as (select extract(epoch from at - first_at)::float8 as seconds from finished),
    stopped as (
      select distinct on (t.user_id) t.user_id, l.id as lesson_id
      from touched t cross join current_lesson l
      left join first_done d on d.user_id = t.user_id and d.lesson_id = l.id
      where d.user_id is null and not exists (select 1 from finished f where f.user_id = t.user_id)
      order by t.user_id, l.position)
    select 'summary' as kind, null::uuid as lesson_id, (select count(*) from touched)::int as n,
           (select count(*) from finished)::int as finished,
           (select percentile_cont(0.5) within group (order by seconds) from timed)::float8 as median_seconds
    union all
    select 'stop', lesson_id, count(*)::int, null, null from stopped group by lesson_id`)
  const summary = found.find((r) => r.kind === 'summary')
  const started = summary?.n ?? 0
  const finished = summary?.finished ?? 0
  const stops = found.filter((r) => r.kind === 'stop')
  const stoppedCount = stops.reduce((a, r) => a + r.n, 0)
  return {
    figures: groupShown(started)
      ? {
          started,
          finished,
          percent: percentOf(finished, started) ?? 0,
          medianSeconds: groupShown(finished) ? (summary?.median_seconds ?? null) : null,
        }
      : null,
    stops: groupShown(stoppedCount)
      ? { learners: stoppedCount, byLesson: new Map(stops.map((r) => [r.lesson_id ?? '', r.n])) }
      : null,
  }
}

async function courseBySlug(slug: string) {
  const [course] = await getDb()
    .select({ id: courses.id, slug: courses.slug, title: courses.title, summary: courses.summary })
    .from(courses)
    .where(and(eq(courses.slug, slug), isNull(courses.archivedAt)))
  return course ?? null
}

/** /author/insights/<course>: completion, where people stop, and the ratings with their comments. */
export async function courseInsights(actor: SessionUser, courseSlug: string) {
  const course = await courseBySlug(courseSlug)
  if (!course) return null
  const [lessonRows, counts, ratings, completion, comments] = await Promise.all([
    currentLessons(course.id),
    lessonCounts(actor, course.id),
    ratingCounts(actor, course.id),
    courseCompletion(actor, course.id),
    getDb()
      .select({ comment: courseFeedback.comment, updatedAt: courseFeedback.updatedAt })
      .from(courseFeedback)
      .innerJoin(users, eq(users.id, courseFeedback.userId))
      .where(
        and(
          eq(courseFeedback.courseId, course.id),
          eq(users.organisationId, actor.organisationId),
          inArray(users.role, [...countedRoles]),
          isNotNull(courseFeedback.comment),
          sql`btrim(${courseFeedback.comment}) <> ''`,
        ),
      )
      .orderBy(desc(courseFeedback.updatedAt))
      .limit(COMMENTS_SHOWN + 1),
  ])
  const rated = courseRatings(ratings.get(course.id) ?? [])
  return {
    course: { slug: course.slug, title: course.title, summary: course.summary },
    completion: completion.figures,
    stops: completion.stops
      ? {
          learners: completion.stops.learners,
          lessons: lessonRows
            .map((l) => ({
              slug: l.slug,
              title: l.title ?? l.slug,
              learners: completion.stops?.byLesson.get(l.id) ?? 0,
            }))
            .filter((l) => l.learners > 0),
        }
      : null,
    // Comments belong to the ratings: a course with too few ratings shows neither.
    ratings: rated
      ? {
          ...rated,
          comments: comments.slice(0, COMMENTS_SHOWN).map((c) => ({
            text: c.comment ?? '',
            date: c.updatedAt.toISOString(),
          })),
          moreComments: comments.length > COMMENTS_SHOWN,
        }
      : null,
    lessons: lessonRows.map((l): LessonRow => ({
      slug: l.slug,
      title: l.title ?? l.slug,
      version: l.version,
      figures: lessonFigures(counts.get(l.id)),
    })),
  }
}

// ——— A lesson version ———

async function lessonVersionOf(courseSlug: string, lessonSlug: string, version: number | null) {
  const db = getDb()
  const [lesson] = await db
    .select({
      id: lessons.id,
      slug: lessons.slug,
      publishedVersionId: lessons.publishedVersionId,
      courseId: courses.id,
      courseSlug: courses.slug,
      courseTitle: courses.title,
    })
    .from(lessons)
    .innerJoin(courses, eq(courses.id, lessons.courseId))
    .where(
      and(
        eq(courses.slug, courseSlug),
        eq(lessons.slug, lessonSlug),
        isNull(courses.archivedAt),
        isNull(lessons.archivedAt),
      ),
    )
  if (!lesson) return null
  const versions = await db
    .select({ id: lessonVersions.id, version: lessonVersions.version, createdAt: lessonVersions.createdAt })
    .from(lessonVersions)
    .where(eq(lessonVersions.lessonId, lesson.id))
    .orderBy(desc(lessonVersions.version))
  // Without a version asked for: the published one, or the newest for a lesson not published yet.
  const chosen =
    version === null
      ? (versions.find((v) => v.id === lesson.publishedVersionId) ?? versions[0])
      : versions.find((v) => v.version === version)
  if (!chosen) return null
  const [detail] = await db
    .select({
      title: lessonVersions.title,
      source: lessonVersions.source,
      assessments: lessonVersions.assessments,
    })
    .from(lessonVersions)
    .where(eq(lessonVersions.id, chosen.id))
  if (!detail) return null
  return {
    lesson,
    versions: versions.map((v) => ({
      version: v.version,
      createdAt: v.createdAt.toISOString(),
      published: v.id === lesson.publishedVersionId,
    })),
    version: { id: chosen.id, version: chosen.version, published: chosen.id === lesson.publishedVersionId, ...detail },
  }
}

/**
 * Item counts for every question of the lesson's quizzes, on one version, over first answers
 * (kept by recordFirstAnswers as quizzes are submitted): for each learner and question, the
 * earliest attempt (by attempt number, on any version of the lesson) that asked it, when that
 * attempt was graded. A first answer counts for the version it was given on. Discrimination is
 * the correlation, over those answers, of the item's score (0/1) with the share of the *other*
 * questions of the same attempt answered right: the corrected item–total correlation.
 */
async function itemCounts(actor: SessionUser, versionId: string) {
  const found = await rows<{
    assessment_id: string
    question_id: string
    choice_id: string | null
    learners: number
    correct: number | null
    discrimination: number | null
  }>(sql`
    with people as (${people(actor)}),
    counted as (
      select f.assessment_id, f.question_id, f.selected, f.correct::int::float8 as score, f.rest::float8 as rest
      from first_answers f join people p on p.id = f.user_id
      where f.lesson_version_id = ${versionId})
    select assessment_id, question_id, null::text as choice_id, count(*)::int as learners,
           sum(score)::int as correct, corr(score, rest)::float8 as discrimination
    from counted group by assessment_id, question_id
    union all
    select assessment_id, question_id, choice.id, count(*)::int, null, null
    from counted cross join lateral unnest(selected) as choice(id)
    group by assessment_id, question_id, choice.id`)
  const counts = new Map<string, ItemCounts & { picks: Record<string, number> }>()
  const key = (r: { assessment_id: string; question_id: string }) => `${r.assessment_id}\n${r.question_id}`
  for (const r of found.filter((r) => r.choice_id === null))
    counts.set(key(r), { learners: r.learners, correct: r.correct ?? 0, discrimination: r.discrimination, picks: {} })
  for (const r of found) if (r.choice_id !== null) (counts.get(key(r))?.picks ?? {})[r.choice_id] = r.learners
  return counts
}

/**
 * Everything on a lesson page but its questions, in one statement over the lesson's attempts
 * (read once; the questions' statement reads the quiz attempts, in parallel):
 *
 * - Role-plays, on one version: each learner's graded run (their first to reach an ending) by
 *   ending and final mood, the choices made in those runs per scene, and, for learners who
 *   started and never finished, the scene their latest run stands at.
 * - Completion, over every version: who started the lesson (an attempt, a reflection or a
 *   completion), who completed it, the median time from a learner's first attempt (a quiz
 *   submitted, a scenario started) to their first completion, and, of those who have not
 *   completed it, how many have not passed (finished) each quiz (scenario) yet, and tried it.
 */
async function lessonProgress(
  actor: SessionUser,
  lessonId: string,
  versionId: string,
  work: readonly { id: string; kind: 'quiz' | 'roleplay' }[],
) {
  const list = work.length
    ? sql`(values ${sql.join(
        work.map((a) => sql`(${a.id}, ${a.kind})`),
        sql`, `,
      )})`
    : sql`(select null::text, null::text where false)`
  const found = await rows<{
    kind: 'ending' | 'choice' | 'stop' | 'summary' | 'work'
    assessment_id: string | null
    key: string | null
    option_id: string | null
    n: number
    m: number | null
    x: number | null
  }>(sql`
    with people as (${people(actor)}),
    lesson_attempt as materialized (
      select a.id, a.user_id, a.assessment_id, a.kind, a.status, a.graded, a.passed, a.attempt_number,
             a.lesson_version_id, a.started_at,
             a.state->>'endingId' as ending_id, a.state->>'sceneId' as scene_id, (a.state->>'mood')::int as mood
      from attempts a join people p on p.id = a.user_id
      where a.lesson_id = ${lessonId}),
    run as (
      select id, assessment_id, ending_id, mood from lesson_attempt
      where kind = 'roleplay' and lesson_version_id = ${versionId} and status = 'submitted' and graded),
    latest as (
      select distinct on (user_id, assessment_id) user_id, assessment_id, lesson_version_id, scene_id
      from lesson_attempt
      where kind = 'roleplay' and (user_id, assessment_id) not in (
        select user_id, assessment_id from lesson_attempt where kind = 'roleplay' and status = 'submitted')
      order by user_id, assessment_id, attempt_number desc),
    activity as (select user_id, min(started_at) as at from lesson_attempt group by user_id),
    completed as (
      select c.user_id, min(c.completed_at) as at from lesson_completions c join people p on p.id = c.user_id
      where c.lesson_id = ${lessonId} group by c.user_id),
    started as (
      select user_id from activity
      union select r.user_id from reflections r join people p on p.id = r.user_id where r.lesson_id = ${lessonId}
      union select user_id from completed),
    timed as (
      select extract(epoch from c.at - a.at)::float8 as seconds
      from completed c join activity a on a.user_id = c.user_id where c.at >= a.at),
    still_open as (
      select s.user_id from started s where not exists (select 1 from completed c where c.user_id = s.user_id)),
    work(id, kind) as ${list},
    done as (
      select distinct user_id, assessment_id from lesson_attempt
      where status = 'submitted' and (kind = 'roleplay' or passed)),
    tried as (select distinct user_id, assessment_id from lesson_attempt)
    -- ending: n runs ended there with mood m
    select 'ending' as kind, assessment_id, ending_id as key, null::text as option_id, count(*)::int as n,
           coalesce(mood, 0) as m, null::float8 as x
    from run group by assessment_id, ending_id, coalesce(mood, 0)
    union all
    -- choice: n decisions for the option in the scene (key)
    select 'choice', r.assessment_id, d.scene_id, d.option_id, count(*)::int, null, null
    from roleplay_decisions d join run r on r.id = d.attempt_id group by r.assessment_id, d.scene_id, d.option_id
    union all
    -- stop: n learners who never finished stand at the scene (key)
    select 'stop', assessment_id, scene_id, null, count(*)::int, null, null
    from latest where lesson_version_id = ${versionId} group by assessment_id, scene_id
    union all
    -- summary: n started, m completed, x the median seconds; the stops' row carries the rest
    select 'summary', null, null, null, (select count(*) from started)::int, (select count(*) from completed)::int,
           (select percentile_cont(0.5) within group (order by seconds) from timed)::float8
    union all
    select 'summary', 'timed', null, null, (select count(*) from timed)::int, (select count(*) from still_open)::int,
           null
    union all
    -- work: of the learners still open, n have not passed (finished) it, m of them have tried it
    select 'work', w.id, null, null, count(*) filter (where d.user_id is null)::int,
           count(*) filter (where d.user_id is null and t.user_id is not null)::int, null
    from still_open o cross join work w
    left join done d on d.user_id = o.user_id and d.assessment_id = w.id
    left join tried t on t.user_id = o.user_id and t.assessment_id = w.id
    group by w.id`)

  const rolePlay = (rolePlayId: string): RolePlayCounts => {
    const mine = found.filter((r) => r.assessment_id === rolePlayId)
    const scenes = new Map<string, Record<string, number>>()
    for (const c of mine.filter((r) => r.kind === 'choice'))
      scenes.set(c.key ?? '', { ...scenes.get(c.key ?? ''), [c.option_id ?? '']: c.n })
    return {
      endings: mine.filter((r) => r.kind === 'ending').map((r) => ({ endingId: r.key, mood: r.m ?? 0, runs: r.n })),
      scenes: [...scenes].map(([sceneId, options]) => ({ sceneId, options })),
      stops: mine.filter((r) => r.kind === 'stop').map((r) => ({ sceneId: r.key, learners: r.n })),
    }
  }
  const summary = found.find((r) => r.kind === 'summary' && r.assessment_id === null)
  const timing = found.find((r) => r.kind === 'summary' && r.assessment_id === 'timed')
  const started = summary?.n ?? 0
  const completed = summary?.m ?? 0
  const timed = timing?.n ?? 0
  const open = timing?.m ?? 0
  return {
    rolePlay,
    completion: groupShown(started)
      ? {
          started,
          completed,
          percent: percentOf(completed, started) ?? 0,
          timed,
          // A median over fewer than five people is nearly one person's time.
          medianSeconds: groupShown(timed) ? (summary?.x ?? null) : null,
        }
      : null,
    stops: groupShown(open)
      ? {
          learners: open,
          work: work.map((a) => {
            const row = found.find((r) => r.kind === 'work' && r.assessment_id === a.id)
            return { id: a.id, kind: a.kind, notDone: row?.n ?? 0, tried: row?.m ?? 0 }
          }),
        }
      : null,
  }
}

export interface QuizInsights {
  id: string
  title: string | null
  draw: number | null
  questions: ItemStatistics[]
}

type FoundVersion = NonNullable<Awaited<ReturnType<typeof lessonVersionOf>>>

const quizzesOf = (found: FoundVersion) =>
  found.version.assessments.filter((a): a is QuizDefinition => a.kind === 'quiz')

/** Every question of the version's quizzes with its statistics, and the editor line of each. */
async function quizInsights(actor: SessionUser, found: FoundVersion) {
  const quizzes = quizzesOf(found)
  const counts = quizzes.length ? await itemCounts(actor, found.version.id) : new Map<string, ItemCounts>()
  return quizzes.map((quiz): QuizInsights => ({
    id: quiz.id,
    title: quiz.title,
    draw: quiz.draw ?? null,
    questions: quiz.questions.map((q) =>
      itemStatistics(
        q,
        counts.get(`${quiz.id}\n${q.id}`),
        sourceLine(found.version.source, 'Question', q.id, { tag: 'Quiz', id: quiz.id }),
      ),
    ),
  }))
}

/** /author/insights/<course>/<lesson>: one version's questions and role-plays, and the lesson's completion. */
export async function lessonInsights(
  actor: SessionUser,
  courseSlug: string,
  lessonSlug: string,
  version: number | null,
) {
  const found = await lessonVersionOf(courseSlug, lessonSlug, version)
  if (!found) return null
  const { lesson, version: chosen } = found
  const quizzes = quizzesOf(found)
  const rolePlays = chosen.assessments.filter((a): a is RolePlayDefinition => a.kind === 'roleplay')
  const work = [...quizzes, ...rolePlays].map((a) => ({ id: a.id, kind: a.kind }))
  // Two statements, run side by side: the questions over the quiz attempts, the rest over all.
  const [quizStatistics, progress] = await Promise.all([
    quizInsights(actor, found),
    lessonProgress(actor, lesson.id, chosen.id, work),
  ])
  const titles = new Map<string, string>([
    ...quizzes.map((q, i): [string, string] => [q.id, q.title ?? (quizzes.length > 1 ? `Quiz ${i + 1}` : 'The quiz')]),
    ...rolePlays.map((r): [string, string] => [r.id, r.title]),
  ])
  return {
    course: { slug: lesson.courseSlug, title: lesson.courseTitle },
    lesson: { slug: lesson.slug, title: chosen.title },
    version: { version: chosen.version, published: chosen.published },
    versions: found.versions,
    completion: progress.completion,
    stops: progress.stops
      ? {
          learners: progress.stops.learners,
          work: progress.stops.work.map((w) => ({ ...w, title: titles.get(w.id) ?? w.id })),
        }
      : null,
    quizzes: quizStatistics,
    rolePlays: rolePlays.map((rp): RolePlayStatistics => rolePlayStatistics(rp, progress.rolePlay(rp.id))),
  }
}

export type LessonInsights = NonNullable<Awaited<ReturnType<typeof lessonInsights>>>

/** The item statistics of one lesson version as CSV: a line per choice, the question's figures on each. */
export async function itemStatisticsCsv(
  actor: SessionUser,
  courseSlug: string,
  lessonSlug: string,
  version: number | null,
) {
  const found = await lessonVersionOf(courseSlug, lessonSlug, version)
  if (!found) return null
  const quizzes = await quizInsights(actor, found)
  const header = [
    'Course',
    'Lesson',
    'Version',
    'Quiz',
    'Question id',
    'Question',
    'Type',
    'Source line',
    'Learners (first answers)',
    'Facility %',
    'Discrimination',
    'Flags',
    'Choice id',
    'Choice',
    'Correct',
    'Picked',
    'Picked %',
  ]
  const lines = quizzes.flatMap((quiz) =>
    quiz.questions.flatMap((q) =>
      q.choices.map((c) => {
        const f = q.figures
        const picked = f?.choices.find((x) => x.id === c.id)
        return csvLine([
          found.lesson.courseSlug,
          found.lesson.slug,
          found.version.version,
          quiz.id,
          q.questionId,
          q.stem,
          q.type,
          q.line,
          f ? f.learners : `fewer than ${MIN_GROUP}`,
          f?.facility,
          f?.discrimination,
          f ? f.flags.map((flag) => flag.kind).join(' ') : 'figures hidden',
          c.id,
          c.label,
          c.correct ? 'yes' : 'no',
          picked?.picks,
          picked?.percent,
        ])
      }),
    ),
  )
  return {
    filename: `item-statistics-${found.lesson.courseSlug}-${found.lesson.slug}-v${found.version.version}.csv`,
    body: `\uFEFF${csvLine(header)}${lines.join('')}`,
  }
}
