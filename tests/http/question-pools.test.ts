import fs from 'node:fs'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { firstAnswers } from '#db/schema'
import { seedDemoOrganisation } from '#db/seed'
import { syncContent } from '~/content/sync.server'
import { useAppServer } from '../support/app-server'
import { copyContent } from '../support/content'
import { useTestDatabase } from '../support/database'
import { lessonClient } from '../support/lesson-actions'
import { freshLearner } from '../support/requests'

// A quiz may hold more questions than it asks: each attempt draws its set on the server,
// and a retake prefers the questions the learner has not answered yet.
const database = useTestDatabase()
const app = useAppServer()
const content = copyContent()
afterAll(() => content.remove())
const pool = lessonClient('demo-course', 'pool')
const POOL = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6']

function question(id: string) {
  return `  <Question id="${id}" type="single" competencies={["ownership"]} principles={["precise-commitments"]}>
    Question ${id}: which answer is right?

    <Choice id="right" correct feedback="Right: this is the answer for ${id}.">The right one for ${id}</Choice>
    <Choice id="wrong" feedback="Wrong: this is not the answer for ${id}.">A wrong one for ${id}</Choice>
  </Question>`
}

beforeAll(async () => {
  const courseFile = path.join(content.dir, 'courses/demo-course/course.yml')
  fs.writeFileSync(
    courseFile,
    fs.readFileSync(courseFile, 'utf8').replace('lessons: [listening]', 'lessons: [listening, pool]'),
  )
  fs.writeFileSync(
    content.lessonPath('demo-course', 'pool'),
    `---
title: Pool
summary: A quiz that draws three of six.
minutes: 3
objectives: [Answer a drawn set]
competencies: [ownership]
principles: [precise-commitments]
---

## Practise

<Quiz id="pool-quiz" passMark={100} draw={3}>
${POOL.map(question).join('\n')}
</Quiz>
`,
  )
  await seedDemoOrganisation(database.handle.db)
  const report = await syncContent(database.handle.db, content.dir)
  expect(report.failed).toEqual([])
})

async function submit(cookie: string, answer: 'right' | 'wrong') {
  const page = await pool.open(cookie)
  const quiz = page.assessments.quizzes[0]!
  const response = await pool.post(cookie, [
    ['intent', 'submit-quiz'],
    ['quizId', quiz.id],
    ['versionId', page.lesson.versionId],
    ['attemptNumber', String(quiz.nextAttemptNumber)],
    ['idempotencyKey', quiz.idempotencyKey],
    ...quiz.questionIds.map((id): [string, string] => [`q:${id}`, answer]),
  ])
  return { asked: quiz.questionIds, response }
}

describe('a quiz with a question pool', () => {
  it('asks the drawn questions only, the same on reload, and shows only those on the page', async () => {
    const learner = await freshLearner('pool')
    const first = (await pool.open(learner.cookie)).assessments.quizzes[0]!
    expect(first.questionIds).toHaveLength(3)
    expect((await pool.open(learner.cookie)).assessments.quizzes[0]!.questionIds).toEqual(first.questionIds)
    const html = await (
      await fetch(`${app.url}/courses/demo-course/pool`, { headers: { Cookie: learner.cookie } })
    ).text()
    const shown = [...new Set([...html.matchAll(/name="q:(p\d)"/g)].map((m) => m[1]))]
    expect(shown).toEqual(first.questionIds)
  })

  it('scores the drawn questions, and refuses an answer to one that was not drawn', async () => {
    const learner = await freshLearner('pool-score')
    const page = await pool.open(learner.cookie)
    const quiz = page.assessments.quizzes[0]!
    const notDrawn = POOL.find((id) => !quiz.questionIds.includes(id))!
    const forged = await pool.post(learner.cookie, [
      ['intent', 'submit-quiz'],
      ['quizId', quiz.id],
      ['versionId', page.lesson.versionId],
      ['attemptNumber', String(quiz.nextAttemptNumber)],
      ['idempotencyKey', quiz.idempotencyKey],
      ...quiz.questionIds.map((id): [string, string] => [`q:${id}`, 'right']),
      [`q:${notDrawn}`, 'right'],
    ])
    expect(forged.status).toBe(400)
    const { response } = await submit(learner.cookie, 'right')
    expect(response.status).toBe(302)
  })

  it('draws questions not answered yet on a retake, while the pool allows', async () => {
    const learner = await freshLearner('pool-retake')
    const first = await submit(learner.cookie, 'wrong')
    const second = await submit(learner.cookie, 'wrong')
    expect(second.asked.filter((id) => first.asked.includes(id))).toEqual([])
    expect([...first.asked, ...second.asked].sort()).toEqual(POOL)
  })

  it('keeps each question’s first graded answer for the item statistics; a retake or practice does not replace it', async () => {
    const learner = await freshLearner('pool-first')
    const first = await submit(learner.cookie, 'wrong')
    const second = await submit(learner.cookie, 'right')
    await submit(learner.cookie, 'wrong') // practice, after the pass
    const kept = await database.handle.db
      .select({ question: firstAnswers.questionId, correct: firstAnswers.correct, selected: firstAnswers.selected })
      .from(firstAnswers)
      .where(eq(firstAnswers.userId, learner.id))
    const expected = [
      ...first.asked.map((question) => ({ question, correct: false, selected: ['wrong'] })),
      ...second.asked.map((question) => ({ question, correct: true, selected: ['right'] })),
    ]
    const byQuestion = (a: { question: string }, b: { question: string }) => a.question.localeCompare(b.question)
    expect(kept.sort(byQuestion)).toEqual(expected.sort(byQuestion))
  })

  it('draws different sets for different learners', async () => {
    const sets = new Set<string>()
    for (let i = 0; i < 6; i++)
      sets.add((await pool.open((await freshLearner(`pool${i}`)).cookie)).assessments.quizzes[0]!.questionIds.join())
    expect(sets.size).toBeGreaterThan(1)
  })
})
