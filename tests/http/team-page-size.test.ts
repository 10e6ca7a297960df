import path from 'node:path'
import { asc, eq, isNotNull } from 'drizzle-orm'
import {
  assignments,
  attempts,
  competencies,
  competencyRecords,
  courses,
  lessonVersions,
  lessons,
  teams,
  users,
} from '#db/schema'
import { seedDemoOrganisation } from '#db/seed'
import { syncContent } from '~/content/sync.server'
import { NOT_YET_EVIDENCED } from '~/domain/competency-record'
import { addDays, isoDate } from '~/domain/calendar'
import { useAppServer } from '../support/app-server'
import { useTestDatabase } from '../support/database'
import { sessionCookieFor } from '../support/requests'

// The team page as its HTML grows with the team (issue 14, decision 007). Every person has a
// level in each of the real content's competencies, an overdue course, an unstarted lesson and
// a quiz failed twice, so every list on the page grows with the team. A page shows 50 people;
// a person on it costs a heatmap row and a table row, and a person beyond it almost nothing:
// the lists send their first rows and a count, not everyone.
const database = useTestDatabase()
const app = useAppServer()
const db = () => database.handle.db

/** Bytes a person shown on the page may add: their heatmap row and People row, markup and data. */
const PER_PERSON_SHOWN = 2_000
/** Bytes a person beyond the page may add: the counts' digits, nothing per person. */
const PER_PERSON_BEYOND = 50

const sizes = { quarter: 25, page: 50, large: 200 } as const
const teamIds: Record<string, string> = {}
let cookie = ''

beforeAll(async () => {
  await seedDemoOrganisation(db())
  expect((await syncContent(db(), path.resolve('content'))).failed).toEqual([])
  const [admin] = await db().select().from(users).where(eq(users.email, 'admin@example.com'))
  const organisationId = admin!.organisationId
  cookie = await sessionCookieFor('admin@example.com')

  const competencyIds = (await db().select({ id: competencies.id }).from(competencies)).map((c) => c.id)
  const courseRows = await db().select().from(courses).orderBy(asc(courses.position))
  const [quizLesson] = (
    await db()
      .select({ lesson: lessons, assessments: lessonVersions.assessments })
      .from(lessons)
      .innerJoin(lessonVersions, eq(lessonVersions.id, lessons.publishedVersionId))
      .where(isNotNull(lessons.publishedVersionId))
      .orderBy(asc(lessons.position))
  ).filter((l) => l.lesson.courseId === courseRows[0]!.id && l.assessments.some((a) => a.kind === 'quiz'))
  const [otherLesson] = await db().select().from(lessons).where(eq(lessons.courseId, courseRows[1]!.id))
  const quizId = quizLesson!.assessments.find((a) => a.kind === 'quiz')!.id
  const today = isoDate(new Date())
  const levels = ['developing', 'proficient', 'exemplary', NOT_YET_EVIDENCED]

  for (const [label, size] of Object.entries(sizes)) {
    const [team] = await db()
      .insert(teams)
      .values({ organisationId, name: `Size ${label}` })
      .returning()
    teamIds[label] = team!.id
    const people = await db()
      .insert(users)
      .values(
        Array.from({ length: size }, (_, i) => ({
          organisationId,
          teamId: team!.id,
          email: `${label}-${i}@example.com`,
          name: `Person ${label} ${String(i).padStart(3, '0')}`,
          passwordHash: 'not-for-signing-in',
        })),
      )
      .returning({ id: users.id })
    await db()
      .insert(competencyRecords)
      .values(
        people.flatMap((p, i) =>
          competencyIds.map((competencyId, c) => {
            const level = levels[(i + c) % levels.length]!
            const evidenced = level !== NOT_YET_EVIDENCED
            return {
              userId: p.id,
              competencyId,
              earned: evidenced ? 7 : 0,
              possible: evidenced ? 10 : 0,
              items: evidenced ? 3 : 0,
              score: evidenced ? 0.7 : null,
              level,
            }
          }),
        ),
      )
    await db()
      .insert(assignments)
      .values(
        people.flatMap(
          (p) =>
            [
              {
                organisationId,
                userId: p.id,
                courseId: courseRows[0]!.id,
                dueDate: addDays(today, -3),
                source: 'direct',
              },
              {
                organisationId,
                userId: p.id,
                courseId: courseRows[1]!.id,
                lessonId: otherLesson!.id,
                dueDate: addDays(today, 10),
                source: 'direct',
              },
            ] as const,
        ),
      )
    await db()
      .insert(attempts)
      .values(
        people.flatMap((p) =>
          [1, 2].map((attemptNumber) => ({
            userId: p.id,
            courseId: courseRows[0]!.id,
            lessonId: quizLesson!.lesson.id,
            lessonVersionId: quizLesson!.lesson.publishedVersionId!,
            assessmentId: quizId,
            kind: 'quiz' as const,
            status: 'submitted' as const,
            attemptNumber,
            passed: false,
            submittedAt: new Date(),
          })),
        ),
      )
  }
})

async function teamPage(label: keyof typeof sizes, query = '') {
  const response = await fetch(`${app.url}/team?team=${teamIds[label]}${query}`, { headers: { Cookie: cookie } })
  expect(response.status).toBe(200)
  const html = await response.text()
  const heatmap = /<table[^>]*data-testid="heatmap"[\s\S]*?<\/table>/.exec(html)?.[0] ?? ''
  const people = /<table[^>]*data-testid="people"[\s\S]*?<\/table>/.exec(html)?.[0] ?? ''
  const listed = (testId: string) =>
    (new RegExp(`data-testid="${testId}"[\\s\\S]*?</ul>`).exec(html)?.[0].match(/<li\b/g) ?? []).length
  return {
    bytes: Buffer.byteLength(html),
    html,
    heatmapRows: (heatmap.match(/<tr\b/g) ?? []).length - 1,
    peopleRows: (people.match(/<tr\b/g) ?? []).length - 1,
    overdue: listed('overdue'),
    stuck: listed('stuck'),
  }
}

describe('the team page as the team grows', () => {
  it('shows 50 people a page in the heatmap and the People table, the long lists their first 20', async () => {
    const first = await teamPage('large')
    expect(first).toMatchObject({ heatmapRows: 50, peopleRows: 50, overdue: 20, stuck: 20 })
    expect(first.html).toContain('Showing 1–50 of 200')
    expect(first.html).toContain('Showing 20 of 200')
    const last = await teamPage('large', '&page=4')
    expect(last).toMatchObject({ heatmapRows: 50, peopleRows: 50 })
    expect(last.html).toContain('Showing 151–200 of 200')
  })

  it('costs a bounded number of bytes per person shown, and next to none per person beyond the page', async () => {
    const quarter = await teamPage('quarter')
    const page = await teamPage('page')
    const large = await teamPage('large')
    // The lists are full (20 rows) from 25 people on, so from there a page grows by its rows only.
    const perShown = (page.bytes - quarter.bytes) / (sizes.page - sizes.quarter)
    const perBeyond = (large.bytes - page.bytes) / (sizes.large - sizes.page)
    expect(perShown, `${Math.round(perShown)} bytes per person shown`).toBeLessThan(PER_PERSON_SHOWN)
    expect(perBeyond, `${Math.round(perBeyond)} bytes per person beyond the page`).toBeLessThan(PER_PERSON_BEYOND)
    expect(large.bytes).toBeLessThan(250_000)
  })
})
