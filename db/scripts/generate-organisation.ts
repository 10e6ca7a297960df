// npm run bench:generate — a generated organisation the size of a large customer, for
// benchmarks: 10,000 employees in 50 teams, 1,000,000 submitted attempts over the real
// content (quiz attempts with the questions they asked, role-play runs with their decisions),
// a competency record per learner and competency, lesson completions, two course assignments
// per learner and course ratings. Every table is filled set-based (insert … select …
// from generate_series), so a million attempts take under a minute, not hours of ORM calls.
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { and, asc, eq, isNotNull, isNull, sql } from 'drizzle-orm'
import { type Db, openDatabase } from '../client'
import { courses, lessonVersions, lessons, organisations } from '../schema'
import { syncContent } from '../../app/content/sync.server'
import { NOT_YET_EVIDENCED } from '../../app/domain/competency-record'
import type { RolePlayDefinition } from '../../app/domain/assessments'
import { type RunState, bestPath, choose, startState } from '../../app/domain/role-play-engine'
import { hashPassword } from '../../app/utils/password.server'

export const BENCH_ORGANISATION_SLUG = 'benchmark-org'
export const BENCH_TEAMS = 50
/** Every generated account signs in with this password; the data is only ever for benchmarks. */
export const BENCH_PASSWORD = 'servewell-bench'
export const BENCH_ADMIN_EMAIL = 'admin@benchmark.example'
export const benchManagerEmail = (team: number) => `manager-${String(team).padStart(2, '0')}@benchmark.example`

export interface GenerateOptions {
  employees: number
  attempts: number
  log?: (line: string) => void
}

export interface GeneratedOrganisation {
  organisationId: string
  counts: Record<string, number>
  seconds: number
}

export class GenerationRefused extends Error {}

// Varied names, so sorting people by name (as every list does) is not sorting by insertion order.
const FIRST_NAMES =
  'Ada,Ben,Chloé,Dev,Elif,Femi,Grace,Hiro,Ines,Jonas,Kofi,Lena,Mia,Noah,Omar,Priya,Quinn,Rosa,Sam,Tomás,Uma,Viktor,Wen,Ximena,Yusuf,Zara,Aiko,Bruno,Carmen,Dara,Emeka,Farah,Goran,Hana,Ivan,Jade,Kai,Lior,Maya,Nils'
const LAST_NAMES =
  'Abebe,Berg,Chen,Demir,Eriksen,Fischer,García,Haddad,Ito,Jensen,Kim,Lopez,Moreau,Nair,Okafor,Patel,Quispe,Reyes,Said,Tanaka,Ueda,Varga,Wójcik,Xu,Yilmaz,Zhou,Andersen,Bianchi,Costa,Dubois,Evans,Ferreira,Gupta,Horvat,Ibrahim,Jovanović,Kowalski,Lindqvist,Müller,Novak'

interface AttemptableAssessment {
  course_id: string
  lesson_id: string
  version_id: string
  assessment_id: string
  kind: 'quiz' | 'roleplay'
  possible: number
  pass_mark: number
  /** Quizzes: how many questions an attempt asks, and each question's right and wrong choices. */
  draw: number
  questions: { id: string; right: string[]; wrong: string[] }[]
  /** Role-plays: runs from start to an ending, one of which each generated run follows. */
  paths: RunPath[]
}

interface RunPath {
  decisions: { scene_id: string; option_id: string; mood_before: number; mood_after: number; points: object }[]
  state: RunState
}

/** Up to `limit` runs of a role-play from its start to an ending, every reply tried in turn (depth first). */
function runPaths(rp: RolePlayDefinition, limit = 24): RunPath[] {
  const paths: RunPath[] = []
  const walk = (state: RunState, decisions: RunPath['decisions']) => {
    if (paths.length >= limit || decisions.length > 12) return
    if (state.endingId) {
      paths.push({ decisions, state })
      return
    }
    const scene = rp.scenes.find((s) => s.id === state.sceneId)
    for (const option of scene?.options ?? []) {
      const next = choose(rp, state, { sceneId: scene!.id, optionId: option.id, step: state.step })
      const d = next.decision
      walk(next.state, [
        ...decisions,
        {
          scene_id: d.sceneId,
          option_id: d.optionId,
          mood_before: d.moodBefore,
          mood_after: d.moodAfter,
          points: d.points,
        },
      ])
    }
  }
  walk(startState(rp), [])
  return paths
}

/** The published quizzes and role-plays learners can attempt, with the points each is out of. */
async function attemptableAssessments(db: Db): Promise<AttemptableAssessment[]> {
  const rows = await db
    .select({
      courseId: lessons.courseId,
      lessonId: lessons.id,
      versionId: lessonVersions.id,
      assessments: lessonVersions.assessments,
    })
    .from(lessons)
    .innerJoin(courses, and(eq(courses.id, lessons.courseId), isNull(courses.archivedAt)))
    .innerJoin(lessonVersions, eq(lessonVersions.id, lessons.publishedVersionId))
    .where(and(isNull(lessons.archivedAt), isNotNull(lessons.publishedVersionId)))
    .orderBy(asc(courses.position), asc(lessons.position))
  return rows.flatMap((row) =>
    row.assessments.flatMap((a): AttemptableAssessment[] => {
      const base = {
        course_id: row.courseId,
        lesson_id: row.lessonId,
        version_id: row.versionId,
        assessment_id: a.id,
        draw: 0,
        questions: [],
        paths: [],
      }
      if (a.kind === 'quiz')
        return [
          {
            ...base,
            kind: a.kind,
            possible: a.questions.reduce((sum, q) => sum + q.points, 0),
            pass_mark: a.passMark,
            draw: a.draw ?? a.questions.length,
            questions: a.questions.map((q) => ({
              id: q.id,
              right: q.choices.filter((c) => c.correct).map((c) => c.id),
              wrong: q.choices.filter((c) => !c.correct).map((c) => c.id),
            })),
          },
        ]
      // A finished role-play always counts as passed, whatever path the learner took.
      if (a.kind === 'roleplay')
        return [{ ...base, kind: a.kind, possible: bestPath(a).total, pass_mark: 0, paths: runPaths(a) }]
      return []
    }),
  )
}

/**
 * Generates the organisation on a migrated database, after syncing the real content/.
 * One transaction: a failure leaves nothing behind. Refuses when it already exists (the
 * organisation's unique slug also stops two runs racing).
 */
export async function generateOrganisation(db: Db, options: GenerateOptions): Promise<GeneratedOrganisation> {
  const log = options.log ?? (() => {})
  const teamCount = BENCH_TEAMS
  const learnerCount = options.employees - 1 - teamCount
  if (learnerCount < 1)
    throw new GenerationRefused(
      `${options.employees} employees is too few: one admin and ${teamCount} managers come first.`,
    )
  const started = performance.now()
  let stepStarted = started
  const step = (label: string) => {
    const now = performance.now()
    log(`  ${label.padEnd(28)} ${((now - stepStarted) / 1000).toFixed(1)}s`)
    stepStarted = now
  }

  const [existing] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.slug, BENCH_ORGANISATION_SLUG))
  if (existing)
    throw new GenerationRefused(
      '"Benchmark Org" already exists in this database; generate into an empty database instead.',
    )
  const sync = await syncContent(db, path.resolve('content'))
  if (sync.failed.length > 0 || sync.problems.length > 0)
    throw new Error('content/ does not sync cleanly: run `npm run content:check`.')
  const assessments = await attemptableAssessments(db)
  if (assessments.length === 0) throw new Error('No published quizzes or role-plays in content/.')
  const passwordHash = await hashPassword(BENCH_PASSWORD)
  step('content sync')

  const organisationId = await db.transaction(async (tx) => {
    // random() below is seeded, so two runs of the same size generate the same shape of data.
    await tx.execute(sql`select setseed(0.2024)`)
    const [org] = await tx
      .insert(organisations)
      .values({ name: 'Benchmark Org', slug: BENCH_ORGANISATION_SLUG })
      .returning({ id: organisations.id })
    if (!org) throw new Error('organisation insert returned nothing')
    const orgId = org.id

    await tx.execute(sql`
      insert into teams (organisation_id, name)
      select ${orgId}, 'Team ' || lpad(t::text, 2, '0') from generate_series(1, ${teamCount}) t`)
    await tx.execute(sql`
      insert into users (organisation_id, email, name, role, password_hash, hired_at)
      values (${orgId}, ${BENCH_ADMIN_EMAIL}, 'Bench Admin', 'admin', ${passwordHash}, current_date - 2000)`)
    await tx.execute(sql`
      insert into users (organisation_id, email, name, role, password_hash, team_id, manager_id, hired_at)
      select ${orgId}, 'manager-' || lpad(t.n::text, 2, '0') || '@benchmark.example', 'Manager of ' || t.name, 'manager',
             ${passwordHash}, t.id, (select id from users where lower(email) = ${BENCH_ADMIN_EMAIL}), current_date - 400 - t.n::int * 11
      from (select id, name, row_number() over (order by name) as n from teams where organisation_id = ${orgId}) t`)
    // Learner i joins team 1 + i mod T, reporting to that team's manager.
    await tx.execute(sql`
      with names as (select string_to_array(${FIRST_NAMES}, ',') as first, string_to_array(${LAST_NAMES}, ',') as last),
      managed as (
        select t.id as team_id, m.id as manager_id, row_number() over (order by t.name) - 1 as n
        from teams t join users m on m.team_id = t.id and m.role = 'manager'
        where t.organisation_id = ${orgId})
      insert into users (organisation_id, email, name, role, password_hash, team_id, manager_id, hired_at)
      select ${orgId}, 'learner-' || lpad(i::text, 5, '0') || '@benchmark.example',
             names.first[1 + (i * 7) % cardinality(names.first)] || ' ' || names.last[1 + (i * 13 + i / 40) % cardinality(names.last)],
             'learner', ${passwordHash}, managed.team_id, managed.manager_id, current_date - (i * 37) % 1100
      from generate_series(1, ${learnerCount}) i
      cross join names
      join managed on managed.n = i % ${teamCount}`)
    step(`users (${options.employees})`)

    // Attempt k goes to learner k mod L, slot k div L. The slot walks the learner's
    // assessments (offset per learner) and, once round, starts the next attempt number,
    // so (user, lesson, assessment, attempt number) never repeats. A quiz attempt stores the
    // questions its draw asked, each right with the attempt's score as the chance (so
    // questions discriminate), as submitQuiz stores them; a role-play run follows one of the
    // role-play's paths, picked by the run's own hash, so its decisions can be found below.
    const assessmentsJson = JSON.stringify(assessments)
    const assessmentRows = sql`jsonb_to_recordset(${assessmentsJson}::jsonb)
          as a(course_id uuid, lesson_id uuid, version_id uuid, assessment_id text, kind assessment_kind, possible int,
               pass_mark real, draw int, questions jsonb, paths jsonb)`
    const pathOf = (attempt: string, paths: string) =>
      sql.raw(
        `${paths} -> (abs(hashtext(${attempt}.user_id::text || '/' || ${attempt}.assessment_id || '/' || ${attempt}.attempt_number)::bigint) % greatest(1, jsonb_array_length(${paths})))::int`,
      )
    await tx.execute(sql`
      with learner as (
        select id, (row_number() over (order by id) - 1)::int as n from users where organisation_id = ${orgId} and role = 'learner'),
      assessment as (
        select (row_number() over () - 1)::int as n, a.* from ${assessmentRows}),
      slot as (
        select k % ${learnerCount} as learner_n, k / ${learnerCount} as s, now() - random() * interval '365 days' as submitted_at
        from generate_series(0, ${options.attempts - 1}::bigint) k),
      scored as (
        select slot.*, a.*, learner.id as user_id, round(a.possible * power(random(), 0.35))::int as earned,
               (slot.s / ${assessments.length} + 1)::int as attempt_number
        from slot
        join learner on learner.n = slot.learner_n
        join assessment a on a.n = (slot.s + slot.learner_n) % ${assessments.length})
      insert into attempts (user_id, course_id, lesson_id, lesson_version_id, assessment_id, kind, status, attempt_number,
                            responses, state, earned, possible, passed, started_at, submitted_at)
      select user_id, course_id, lesson_id, version_id, assessment_id, kind, 'submitted', attempt_number,
             case when kind = 'quiz' then jsonb_build_object(
               'percent', case when possible > 0 then round(earned * 100.0 / possible, 1) else 0 end,
               'questions', (
                 select coalesce(jsonb_agg(jsonb_build_object(
                   'id', q.item->>'id',
                   'selected', case when q.ok then q.item->'right'
                                    else jsonb_build_array(q.item->'wrong'->>(floor(random() * jsonb_array_length(q.item->'wrong')))::int) end,
                   'correct', q.ok)), '[]'::jsonb)
                 from (select item, random() < earned::float8 / greatest(possible, 1) as ok
                       from jsonb_array_elements(scored.questions) item
                       order by random() limit scored.draw) q))
             else '{}'::jsonb end,
             case when kind = 'roleplay' then (${pathOf('scored', 'scored.paths')})->'state' end,
             earned, possible, kind = 'roleplay' or (possible > 0 and earned * 100.0 / possible >= pass_mark),
             submitted_at - interval '6 minutes', submitted_at
      from scored`)
    await tx.execute(sql`
      with assessment as (select a.* from ${assessmentRows} where a.kind = 'roleplay')
      insert into roleplay_decisions (attempt_id, step, scene_id, option_id, points, mood_before, mood_after, decided_at)
      select t.id, d.step - 1, d.x->>'scene_id', d.x->>'option_id', d.x->'points',
             (d.x->>'mood_before')::int, (d.x->>'mood_after')::int, t.submitted_at
      from attempts t
      join users u on u.id = t.user_id and u.organisation_id = ${orgId}
      join assessment a on a.lesson_id = t.lesson_id and a.assessment_id = t.assessment_id
      cross join lateral jsonb_array_elements((${pathOf('t', 'a.paths')})->'decisions') with ordinality as d(x, step)
      where t.kind = 'roleplay'`)
    // What recordFirstAnswers keeps as each quiz is submitted: every question's first graded answer.
    await tx.execute(sql`
      insert into first_answers (user_id, lesson_id, assessment_id, question_id, lesson_version_id, attempt_id, correct,
                                 selected, rest)
      select distinct on (t.user_id, t.lesson_id, t.assessment_id, q.id)
             t.user_id, t.lesson_id, t.assessment_id, q.id, t.lesson_version_id, t.id, q.correct,
             array(select jsonb_array_elements_text(q.selected)),
             case when n.asked > 1 then (n.right_answers - q.correct::int)::real / (n.asked - 1) end
      from attempts t
      join users u on u.id = t.user_id and u.organisation_id = ${orgId}
      cross join lateral (
        select count(*) as asked, count(*) filter (where x.correct) as right_answers
        from jsonb_to_recordset(t.responses->'questions') as x(correct boolean)) n
      cross join lateral jsonb_to_recordset(t.responses->'questions') as q(id text, correct boolean, selected jsonb)
      where t.kind = 'quiz' and t.graded
      order by t.user_id, t.lesson_id, t.assessment_id, q.id, t.attempt_number`)
    step(`attempts (${options.attempts})`)

    // About a quarter of cells have fewer scored items than the framework asks for, so
    // the heatmap shows "not yet evidenced" next to every real level.
    await tx.execute(sql`
      with framework as (select levels, minimum_items from competency_framework where id = 1),
      cell as (
        select u.id as user_id, c.id as competency_id, floor(random() * 12)::int as items,
               least(1, greatest(0, 0.35 + c.position * 0.05 + (random() - 0.5) * 0.7)) as ratio
        from users u cross join competencies c
        where u.organisation_id = ${orgId} and u.role = 'learner'),
      scored as (select cell.*, items * 3 as possible, round(items * 3 * ratio)::int as earned from cell)
      insert into competency_records (user_id, competency_id, earned, possible, items, score, level, updated_at)
      select user_id, competency_id, earned, possible, items,
             case when possible = 0 then null else earned::real / possible end,
             case when items < framework.minimum_items or possible = 0 then ${NOT_YET_EVIDENCED}
                  else (select l->>'id' from jsonb_array_elements(framework.levels) l
                        where (l->>'min')::real <= earned::real / possible order by (l->>'min')::real desc limit 1) end,
             now() - random() * interval '90 days'
      from scored cross join framework`)
    step('competency records')

    // Each learner is some way through each course, lessons in order; finishing it is
    // more likely than uniform so that a realistic share of assignments is complete.
    await tx.execute(sql`
      with lesson as (
        select l.id, l.course_id, l.published_version_id,
               row_number() over (partition by l.course_id order by l.position) as pos,
               count(*) over (partition by l.course_id) as total
        from lessons l join courses c on c.id = l.course_id and c.archived_at is null
        where l.archived_at is null and l.published_version_id is not null),
      progress as (
        select u.id as user_id, c.course_id, least(c.total, floor(random() * (c.total + 3)))::int as done
        from users u cross join (select distinct course_id, total from lesson) c
        where u.organisation_id = ${orgId} and u.role = 'learner')
      insert into lesson_completions (user_id, lesson_version_id, lesson_id, completed_at)
      select p.user_id, l.published_version_id, l.id, now() - random() * interval '200 days'
      from progress p join lesson l on l.course_id = p.course_id and l.pos <= p.done`)
    step('lesson completions')

    // Two courses per learner: the first through onboarding, the second as their team's
    // standing assignment. Due dates run from two months ago to two months ahead.
    await tx.execute(sql`
      insert into team_assignments (organisation_id, team_id, course_id, due_date, assigned_by_id, created_at)
      select ${orgId}, t.id, c.id, current_date + 30, m.id, now() - interval '30 days'
      from teams t
      join users m on m.team_id = t.id and m.role = 'manager'
      cross join (select id from courses where archived_at is null order by position offset 1 limit 1) c
      where t.organisation_id = ${orgId}`)
    await tx.execute(sql`
      with course as (select id, (row_number() over (order by position) - 1)::int as n, count(*) over () as total from courses where archived_at is null),
      learner as (select id, team_id, (row_number() over (order by id) - 1)::int as n from users where organisation_id = ${orgId} and role = 'learner'),
      pick as (
        select learner.id as user_id, learner.team_id, course.id as course_id, current_date + (floor(random() * 121) - 60)::int as due_date
        from learner cross join generate_series(0, 1) j
        join course on course.n = (learner.n + j) % course.total)
      insert into assignments (organisation_id, user_id, course_id, due_date, source, team_assignment_id, created_at, updated_at)
      select ${orgId}, pick.user_id, pick.course_id, pick.due_date,
             case when ta.id is null then 'onboarding' else 'team' end::assignment_source, ta.id,
             pick.due_date - 30, pick.due_date - 30
      from pick left join team_assignments ta on ta.team_id = pick.team_id and ta.course_id = pick.course_id
      on conflict do nothing`)
    // Complete exactly where every published lesson of the course is done, as
    // refreshAssignmentCompletion would have marked it.
    await tx.execute(sql`
      with total as (
        select course_id, count(*) as n from lessons
        where archived_at is null and published_version_id is not null group by course_id),
      done as (
        select lc.user_id, l.course_id, count(*) as n, max(lc.completed_at) as last
        from lesson_completions lc join lessons l on l.id = lc.lesson_id
        join users u on u.id = lc.user_id and u.organisation_id = ${orgId}
        group by lc.user_id, l.course_id)
      update assignments a set completed_at = done.last
      from done join total on total.course_id = done.course_id and total.n = done.n
      where a.user_id = done.user_id and a.course_id = done.course_id and a.lesson_id is null`)
    step('assignments')

    // Most learners who finished a course rate it (0–10), a third of them with a comment.
    await tx.execute(sql`
      with total as (
        select course_id, count(*) as n from lessons
        where archived_at is null and published_version_id is not null group by course_id),
      done as (
        select lc.user_id, l.course_id, count(*) as n, max(lc.completed_at) as last
        from lesson_completions lc join lessons l on l.id = lc.lesson_id
        join users u on u.id = lc.user_id and u.organisation_id = ${orgId}
        group by lc.user_id, l.course_id)
      insert into course_feedback (user_id, course_id, score, comment, created_at, updated_at)
      select done.user_id, done.course_id, least(10, floor(3 + random() * 8.5))::int,
             case when random() < 0.33 then (array['Clear and practical.', 'The role-plays felt real.',
               'Too long for a busy week.', 'I use the callback rule every day.', 'Some questions were confusing.'])[1 + floor(random() * 5)::int] end,
             done.last, done.last
      from done join total on total.course_id = done.course_id
      where done.n = total.n and random() < 0.7`)
    step('course ratings')
    return orgId
  })

  // What autovacuum would have done on a live database: statistics, so the planner does
  // not guess at a million rows, and the visibility map, so index-only scans stay so.
  await db.execute(sql`vacuum (analyze)`)
  step('vacuum analyze')

  // Tables without an organisation column belong to it through their user.
  const countByUser = (table: string, condition = sql``) =>
    sql<number>`(select count(*) from ${sql.raw(table)} t join users u on u.id = t.user_id where u.organisation_id = ${organisationId} ${condition})::int`
  const [counts] = await db
    .select({
      teams: sql<number>`(select count(*) from teams where organisation_id = ${organisationId})::int`,
      employees: sql<number>`(select count(*) from users where organisation_id = ${organisationId})::int`,
      managers: sql<number>`(select count(*) from users where organisation_id = ${organisationId} and role = 'manager')::int`,
      attempts: countByUser('attempts'),
      competencyRecords: countByUser('competency_records'),
      notYetEvidenced: countByUser('competency_records', sql`and t.level = ${NOT_YET_EVIDENCED}`),
      lessonCompletions: countByUser('lesson_completions'),
      roleplayDecisions: sql<number>`(select count(*) from roleplay_decisions d join attempts t on t.id = d.attempt_id
        join users u on u.id = t.user_id where u.organisation_id = ${organisationId})::int`,
      courseRatings: countByUser('course_feedback'),
      assignments: sql<number>`(select count(*) from assignments where organisation_id = ${organisationId})::int`,
      completed: sql<number>`(select count(*) from assignments where organisation_id = ${organisationId} and completed_at is not null)::int`,
      overdue: sql<number>`(select count(*) from assignments
        where organisation_id = ${organisationId} and completed_at is null and due_date < current_date)::int`,
    })
    .from(organisations)
    .where(eq(organisations.id, organisationId))
  return { organisationId, counts: counts ?? {}, seconds: (performance.now() - started) / 1000 }
}

export function sizeFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  defaults: { employees: number; attempts: number } = { employees: 10_000, attempts: 1_000_000 },
) {
  const count = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback)
    if (!Number.isInteger(value) || value < 1)
      throw new GenerationRefused(`${name} must be a positive whole number, not "${env[name]}".`)
    return value
  }
  return {
    employees: count('BENCH_EMPLOYEES', defaults.employees),
    attempts: count('BENCH_ATTEMPTS', defaults.attempts),
  }
}

async function main() {
  const url = process.env.DATABASE_URL
  if (!url || !/^postgres(ql)?:\/\//.test(url))
    throw new GenerationRefused(
      'Set DATABASE_URL to a PostgreSQL database to generate into, e.g.\n  DATABASE_URL=postgres://postgres@127.0.0.1:5432/servewell_bench npm run bench:generate\n' +
        'It creates "Benchmark Org" there: 10,000 accounts with a published password, so never a production database.',
    )
  if (process.env.NODE_ENV === 'production')
    throw new GenerationRefused('Refusing with NODE_ENV=production: every generated account has a published password.')
  const size = sizeFromEnv()
  const handle = await openDatabase({ kind: 'postgres', url, maxConnections: 2 })
  try {
    await handle.migrate()
    console.log(`Generating "Benchmark Org": ${size.employees} employees, ${size.attempts} attempts…`)
    const result = await generateOrganisation(handle.db, { ...size, log: console.log })
    for (const [table, n] of Object.entries(result.counts)) console.log(`  ${table.padEnd(20)} ${n}`)
    console.log(`Done in ${result.seconds.toFixed(1)}s. Every account's password: ${BENCH_PASSWORD}`)
  } finally {
    await handle.close()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    // A failed statement's message is the SQL; PostgreSQL's reason is in its cause.
    const cause = error instanceof Error && error.cause instanceof Error ? `\n${error.cause.message}` : ''
    console.error(error instanceof Error ? `${error.message}${cause}` : error)
    process.exitCode = 1
  })
}
