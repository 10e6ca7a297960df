import { eq } from 'drizzle-orm'
import { lessonCompletions, lessonVersions, lessons } from '#db/schema'
import { seedDemoOrganisation } from '#db/seed'
import { syncContent } from '~/content/sync.server'
import { action as previewAction, loader as previewLoader } from '~/routes/author.preview'
import { loader as courseLoader } from '~/routes/courses.$course._index'
import { action as lessonAction, loader as lessonLoader } from '~/routes/courses.$course.$lesson/route'
import { loader as coursesLoader } from '~/routes/courses._index'
import { useTestDatabase } from '../support/database'
import { formRequest, getRequest, jsonOf, respond, sessionCookieFor, testContext } from '../support/requests'

const database = useTestDatabase()
let learner = ''
let trainer = ''
beforeAll(async () => {
  await seedDemoOrganisation(database.handle.db)
  await syncContent(database.handle.db, 'tests/fixtures/content')
  learner = await sessionCookieFor('learner@example.com')
  trainer = await sessionCookieFor('trainer@example.com')
})

const openLesson = (lesson: string, cookie = learner) =>
  respond(() =>
    lessonLoader({
      request: getRequest(`/courses/demo-course/${lesson}`, cookie),
      params: { course: 'demo-course', lesson },
      context: testContext(),
    }),
  )
const postLesson = (lesson: string, fields: Record<string, string>, cookie = learner) =>
  respond(() =>
    lessonAction({
      request: formRequest(`/courses/demo-course/${lesson}`, fields, cookie),
      params: { course: 'demo-course', lesson },
      context: testContext(),
    }),
  )

describe('course catalogue and outline', () => {
  it('lists the course with its lesson count, minutes and the learner’s progress', async () => {
    const body = await jsonOf<{ courses: Record<string, unknown>[] }>(
      await respond(() =>
        coursesLoader({ request: getRequest('/courses', learner), params: {}, context: testContext() }),
      ),
    )
    expect(body.courses).toEqual([
      expect.objectContaining({ slug: 'demo-course', lessons: 3, minutes: 12, completed: 0 }),
    ])
  })

  it('shows modules in order with their lessons', async () => {
    const body = await jsonOf<{
      modules: { title: string; lessons: { slug: string }[] }[]
      progress: { total: number }
    }>(
      await respond(() =>
        courseLoader({
          request: getRequest('/courses/demo-course', learner),
          params: { course: 'demo-course' },
          context: testContext(),
        }),
      ),
    )
    expect(body.modules.map((m) => [m.title, m.lessons.map((l) => l.slug)])).toEqual([
      ['Basics', ['welcome', 'promises']],
      ['Practice', ['listening']],
    ])
    expect(body.progress.total).toBe(3)
  })

  it('answers 404 for unknown or malformed course and lesson slugs', async () => {
    const unknownCourse = await respond(() =>
      courseLoader({
        request: getRequest('/courses/nope', learner),
        params: { course: 'nope' },
        context: testContext(),
      }),
    )
    expect(unknownCourse.status).toBe(404)
    expect((await openLesson('nope')).status).toBe(404)
    const malformed = await respond(() =>
      lessonLoader({
        request: getRequest('/courses/x', learner),
        params: { course: '../etc', lesson: 'passwd' },
        context: testContext(),
      }),
    )
    expect(malformed.status).toBe(404)
  })

  it('sends a signed-out visitor to sign in', async () => {
    const response = await openLesson('welcome', '')
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toMatch(/^\/login\?redirectTo=/)
  })
})

describe('lesson page', () => {
  it('renders the lesson body with previous/next and the organisation’s mission statement', async () => {
    const body = await jsonOf<{
      body: ({ key: string; html: string | null } | { key: string; node: { tag: string } })[]
      previous: { slug: string } | null
      next: { slug: string } | null
      organisation: { missionStatement: string | null }
    }>(await openLesson('promises'))
    expect(body.previous?.slug).toBe('welcome')
    expect(body.next?.slug).toBe('listening')
    // The prose as HTML rendered once on the server; the quiz as a node the browser renders.
    const html = body.body.flatMap((s) => ('html' in s && s.html ? [s.html] : [])).join('')
    expect(html).toContain('<h2>Say when</h2>')
    expect(html).toContain('A promise without a time is only a hope.')
    expect(body.body.flatMap((s) => ('node' in s ? [s.node.tag] : []))).toEqual(['Quiz'])
    expect(body.organisation.missionStatement).toMatch(/Harbour & Co\./)
  })

  it('leaves the prose out of a document’s loader data, which its markup already carries', async () => {
    const segmentHtml = new Map<string, string>()
    const response = await respond(() =>
      lessonLoader({
        request: getRequest('/courses/demo-course/promises', learner),
        params: { course: 'demo-course', lesson: 'promises' },
        context: testContext({ segmentHtml }),
      }),
    )
    const { body } = await jsonOf<{ body: { key: string; html?: string | null }[] }>(response)
    const prose = body.filter((s) => 'html' in s)
    expect(prose.length).toBeGreaterThan(0)
    expect(prose.every((s) => s.html === null)).toBe(true)
    expect([...segmentHtml.keys()]).toEqual(prose.map((s) => s.key))
    expect([...segmentHtml.values()].join('')).toContain('A promise without a time is only a hope.')
  })

  it('marks a lesson without graded assessments complete, once, and shows it done on reopening', async () => {
    const page = await jsonOf<{ lesson: { versionId: string }; completion: null }>(await openLesson('welcome'))
    expect(page.completion).toBeNull()
    const first = await postLesson('welcome', { intent: 'complete', versionId: page.lesson.versionId })
    expect(first.status).toBe(302)
    const second = await postLesson('welcome', { intent: 'complete', versionId: page.lesson.versionId })
    expect(second.status).toBe(302)
    const rows = await database.handle.db.select().from(lessonCompletions)
    expect(rows).toHaveLength(1)
    const reopened = await jsonOf<{ completion: { onThisVersion: boolean } | null }>(await openLesson('welcome'))
    expect(reopened.completion?.onThisVersion).toBe(true)
  })

  it('refuses to complete a lesson whose quiz or role-play is not yet passed', async () => {
    const page = await jsonOf<{ lesson: { versionId: string } }>(await openLesson('promises'))
    const response = await postLesson('promises', { intent: 'complete', versionId: page.lesson.versionId })
    expect(response.status).toBe(409)
    expect((await jsonOf<{ error: string }>(response)).error).toMatch(/quiz/)
  })

  it('refuses a completion for a stale or forged version id, recording nothing', async () => {
    const [welcome] = await database.handle.db.select().from(lessons).where(eq(lessons.slug, 'listening'))
    const [otherVersion] = await database.handle.db
      .select()
      .from(lessonVersions)
      .where(eq(lessonVersions.lessonId, welcome?.id ?? ''))
    const before = (await database.handle.db.select().from(lessonCompletions)).length
    const wrong = await postLesson('welcome', { intent: 'complete', versionId: otherVersion?.id ?? '' })
    expect(wrong.status).toBe(409)
    const garbage = await postLesson('welcome', { intent: 'complete', versionId: 'not-a-uuid' })
    expect(garbage.status).toBe(400)
    expect((await database.handle.db.select().from(lessonCompletions)).length).toBe(before)
  })

  it('shows role-plays only as their opening scene, with no scoring or branching', async () => {
    const response = await openLesson('listening')
    const text = await response.clone().text()
    const body = await jsonOf<{
      rolePlays: { scene: { customer: string; options: { id: string; label: string }[] } }[]
    }>(response)
    expect(body.rolePlays[0]?.scene.customer).toMatch(/third time/)
    expect(body.rolePlays[0]?.scene.options.map((o) => o.id)).toEqual(['acknowledge', 'policy'])
    expect(text).not.toMatch(/SECRET-|"points"|"feedback"|"to":|minMood|still-angry|good-end/)
  })
})

describe('author preview', () => {
  const preview = (source: string, cookie = trainer) =>
    respond(() =>
      previewAction({
        request: formRequest('/author/preview', { source }, cookie),
        params: {},
        context: testContext(),
      }),
    )
  const good = `---
title: Draft
summary: A draft.
minutes: 2
objectives: [Try the preview]
competencies: [ownership]
principles: [precise-commitments]
---

## Draft heading

<KeyIdea title="Say when">A promise has a time.</KeyIdea>
`

  it('is for trainers and admins only', async () => {
    const asLearner = await respond(() =>
      previewLoader({ request: getRequest('/author/preview', learner), params: {}, context: testContext() }),
    )
    expect(asLearner.status).toBe(403)
    expect((await preview(good, learner)).status).toBe(403)
    const admin = await sessionCookieFor('admin@example.com')
    const asAdmin = await respond(() =>
      previewLoader({ request: getRequest('/author/preview', admin), params: {}, context: testContext() }),
    )
    expect(asAdmin.status).toBe(200)
  })

  it('renders a valid draft without saving anything', async () => {
    const versionsBefore = (await database.handle.db.select().from(lessonVersions)).length
    const response = await preview(good)
    expect(response.status).toBe(200)
    const body = await jsonOf<{ preview: { title: string; tree: unknown[] } }>(response)
    expect(body.preview.title).toBe('Draft')
    expect(JSON.stringify(body.preview.tree)).toContain('"tag":"KeyIdea"')
    expect((await database.handle.db.select().from(lessonVersions)).length).toBe(versionsBefore)
  })

  it('lists policy problems with their line numbers and runs none of the pasted code', async () => {
    const marker = `preview-ran-${Date.now()}`
    const evil = `${good}\n{globalThis['${marker}'] = true}\n\nimport fs from 'node:fs'\n`
    const response = await preview(evil)
    expect(response.status).toBe(422)
    const body = await jsonOf<{ problems: { line: number; message: string }[]; preview: null }>(response)
    expect(body.preview).toBeNull()
    expect(body.problems.map((p) => p.line)).toEqual([14, 16])
    expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined()
  })

  it('refuses an empty submission with a clear message', async () => {
    const response = await preview('')
    expect(response.status).toBe(400)
    expect((await jsonOf<{ problems: { message: string }[] }>(response)).problems[0]?.message).toMatch(/Paste/)
  })
})
