import fs from 'node:fs'
import path from 'node:path'
import { type ContentTree, loadContentTree } from './catalog.server'
import { type CompileResult, compileLesson } from './compile.server'
import type { Catalog } from './policy.server'
import { type Coverage, computeCoverage, coverageProblems } from './coverage.server'
import type { ContentProblem } from './problems'
import type { AssessmentDefinition } from '~/domain/assessments'
import { testWisePatterns } from '~/domain/test-wise'

export interface CompiledLessonFile {
  courseSlug: string
  slug: string
  moduleId: string
  file: string
  source: string
  result: CompileResult
}

export interface ContentCheck {
  tree: ContentTree
  lessons: CompiledLessonFile[]
  coverage: Coverage
  problems: ContentProblem[]
}

const relative = (file: string) => path.relative(process.cwd(), file) || file

/** Loads content/, compiles every lesson under the policy, and lists every problem found. */
export async function checkContent(root: string): Promise<ContentCheck> {
  const tree = loadContentTree(root)
  const problems = [...tree.problems]
  const lessons: CompiledLessonFile[] = []
  for (const course of tree.courses) {
    for (const lesson of course.lessonFiles) {
      const source = fs.readFileSync(lesson.file, 'utf8')
      const { result, problems: found } = await checkLessonSource(source, { file: relative(lesson.file), catalog: tree.catalog })
      problems.push(...found)
      lessons.push({ courseSlug: course.slug, slug: lesson.slug, moduleId: lesson.moduleId, file: lesson.file, source, result })
    }
  }
  // Coverage is judged on a curriculum that otherwise checks out; a broken one has more urgent problems.
  const coverage = computeCoverage(tree, lessons)
  if (problems.length === 0) problems.push(...coverageProblems(tree, coverage))
  return { tree, lessons, coverage, problems: sortProblems(problems) }
}

/** Checks one lesson file from anywhere on disk against the project's catalogue. */
export async function checkLessonFile(file: string, root: string): Promise<ContentProblem[]> {
  const tree = loadContentTree(root)
  if (!fs.existsSync(file)) return [{ file: relative(file), line: 1, column: 1, message: 'No such file.' }]
  const { problems } = await checkLessonSource(fs.readFileSync(file, 'utf8'), { file: relative(file), catalog: tree.catalog })
  return sortProblems(problems)
}

/**
 * Everything the checker finds in one lesson's source, in one pass: what stops it compiling
 * (policy, front matter, ids, assessment logic) or, for a lesson that compiles, answers a
 * learner could guess. The file check, sync, preview and the studio all use this.
 */
export async function checkLessonSource(source: string, options: { file: string; catalog: Catalog }) {
  const result = await compileLesson(source, options)
  const problems = result.ok ? testWiseProblems(options.file, source, result.assessments) : result.problems
  return { result, problems: sortProblems(problems) }
}

/**
 * Answers a learner could find without reading, pointed at the element that carries the
 * clue. Definitions hold no positions, so each element is found by its tag and id in the
 * source, searching from the assessment that contains it.
 */
function testWiseProblems(file: string, source: string, assessments: AssessmentDefinition[]): ContentProblem[] {
  const find = (tag: string, id: string, from = 0) => {
    const match = new RegExp(`<${tag}\\b[^>]*\\bid="${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`).exec(source.slice(from))
    return match ? from + match.index : from
  }
  return assessments.flatMap((definition) => {
    const start = find(definition.kind === 'quiz' ? 'Quiz' : 'RolePlay', definition.id)
    return testWisePatterns(definition).map(({ at, message }) => {
      const offset = at.kind === 'quiz' ? start : find(at.kind === 'question' ? 'Question' : 'Scene', at.id, start)
      const before = source.slice(0, offset).split('\n')
      return { file, line: before.length, column: (before.at(-1)?.length ?? 0) + 1, message }
    })
  })
}

function sortProblems(problems: ContentProblem[]) {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column)
}
