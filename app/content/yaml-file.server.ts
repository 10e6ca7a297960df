import fs from 'node:fs'
import { LineCounter, parseDocument } from 'yaml'
import type { z } from 'zod'
import type { ProblemList } from './problems'

/**
 * Reads a YAML file and validates it, reporting each problem at the line of the
 * value it concerns. Returns null when the file is missing, malformed or invalid.
 */
export function readYamlFile<S extends z.ZodType>(path: string, schema: S, problems: ProblemList): z.infer<S> | null {
  if (!fs.existsSync(path)) {
    problems.add('This file is missing.')
    return null
  }
  const lineCounter = new LineCounter()
  const doc = parseDocument(fs.readFileSync(path, 'utf8'), { lineCounter, prettyErrors: false })
  const at = (offset: number | undefined) => {
    if (offset === undefined) return { start: { line: 1, column: 1 } }
    const pos = lineCounter.linePos(offset)
    return { start: { line: pos.line, column: pos.col } }
  }
  if (doc.errors.length > 0) {
    for (const error of doc.errors) problems.add(`Not valid YAML: ${error.message.split('\n')[0]}`, at(error.pos[0]))
    return null
  }
  const parsed = schema.safeParse(doc.toJS())
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      let path = issue.path as (string | number)[]
      let node = doc.getIn(path, true) as { range?: [number] } | undefined
      while (!node?.range && path.length > 0) {
        path = path.slice(0, -1)
        node = doc.getIn(path, true) as { range?: [number] } | undefined
      }
      const where = issue.path.length ? `${issue.path.join('.')}: ` : ''
      problems.add(`${where}${issue.message}`, at(node?.range?.[0]))
    }
    return null
  }
  return parsed.data
}

/** The line of a value in a YAML file, for problems found after validation. */
export function lineOf(path: string, keyPath: (string | number)[]) {
  const lineCounter = new LineCounter()
  const doc = parseDocument(fs.readFileSync(path, 'utf8'), { lineCounter })
  const node = doc.getIn(keyPath, true) as { range?: [number] } | undefined
  if (!node?.range) return { start: { line: 1, column: 1 } }
  const pos = lineCounter.linePos(node.range[0])
  return { start: { line: pos.line, column: pos.col } }
}
