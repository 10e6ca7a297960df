import fs from 'node:fs'
import { asc, eq, sql } from 'drizzle-orm'
import { competencies, courses, lessonCompletions, lessonVersions, lessons, principles, users } from '#db/schema'
import { seedDemoOrganisation } from '#db/seed'
import { syncContent } from '~/content/sync.server'
import { markLessonComplete } from '~/models/courses.server'
import { copyContent } from '../support/content'
import { useTestDatabase } from '../support/database'

const database = useTestDatabase()
const content = copyContent()
afterAll(() => content.remove())

const db = () => database.handle.db
async function versionsOf(slug: string) {
  return db()
    .select({
      id: lessonVersions.id,
      version: lessonVersions.version,
      title: lessonVersions.title,
      published: lessons.publishedVersionId,
    })
    .from(lessonVersions)
    .innerJoin(lessons, eq(lessons.id, lessonVersions.lessonId))
    .where(eq(lessons.slug, slug))
    .orderBy(asc(lessonVersions.version))
}
async function rowCounts() {
  const count = async (table: typeof lessonVersions | typeof lessons | typeof courses) =>
    (
      await db()
        .select({ n: sql<number>`count(*)::int` })
        .from(table)
    )[0]?.n
  return { versions: await count(lessonVersions), lessons: await count(lessons), courses: await count(courses) }
}

describe('content sync', () => {
  it('loads competencies, principles, the course and a first version of every lesson', async () => {
    const report = await syncContent(db(), content.dir)
    expect(report.failed).toEqual([])
    expect(report.newVersions.sort()).toEqual(['demo-course/listening', 'demo-course/promises', 'demo-course/welcome'])
    expect((await db().select().from(competencies)).map((c) => c.id).sort()).toEqual(['attentiveness', 'ownership'])
    expect((await db().select().from(principles)).find((p) => p.id === 'precise-commitments')?.competencyId).toBe(
      'ownership',
    )
    const [course] = await db().select().from(courses)
    expect(course).toMatchObject({ slug: 'demo-course', retakePolicy: 'best', title: 'Demo Course' })
    const [v] = await versionsOf('promises')
    expect(v?.version).toBe(1)
    expect(v?.published).toBe(v?.id)
  })

  it('changes nothing when synced again', async () => {
    const before = await rowCounts()
    const versionsBefore = await versionsOf('promises')
    const report = await syncContent(db(), content.dir)
    expect(report.newVersions).toEqual([])
    expect(report.unchanged).toHaveLength(3)
    expect(await rowCounts()).toEqual(before)
    expect(await versionsOf('promises')).toEqual(versionsBefore)
  })

  it('adds a new version for an edited lesson, while completions keep pointing at the version they were made on', async () => {
    await seedDemoOrganisation(db())
    const [learner] = await db().select().from(users).where(eq(users.email, 'learner@example.com'))
    const [welcomeV1] = await versionsOf('welcome')
    if (!learner || !welcomeV1) throw new Error('setup')
    await markLessonComplete(learner.id, 'demo-course', 'welcome', welcomeV1.id)

    const file = content.lessonPath('demo-course', 'welcome')
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('title: Welcome', 'title: Welcome aboard'))
    const report = await syncContent(db(), content.dir)
    expect(report.newVersions).toEqual(['demo-course/welcome'])
    const versions = await versionsOf('welcome')
    expect(versions.map((v) => [v.version, v.title])).toEqual([
      [1, 'Welcome'],
      [2, 'Welcome aboard'],
    ])
    expect(versions[1]?.published).toBe(versions[1]?.id)
    const [completion] = await db().select().from(lessonCompletions).where(eq(lessonCompletions.userId, learner.id))
    expect(completion?.lessonVersionId).toBe(welcomeV1.id)

    expect((await syncContent(db(), content.dir)).newVersions).toEqual([])
  })

  it('keeps the published version when an edited lesson fails to compile', async () => {
    const before = await versionsOf('promises')
    const file = content.lessonPath('demo-course', 'promises')
    const good = fs.readFileSync(file, 'utf8')
    fs.writeFileSync(file, `${good}\n{process.env.SESSION_SECRET}\n`)
    const report = await syncContent(db(), content.dir)
    expect(report.failed.map((f) => f.lesson)).toEqual(['demo-course/promises'])
    expect(report.failed[0]?.problems[0]?.message).toMatch(/process\.env\.SESSION_SECRET/)
    expect(await versionsOf('promises')).toEqual(before)
    fs.writeFileSync(file, good)
  })

  it('keeps the published version, and syncs the rest, when a lesson’s front matter is a YAML alias bomb', async () => {
    const before = await versionsOf('promises')
    const file = content.lessonPath('demo-course', 'promises')
    const good = fs.readFileSync(file, 'utf8')
    const bomb = fs
      .readFileSync('tests/fixtures/unsafe/yaml-alias-bomb.mdx', 'utf8')
      .match(/^a: [\s\S]*?\n(?=---)/m)![0]
    fs.writeFileSync(file, good.replace(/\n---\n/, `\n${bomb}---\n`))
    try {
      const report = await syncContent(db(), content.dir)
      expect(report.failed.map((f) => f.lesson)).toEqual(['demo-course/promises'])
      expect(report.failed[0]?.problems[0]?.message).toMatch(/aliases that expand too far/)
      expect(report.unchanged.length + report.newVersions.length).toBe(2)
      expect(await versionsOf('promises')).toEqual(before)
    } finally {
      fs.writeFileSync(file, good)
    }
  })

  it('publishes an earlier version again when a file is reverted, without duplicating it', async () => {
    const file = content.lessonPath('demo-course', 'welcome')
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('title: Welcome aboard', 'title: Welcome'))
    await syncContent(db(), content.dir)
    const versions = await versionsOf('welcome')
    expect(versions).toHaveLength(2)
    expect(versions[0]?.published).toBe(versions[0]?.id)
  })

  it('archives a lesson removed from course.yml instead of deleting it', async () => {
    const courseFile = `${content.dir}/courses/demo-course/course.yml`
    const original = fs.readFileSync(courseFile, 'utf8')
    fs.writeFileSync(courseFile, original.replace('lessons: [welcome, promises]', 'lessons: [welcome]'))
    fs.renameSync(content.lessonPath('demo-course', 'promises'), `${content.dir}/promises.mdx.bak`)
    await syncContent(db(), content.dir)
    const [promises] = await db().select().from(lessons).where(eq(lessons.slug, 'promises'))
    expect(promises?.archivedAt).not.toBeNull()
    expect(await versionsOf('promises')).toHaveLength(1)
    fs.writeFileSync(courseFile, original)
    fs.renameSync(`${content.dir}/promises.mdx.bak`, content.lessonPath('demo-course', 'promises'))
    await syncContent(db(), content.dir)
    const [restored] = await db().select().from(lessons).where(eq(lessons.slug, 'promises'))
    expect(restored?.archivedAt).toBeNull()
  })
})
