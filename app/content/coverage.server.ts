import path from 'node:path'
import type { CompiledLessonFile } from './check.server'
import type { ContentTree } from './catalog.server'
import type { ContentProblem } from './problems'
import { lineOf } from './yaml-file.server'

export const MIN_ITEMS_PER_COMPETENCY = 8

export interface Coverage {
  principles: { id: string; competency: string; lessons: string[]; items: number }[]
  competencies: { id: string; items: number }[]
}

/**
 * Which lessons teach each principle (frontmatter) and how many scored items assess
 * it: quiz questions tagged with it and role-play replies that cite it. A competency's
 * scored items are its quiz questions and the role-play scenes that award it points,
 * the same units that become evidence on a learner's record.
 */
export function computeCoverage(tree: ContentTree, lessons: CompiledLessonFile[]): Coverage {
  const taught = new Map<string, string[]>()
  const assessed = new Map<string, number>()
  const competencyItems = new Map<string, number>()
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1)
  for (const lesson of lessons) {
    if (!lesson.result.ok) continue
    const name = `${lesson.courseSlug}/${lesson.slug}`
    for (const p of lesson.result.frontmatter.principles) taught.set(p, [...(taught.get(p) ?? []), name])
    for (const a of lesson.result.assessments) {
      if (a.kind === 'quiz')
        for (const q of a.questions) {
          q.principles.forEach((p) => bump(assessed, p))
          q.competencies.forEach((c) => bump(competencyItems, c))
        }
      if (a.kind === 'roleplay')
        for (const scene of a.scenes) {
          for (const option of scene.options) option.principles.forEach((p) => bump(assessed, p))
          const scored = new Set(scene.options.flatMap((o) => Object.entries(o.points).filter(([, n]) => n > 0).map(([c]) => c)))
          scored.forEach((c) => bump(competencyItems, c))
        }
    }
  }
  return {
    principles: tree.principles.map((p) => ({ id: p.id, competency: p.competency, lessons: taught.get(p.id) ?? [], items: assessed.get(p.id) ?? 0 })),
    competencies: (tree.framework?.competencies ?? []).map((c) => ({ id: c.id, items: competencyItems.get(c.id) ?? 0 })),
  }
}

export function coverageProblems(tree: ContentTree, coverage: Coverage): ContentProblem[] {
  const problems: ContentProblem[] = []
  const principlesFile = path.join(tree.root, 'principles.yml')
  const competenciesFile = path.join(tree.root, 'competencies.yml')
  const rel = (f: string) => path.relative(process.cwd(), f)
  coverage.principles.forEach((p, i) => {
    const at = lineOf(principlesFile, ['principles', i, 'id']).start
    if (p.lessons.length === 0)
      problems.push({ file: rel(principlesFile), line: at.line, column: at.column, message: `No lesson teaches the principle "${p.id}": list it in a lesson's frontmatter.` })
    if (p.items === 0)
      problems.push({ file: rel(principlesFile), line: at.line, column: at.column, message: `No quiz question or role-play reply assesses the principle "${p.id}".` })
  })
  coverage.competencies.forEach((c, i) => {
    if (c.items >= MIN_ITEMS_PER_COMPETENCY) return
    const at = lineOf(competenciesFile, ['competencies', i, 'id']).start
    problems.push({
      file: rel(competenciesFile),
      line: at.line,
      column: at.column,
      message: `The competency "${c.id}" is assessed by ${c.items} scored item(s); the curriculum needs at least ${MIN_ITEMS_PER_COMPETENCY}.`,
    })
  })
  return problems
}
