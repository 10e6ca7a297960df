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

  it('reports a YAML alias bomb in front matter as a problem at its line, instead of crashing', () => {
    const { status, out } = runCheck(['tests/fixtures/unsafe/yaml-alias-bomb.mdx'])
    expect(status).toBe(1)
    expect(out).toMatch(
      /^tests\/fixtures\/unsafe\/yaml-alias-bomb\.mdx:9:\d+: Frontmatter uses aliases that expand too far/m,
    )
    expect(out).not.toMatch(/Excessive alias count|\n\s+at /)
  })

  it('fails on answers a learner could guess without reading, pointing at the quiz, question and scene', () => {
    const { status, out } = runCheck(['tests/fixtures/unsafe/test-wise.mdx'], { CONTENT_DIR: 'tests/fixtures/content' })
    expect(status).toBe(1)
    const at = (line: number) => `tests/fixtures/unsafe/test-wise.mdx:${line}:`
    expect(out).toContain(`${at(14)}3: Scene "open": the best reply "precise" is the longest by far`)
    expect(out).toContain(
      `${at(30)}1: Quiz "guessable-quiz": the correct choice is the longest in 1 of its 1 single-choice questions`,
    )
    expect(out).toContain(`${at(37)}3: Question "slip": its correct choices are all listed first`)
    expect(out).toContain('3 problems found.')
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
      fs.appendFileSync(
        principlesFile,
        '  - id: mind-reading\n    name: Read minds\n    competency: telepathy\n    summary: No.\n',
      )
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

  it('reports a YAML alias bomb in a course file at its line', async () => {
    const content = copyContent()
    try {
      const courseFile = path.join(content.dir, 'courses/demo-course/course.yml')
      const bomb =
        'x: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n' +
        ['b', 'c', 'd', 'e', 'f', 'g', 'h']
          .map(
            (k, i) =>
              `${k}: &${k} [${Array(10)
                .fill(`*${i === 0 ? 'a' : ['b', 'c', 'd', 'e', 'f', 'g'][i - 1]}`)
                .join(', ')}]`,
          )
          .join('\n')
      fs.writeFileSync(courseFile, `${bomb}\n${fs.readFileSync(courseFile, 'utf8')}`)
      const { problems } = await checkContent(content.dir)
      const problem = problems.find((p) => p.file.endsWith('course.yml'))
      expect(problem?.message).toMatch(/aliases that expand too far/)
      expect(problem?.line).toBe(2)
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
      expect(yamlProblem?.message).toMatch(/not valid YAML/)
      expect(yamlProblem?.line).toBeGreaterThanOrEqual(3)
    } finally {
      content.remove()
    }
  })
})

describe('curriculum coverage', () => {
  it('teaches and assesses every principle, and assesses every competency with at least 8 scored items', async () => {
    const { coverage } = await checkContent(path.resolve('content'))
    expect(coverage.principles.length).toBeGreaterThanOrEqual(35)
    for (const p of coverage.principles) {
      expect(p.lessons.length, `${p.id} is taught`).toBeGreaterThan(0)
      expect(p.items, `${p.id} is assessed`).toBeGreaterThan(0)
    }
    for (const c of coverage.competencies) expect(c.items, c.id).toBeGreaterThanOrEqual(8)
  })

  it('fails the check for a principle nobody teaches or assesses and a thinly assessed competency', async () => {
    const content = copyContent()
    try {
      fs.appendFileSync(
        path.join(content.dir, 'principles.yml'),
        '  - id: be-present\n    name: Be present\n    competency: attentiveness\n    summary: Full attention.\n',
      )
      const { problems } = await checkContent(content.dir)
      const messages = problems.map((p) => `${path.basename(p.file)}:${p.line}: ${p.message}`)
      expect(messages).toEqual(
        expect.arrayContaining([
          'principles.yml:10: No lesson teaches the principle "be-present": list it in a lesson\'s frontmatter.',
          'principles.yml:10: No quiz question or role-play reply assesses the principle "be-present".',
          expect.stringMatching(
            /^competencies\.yml:\d+: The competency "ownership" is assessed by 3 scored item\(s\); the curriculum needs at least 8\.$/,
          ),
        ]),
      )
    } finally {
      content.remove()
    }
  })

  it('prints the coverage table with npm run content:coverage', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/content-coverage.ts'], { encoding: 'utf8' })
    expect(result.status).toBe(0)
    expect(result.stdout).toMatch(
      /^precise-commitments\s+ownership\s+\d+\s+.*service-culture-foundations\/precise-commitments/m,
    )
    expect(result.stdout).toMatch(/35 of 35 principles taught and assessed/)
  })
})
