import fs from 'node:fs'
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { asc, eq, isNull } from 'drizzle-orm'
import { lessonDrafts, lessonVersions, lessons, users } from '#db/schema'
import { seedDemoOrganisation } from '#db/seed'
import { pullContent } from '~/content/pull.server'
import { syncContent } from '~/content/sync.server'
import { Refusal } from '~/domain/refusal'
import {
  UnpublishableDraft,
  approveDraft,
  createLesson,
  moveInCourse,
  openLesson,
  publishDraft,
  requestReview,
  restoreVersion,
  saveDraft,
  setPublishNeedsReview,
} from '~/models/studio.server'
import { copyContent } from '../support/content'
import { useTestDatabase } from '../support/database'
import { snapshotRows } from '../support/db-snapshot'

// The trainer's studio: drafts per trainer, publishing through the full check, history, and
// living beside content/ files without either side losing work.
const database = useTestDatabase()
const content = copyContent()
afterAll(() => content.remove())
const db = () => database.handle.db
const AT = { courseSlug: 'demo-course', lessonSlug: 'welcome' }
let trainer = ''
let admin = ''

beforeAll(async () => {
  await seedDemoOrganisation(db())
  expect((await syncContent(db(), content.dir)).failed).toEqual([])
  const id = async (email: string) =>
    (await db().select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id
  trainer = await id('trainer@example.com')
  admin = await id('admin@example.com')
})

async function versions(slug = 'welcome') {
  return db()
    .select({
      version: lessonVersions.version,
      origin: lessonVersions.origin,
      title: lessonVersions.title,
      published: lessons.publishedVersionId,
      id: lessonVersions.id,
    })
    .from(lessonVersions)
    .innerJoin(lessons, eq(lessons.id, lessonVersions.lessonId))
    .where(eq(lessons.slug, slug))
    .orderBy(asc(lessonVersions.version))
}
const published = async (slug = 'welcome') => (await versions(slug)).find((v) => v.id === v.published)
const retitled = (source: string, title: string) => source.replace(/^title: .*$/m, `title: ${title}`)

async function draftOf(userId: string, source: string) {
  const opened = await openLesson(userId, AT.courseSlug, AT.lessonSlug)
  return saveDraft(userId, AT, { source, revision: opened.revision, problemCount: 0 })
}

describe('the studio', () => {
  it('refuses to publish a draft with problems, and changes nothing', async () => {
    const opened = await openLesson(trainer, AT.courseSlug, AT.lessonSlug)
    const broken = `${opened.source}\n<Widget />\n`
    const { revision } = await saveDraft(trainer, AT, { source: broken, revision: opened.revision, problemCount: 1 })
    const before = await snapshotRows(db())
    const refused = await publishDraft(trainer, AT, { revision }).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(UnpublishableDraft)
    expect((refused as UnpublishableDraft).status).toBe(422)
    expect((refused as UnpublishableDraft).problems[0]).toMatchObject({
      file: 'welcome.mdx',
      message: expect.stringMatching(/Widget/),
    })
    expect(await snapshotRows(db())).toEqual(before)
  })

  it('publishes a draft as the next version, made in the studio, once however often it is clicked', async () => {
    const opened = await openLesson(trainer, AT.courseSlug, AT.lessonSlug)
    const { revision } = await saveDraft(trainer, AT, {
      source: retitled((await openLesson(admin, AT.courseSlug, AT.lessonSlug)).source, 'Welcome, from the studio'),
      revision: opened.revision,
      problemCount: 0,
    })
    const results = await Promise.allSettled([1, 2, 3].map(() => publishDraft(trainer, AT, { revision })))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    for (const r of results) if (r.status === 'rejected') expect((r.reason as Refusal).status).toBe(409)
    expect(await published()).toMatchObject({ version: 2, origin: 'studio', title: 'Welcome, from the studio' })
    expect(await db().select().from(lessonDrafts).where(eq(lessonDrafts.userId, trainer))).toEqual([])
  })

  it('refuses a save from a stale tab instead of replacing the newer draft', async () => {
    const first = await draftOf(
      admin,
      retitled((await openLesson(admin, AT.courseSlug, AT.lessonSlug)).source, 'Tab one'),
    )
    await saveDraft(admin, AT, { source: 'tab one, later', revision: first.revision, problemCount: 0 })
    const stale = await saveDraft(admin, AT, { source: 'tab two', revision: first.revision, problemCount: 0 }).catch(
      (e: unknown) => e,
    )
    expect((stale as Refusal).status).toBe(409)
    expect((await openLesson(admin, AT.courseSlug, AT.lessonSlug)).source).toBe('tab one, later')
    // The other trainer is told someone else has a draft.
    expect((await openLesson(trainer, AT.courseSlug, AT.lessonSlug)).others.map((o) => o.author)).toHaveLength(1)
    await db().delete(lessonDrafts).where(eq(lessonDrafts.userId, admin))
  })

  it('restores an older version as a new one, and refuses to restore the text already published', async () => {
    const first = (await versions())[0]!
    const restored = await restoreVersion(trainer, AT, first.id)
    expect(restored.version).toBe(3)
    expect(await published()).toMatchObject({ version: 3, origin: 'studio', title: first.title })
    expect(((await restoreVersion(trainer, AT, first.id).catch((e: unknown) => e)) as Refusal).status).toBe(409)
  })

  it('reports a sync conflict when the file and the studio both changed, and writes nothing', async () => {
    // The studio publishes, then someone edits the file too.
    await draftOf(trainer, retitled((await openLesson(trainer, AT.courseSlug, AT.lessonSlug)).source, 'Studio edit'))
    await publishDraft(trainer, AT, { revision: (await openLesson(trainer, AT.courseSlug, AT.lessonSlug)).revision })
    const file = content.lessonPath('demo-course', 'welcome')
    fs.writeFileSync(file, retitled(fs.readFileSync(file, 'utf8'), 'File edit'))
    const before = await snapshotRows(db())
    const report = await syncContent(db(), content.dir)
    expect(report.conflicts).toEqual(['demo-course/welcome'])
    expect(report.newVersions).toEqual([])
    expect(await snapshotRows(db())).toEqual(before)
    expect((await published())?.title).toBe('Studio edit')
    // Told to, sync publishes the file over it; the studio version stays in the history.
    expect((await syncContent(db(), content.dir, { preferFiles: true })).newVersions).toEqual(['demo-course/welcome'])
    expect(await published()).toMatchObject({ origin: 'file', title: 'File edit' })
    expect((await versions()).some((v) => v.title === 'Studio edit')).toBe(true)
  })

  it('pulls studio versions back to files that content:check accepts and sync finds unchanged, new lessons included', async () => {
    await draftOf(trainer, retitled((await openLesson(trainer, AT.courseSlug, AT.lessonSlug)).source, 'Pulled'))
    await publishDraft(trainer, AT, { revision: (await openLesson(trainer, AT.courseSlug, AT.lessonSlug)).revision })
    const made = await createLesson(trainer, {
      courseSlug: 'demo-course',
      moduleSlug: 'practice',
      slug: 'made-in-studio',
    })
    const opened = await openLesson(trainer, made.courseSlug, made.slug)
    expect(opened.published).toBeNull()
    await publishDraft(trainer, { courseSlug: made.courseSlug, lessonSlug: made.slug }, { revision: opened.revision })

    const report = await pullContent(db(), content.dir)
    expect(report.written.sort()).toEqual(['demo-course/made-in-studio', 'demo-course/welcome'])
    expect(report.listed).toEqual(['demo-course/made-in-studio'])
    expect(fs.readFileSync(content.lessonPath('demo-course', 'welcome'), 'utf8')).toMatch(/^title: Pulled$/m)
    expect(fs.readFileSync(path.join(content.dir, 'courses/demo-course/course.yml'), 'utf8')).toMatch(
      /lessons: \[\s*listening,\s*made-in-studio\s*\]/,
    )
    const check = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/content-check.ts', content.lessonPath('demo-course', 'made-in-studio')],
      {
        encoding: 'utf8',
        env: { ...process.env, CONTENT_DIR: content.dir },
      },
    )
    expect(check.stdout).toContain('1 lesson file(s) OK.')
    const before = await snapshotRows(db())
    const sync = await syncContent(db(), content.dir)
    expect(sync.newVersions).toEqual([])
    expect(sync.conflicts).toEqual([])
    expect(await snapshotRows(db())).toEqual(before)
    expect((await pullContent(db(), content.dir)).written).toEqual([])
  })

  it('keeps a studio reordering through sync, writes it to course.yml on pull, and reports a course.yml changed on both sides', async () => {
    const order = async () =>
      (
        await db()
          .select({ slug: lessons.slug })
          .from(lessons)
          .where(isNull(lessons.archivedAt))
          .orderBy(asc(lessons.position))
      ).map((l) => l.slug)
    const start = await order()
    expect(start.slice(0, 2)).toEqual(['welcome', 'promises'])
    expect(
      (await moveInCourse({ courseSlug: 'demo-course', kind: 'lesson', slug: 'promises', direction: 'up' })).moved,
    ).toBe(true)
    expect(
      (await moveInCourse({ courseSlug: 'demo-course', kind: 'lesson', slug: 'promises', direction: 'up' })).moved,
    ).toBe(false)
    expect(
      (await moveInCourse({ courseSlug: 'demo-course', kind: 'module', slug: 'practice', direction: 'up' })).moved,
    ).toBe(true)
    const studioOrder = await order()
    // The practice module now comes first; within basics, promises before welcome.
    expect(studioOrder).toEqual(['listening', 'made-in-studio', 'promises', 'welcome'])

    // An unchanged course.yml leaves the studio's order alone.
    await syncContent(db(), content.dir)
    expect(await order()).toEqual(studioOrder)

    // Edited on both sides: the studio's order stands, and the conflict is reported.
    const courseFile = path.join(content.dir, 'courses/demo-course/course.yml')
    const original = fs.readFileSync(courseFile, 'utf8')
    fs.writeFileSync(courseFile, original.replace('title: Demo Course', 'title: Demo Course, edited'))
    expect((await syncContent(db(), content.dir)).conflicts).toContain('demo-course/course.yml')
    expect(await order()).toEqual(studioOrder)
    fs.writeFileSync(courseFile, original)

    await pullContent(db(), content.dir)
    const written = fs.readFileSync(courseFile, 'utf8')
    expect(written.indexOf('id: practice')).toBeLessThan(written.indexOf('id: basics'))
    expect(written).toMatch(/lessons: \[\s*promises,\s*welcome\s*\]/)
    const sync = await syncContent(db(), content.dir)
    expect(sync.conflicts).toEqual([])
    expect(await order()).toEqual(studioOrder)
  })

  it('with review required, publishes only what another trainer or an admin approved, unchanged since asked', async () => {
    const [org] = await db().select({ id: users.organisationId }).from(users).where(eq(users.id, trainer))
    await setPublishNeedsReview({ id: admin, organisationId: org!.id }, true)
    try {
      const source = retitled((await openLesson(trainer, AT.courseSlug, AT.lessonSlug)).source, 'Reviewed')
      const { revision } = await draftOf(trainer, source)
      expect(((await publishDraft(trainer, AT, { revision }).catch((e: unknown) => e)) as Refusal).status).toBe(409)
      await requestReview(trainer, AT, { revision })
      expect((await openLesson(admin, AT.courseSlug, AT.lessonSlug)).reviews.map((r) => r.authorId)).toEqual([trainer])
      expect(
        ((await approveDraft(trainer, AT, { authorId: trainer, revision }).catch((e: unknown) => e)) as Refusal).status,
      ).toBe(403)

      // An edit after asking withdraws the request.
      const edited = await saveDraft(trainer, AT, { source: `${source}\nMore.\n`, revision, problemCount: 0 })
      expect(
        (
          (await approveDraft(admin, AT, { authorId: trainer, revision: edited.revision }).catch(
            (e: unknown) => e,
          )) as Refusal
        ).status,
      ).toBe(409)
      await requestReview(trainer, AT, { revision: edited.revision })
      const approved = await approveDraft(admin, AT, { authorId: trainer, revision: edited.revision })
      const [version] = await db()
        .select({
          createdBy: lessonVersions.createdBy,
          approvedBy: lessonVersions.approvedBy,
          title: lessonVersions.title,
        })
        .from(lessonVersions)
        .where(eq(lessonVersions.id, approved.id))
      expect(version).toEqual({ createdBy: trainer, approvedBy: admin, title: 'Reviewed' })
      expect(
        (
          (await approveDraft(admin, AT, { authorId: trainer, revision: edited.revision }).catch(
            (e: unknown) => e,
          )) as Refusal
        ).status,
      ).toBe(409)
    } finally {
      await setPublishNeedsReview({ id: admin, organisationId: org!.id }, false)
    }
  })

  it('refuses a lesson name that is taken or malformed, and a module that does not exist', async () => {
    const taken = await createLesson(trainer, {
      courseSlug: 'demo-course',
      moduleSlug: 'basics',
      slug: 'welcome',
    }).catch((e: unknown) => e)
    expect((taken as Refusal).fieldErrors.slug).toBeDefined()
    const malformed = await createLesson(trainer, {
      courseSlug: 'demo-course',
      moduleSlug: 'basics',
      slug: 'Bad Name',
    }).catch((e: unknown) => e)
    expect((malformed as Refusal).fieldErrors.slug).toBeDefined()
    const nowhere = await createLesson(trainer, { courseSlug: 'demo-course', moduleSlug: 'nope', slug: 'fine' }).catch(
      (e: unknown) => e,
    )
    expect((nowhere as Refusal).fieldErrors.module).toBeDefined()
  })
})
