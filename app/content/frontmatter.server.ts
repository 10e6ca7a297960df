import { z } from 'zod'
import type { Catalog } from './policy.server'
import type { ProblemList } from './problems'
import { parseYaml } from './yaml-file.server'

export const lessonFrontmatterSchema = z
  .object({
    title: z.string().trim().min(1).max(120),
    summary: z.string().trim().min(1).max(300),
    minutes: z.number().int().min(1).max(60),
    objectives: z.array(z.string().trim().min(1)).min(1).max(8),
    competencies: z.array(z.string()).min(1),
    principles: z.array(z.string()).min(1),
  })
  .strict()

export type LessonFrontmatter = z.infer<typeof lessonFrontmatterSchema>

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(\r?\n|$)/

/** Parses and checks a lesson's YAML frontmatter, reporting problems at the line of the offending key. */
export function readFrontmatter(source: string, problems: ProblemList, catalog?: Catalog): LessonFrontmatter | null {
  const match = FRONTMATTER.exec(source)
  if (!match) {
    problems.add('A lesson starts with frontmatter between --- lines (title, summary, minutes, objectives, competencies, principles).')
    return null
  }
  // The YAML starts on the line after the opening ---.
  const yaml = parseYaml(match[1] ?? '', problems, { what: 'Frontmatter', lineOffset: 1 })
  if (!yaml) return null
  const lineOfKey = (key: string | number | undefined) => {
    if (key === undefined) return { start: { line: 1, column: 1 } }
    const pair = (yaml.doc.contents as { items?: { key?: { value?: unknown; range?: [number] } }[] } | null)?.items?.find(
      (item) => item.key?.value === key,
    )
    const offset = pair?.key?.range?.[0]
    return offset === undefined ? { start: { line: 1, column: 1 } } : yaml.at(offset)
  }
  const parsed = lessonFrontmatterSchema.safeParse(yaml.value)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as string | undefined
      const message =
        issue.code === 'unrecognized_keys'
          ? `Frontmatter has unknown field(s) ${issue.keys.join(', ')}.`
          : issue.code === 'invalid_type' && issue.message.endsWith('received undefined')
            ? `Frontmatter is missing "${issue.path.join('.')}".`
            : `Frontmatter "${issue.path.join('.') || 'root'}": ${issue.message}.`
      problems.add(message, lineOfKey(issue.code === 'unrecognized_keys' ? issue.keys[0] : key))
    }
    return null
  }
  if (catalog) {
    for (const id of parsed.data.competencies)
      if (!catalog.competencies.has(id)) problems.add(`Frontmatter names the unknown competency "${id}".`, lineOfKey('competencies'))
    for (const id of parsed.data.principles)
      if (!catalog.principles.has(id)) problems.add(`Frontmatter names the unknown principle "${id}".`, lineOfKey('principles'))
  }
  return parsed.data
}
