import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { QuizDefinition, RolePlayDefinition } from '~/domain/assessments'
import { checkContent } from '~/content/check.server'

/** A writable copy of a content folder, so a test can edit lessons and sync again. */
export function copyContent(from = 'tests/fixtures/content') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'servewell-content-'))
  fs.cpSync(from, dir, { recursive: true })
  return {
    dir,
    lessonPath: (course: string, lesson: string) => path.join(dir, 'courses', course, `${lesson}.mdx`),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  }
}

/** A lesson of the real curriculum with its server-side assessments (answer keys included), for tests that play it. */
export async function curriculumLesson(slug: string) {
  const check = await checkContent(path.resolve('content'))
  const lesson = check.lessons.find((l) => l.slug === slug)
  if (!lesson?.result.ok) throw new Error(`${slug} does not compile`)
  const { assessments } = lesson.result
  return {
    quiz: assessments.find((a): a is QuizDefinition => a.kind === 'quiz'),
    rolePlay: assessments.find((a): a is RolePlayDefinition => a.kind === 'roleplay'),
  }
}
