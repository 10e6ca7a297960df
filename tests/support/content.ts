import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

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
