import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { checkContent } from '~/content/check.server'
import { copyContent } from '../support/content'

function runCheck(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/content-check.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  })
  return { status: result.status, out: `${result.stdout}${result.stderr}` }
}

describe('npm run content:check', () => {
  it('passes on the repository’s content', async () => {
    const check = await checkContent(path.resolve('content'))
    expect(check.problems).toEqual([])
    expect(check.lessons.length).toBeGreaterThanOrEqual(2)
  })

  it('exits non-zero and prints path:line:column: message for a bad lesson given by path', () => {
    const { status, out } = runCheck(['tests/fixtures/unsafe/process-env.mdx', 'tests/fixtures/unsafe/script-tag.mdx'])
    expect(status).toBe(1)
    expect(out).toMatch(/^tests\/fixtures\/unsafe\/process-env\.mdx:12:13: Curly braces/m)
    expect(out).toMatch(/^tests\/fixtures\/unsafe\/script-tag\.mdx:12:1: The HTML element <script>/m)
  })

  it('exits zero for a good lesson checked from anywhere on disk', () => {
    const { status, out } = runCheck([path.resolve('tests/fixtures/content/courses/demo-course/welcome.mdx')], {
      CONTENT_DIR: 'tests/fixtures/content',
    })
    expect(out).toContain('1 lesson file(s) OK.')
    expect(status).toBe(0)
  })
})

describe('content structure checks', () => {
  it('reports a missing lesson file, a duplicate slug, an unlisted lesson and an unknown competency, with lines', async () => {
    const content = copyContent()
    try {
      const courseFile = path.join(content.dir, 'courses/demo-course/course.yml')
      fs.writeFileSync(
        courseFile,
        fs
          .readFileSync(courseFile, 'utf8')
          .replace('lessons: [welcome, promises]', 'lessons: [welcome, promises, ghost]')
          .replace('lessons: [listening]', 'lessons: [welcome]'),
      )
      const principlesFile = path.join(content.dir, 'principles.yml')
      fs.appendFileSync(principlesFile, '  - id: mind-reading\n    name: Read minds\n    competency: telepathy\n    summary: No.\n')
      const { problems } = await checkContent(content.dir)
      const messages = problems.map((p) => `${path.basename(p.file)}:${p.line}: ${p.message}`)
      expect(messages).toEqual(
        expect.arrayContaining([
          'course.yml:8: The lesson file ghost.mdx does not exist.',
          'course.yml:11: The lesson "welcome" is listed twice (also in module "basics").',
          'listening.mdx:1: This lesson is not listed in demo-course/course.yml.',
          'principles.yml:12: Principle "mind-reading" belongs to the unknown competency "telepathy".',
        ]),
      )
    } finally {
      content.remove()
    }
  })

  it('reports malformed YAML at its line', async () => {
    const content = copyContent()
    try {
      fs.writeFileSync(path.join(content.dir, 'competencies.yml'), 'levels:\n  - id: a\n    min: [unclosed\n')
      const { problems } = await checkContent(content.dir)
      const yamlProblem = problems.find((p) => p.file.endsWith('competencies.yml'))
      expect(yamlProblem?.message).toMatch(/Not valid YAML/)
      expect(yamlProblem?.line).toBeGreaterThanOrEqual(3)
    } finally {
      content.remove()
    }
  })
})
