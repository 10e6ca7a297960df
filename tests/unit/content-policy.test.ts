import fs from 'node:fs'
import path from 'node:path'
import { compileLesson } from '~/content/compile.server'
import { isSafeUrl } from '~/content/policy.server'
import { evaluateLesson } from '~/content/render-tree.server'

const catalog = {
  competencies: new Set(['ownership', 'attentiveness']),
  principles: new Set(['precise-commitments', 'listen-and-acknowledge']),
}
const fixture = (name: string) => path.join('tests/fixtures/unsafe', `${name}.mdx`)
const compileFixture = (name: string) =>
  compileLesson(fs.readFileSync(fixture(name), 'utf8'), { file: fixture(name), catalog })

// Each unsafe or malformed fixture must fail at the right line, for the right reason.
const cases: [name: string, line: number, reason: RegExp][] = [
  ['import-node-module', 10, /Imports are not allowed/],
  ['export-const', 10, /Exports are not allowed/],
  ['process-env', 12, /process\.env\.SESSION_SECRET/],
  ['function-call', 12, /function call/],
  ['script-tag', 12, /<script> is not allowed/],
  ['onclick-prop', 12, /Event-handler props like "onClick"/],
  ['javascript-link', 12, /"javascript:alert\(1\)" is not allowed/],
  ['unknown-component', 12, /Unknown component <Carousel>/],
  ['quiz-no-correct', 13, /Question "q1" has no correct choice/],
  ['unreachable-scene', 18, /Scene "orphan" .* can never be reached/],
  ['unknown-competency', 13, /unknown competency "telepathy"/],
  ['bad-frontmatter', 4, /Frontmatter "minutes"/],
  ['spread-props', 12, /Spread props/],
  ['dangerous-html', 12, /"dangerouslySetInnerHTML" is not allowed/],
  ['non-literal-prop', 12, /must be a literal value .*window\.location\.href/],
  ['image-without-alt', 12, /alt text/],
  ['heading-skip', 12, /do not skip heading levels/],
  ['role-play-loop', 18, /loops: scene "two" leads back to "one"/],
  ['unclosed-component', 12, /Expected a closing tag for `<Callout>`/],
  ['yaml-alias-bomb', 9, /Frontmatter uses aliases that expand too far/],
]

describe('safe-MDX policy', () => {
  it.each(cases)('rejects %s at line %i', async (name, line, reason) => {
    const result = await compileFixture(name)
    expect(result.ok).toBe(false)
    if (result.ok) return
    const match = result.problems.find((p) => reason.test(p.message))
    expect(match, JSON.stringify(result.problems)).toBeDefined()
    expect(match?.line).toBe(line)
    expect(match?.file).toBe(fixture(name))
    expect(match?.column).toBeGreaterThan(0)
  })

  it('never returns compiled code for a rejected lesson', async () => {
    for (const [name] of cases) {
      const result = await compileFixture(name)
      expect('code' in result).toBe(false)
    }
  })

  it('keeps a choice or reply an author pins in its place, and sends no pin to the page', async () => {
    const source = `---
title: Pins
summary: A pinned choice.
minutes: 2
objectives: [Show pins]
competencies: [ownership]
principles: [precise-commitments]
---

<Quiz id="q">
  <Question id="one" type="single" competencies={["ownership"]} principles={["precise-commitments"]}>
    Which?
    <Choice id="a" correct feedback="Yes, this is the one.">A</Choice>
    <Choice id="b" feedback="No, not this one at all.">B</Choice>
    <Choice id="none" pin feedback="No, one of them is right.">None of the above</Choice>
  </Question>
</Quiz>
`
    const result = await compileLesson(source, { file: 'pins.mdx', catalog })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const quiz = result.assessments.find((a) => a.kind === 'quiz')
    expect(quiz?.kind === 'quiz' && quiz.questions[0]?.choices.map((c) => c.pinned === true)).toEqual([
      false,
      false,
      true,
    ])
    expect(result.code).not.toMatch(/\bpin\b/)
  })

  it('refuses a quiz that draws more questions than its pool holds', async () => {
    const source = `---
title: Pool
summary: Too small a pool.
minutes: 2
objectives: [Show the check]
competencies: [ownership]
principles: [precise-commitments]
---

<Quiz id="q" draw={3}>
  <Question id="one" type="single" competencies={["ownership"]} principles={["precise-commitments"]}>
    Which?
    <Choice id="a" correct feedback="Yes, this is the one.">A</Choice>
    <Choice id="b" feedback="No, not this one at all.">B</Choice>
  </Question>
</Quiz>
`
    const result = await compileLesson(source, { file: 'pool.mdx', catalog })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems).toEqual([
      expect.objectContaining({ line: 10, message: expect.stringMatching(/draws 3 questions but its pool has 1/) }),
    ])
  })

  it('refuses a lesson over 1 MB before parsing it', async () => {
    const big = fs.readFileSync(fixture('heading-skip'), 'utf8') + 'x'.repeat(1024 * 1024)
    const result = await compileLesson(big, { file: 'big.mdx', catalog })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problems[0]?.message).toMatch(/larger than 1 MB/)
  })

  it('accepts http(s), mailto and relative addresses only', () => {
    for (const ok of [
      'https://example.com',
      'http://x.test/a',
      'mailto:help@example.com',
      '/courses',
      'images/a.png',
      '#top',
      '?q=1',
    ])
      expect(isSafeUrl(ok), ok).toBe(true)
    for (const bad of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<b>',
      'vbscript:x',
      'file:///etc/passwd',
      '',
    ])
      expect(isSafeUrl(bad), bad).toBe(false)
  })
})

describe('compiled lessons', () => {
  const lesson = path.join('tests/fixtures/content/courses/demo-course/promises.mdx')
  const rolePlayLesson = path.join('tests/fixtures/content/courses/demo-course/listening.mdx')

  it('lift answer keys out of the compiled code into the assessment definition', async () => {
    const result = await compileLesson(fs.readFileSync(lesson, 'utf8'), { file: lesson, catalog })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.code).not.toMatch(/SECRET-FEEDBACK/)
    expect(result.code).not.toMatch(/correct/)
    expect(result.code).not.toMatch(/competencies|principles|points/)
    const quiz = result.assessments[0]
    expect(quiz?.kind).toBe('quiz')
    if (quiz?.kind !== 'quiz') return
    expect(quiz.passMark).toBe(50)
    expect(quiz.questions.map((q) => q.id)).toEqual(['when', 'slip'])
    expect(quiz.questions[0]?.choices.find((c) => c.id === 'time')).toMatchObject({
      correct: true,
      label: 'By 3 pm today.',
    })
    expect(quiz.questions[0]?.stem).toBe('A customer asks when you will call back. What do you say?')
    expect(quiz.questions[0]?.points).toBe(2)
  })

  it('keep role-plays entirely on the server, leaving only their id and title in the page', async () => {
    const result = await compileLesson(fs.readFileSync(rolePlayLesson, 'utf8'), { file: rolePlayLesson, catalog })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.code).not.toMatch(/SECRET-|third time|mood/)
    const tree = JSON.stringify(evaluateLesson(result.code))
    expect(tree).toContain('"tag":"RolePlay","props":{"id":"angry-caller","title":"An angry caller"}')
    const rp = result.assessments.find((a) => a.kind === 'roleplay')
    if (rp?.kind !== 'roleplay') throw new Error('role-play missing')
    expect(rp.mood).toBe(-2)
    expect(rp.scenes.find((s) => s.id === 'open')?.options[0]?.next).toEqual([
      { to: 'calmer', minMood: 0 },
      { to: 'still-angry' },
    ])
    expect(rp.endings.map((e) => e.outcome)).toEqual(['good', 'poor'])
  })

  it('evaluate to a plain data tree of allow-listed tags and components', async () => {
    const result = await compileLesson(fs.readFileSync(lesson, 'utf8'), { file: lesson, catalog })
    if (!result.ok) throw new Error('compile failed')
    const tree = evaluateLesson(result.code)
    const tags = new Set<string>()
    const walk = (nodes: unknown[]) =>
      nodes.forEach((n) => {
        if (typeof n === 'string') return
        const el = n as { tag: string; children?: unknown[] }
        tags.add(el.tag)
        walk(el.children ?? [])
      })
    walk(tree)
    expect([...tags].sort()).toEqual(['Choice', 'Question', 'Quiz', 'h2', 'p'])
    expect(JSON.stringify(tree)).not.toMatch(/SECRET|correct/)
  })
})
