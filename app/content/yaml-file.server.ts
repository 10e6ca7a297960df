import fs from 'node:fs'
import { type Document, LineCounter, parseDocument, visit } from 'yaml'
import type { z } from 'zod'
import type { Position, ProblemList } from './problems'

// A few dozen aliases are plenty for hand-written content; far more is a "billion laughs" file.
const MAX_ALIAS_COUNT = 50

export interface ParsedYaml {
  doc: Document
  value: unknown
  /** The file position of a character offset in the parsed text. */
  at(offset: number | undefined): Position
}

/**
 * Parses YAML text, reporting every error (syntax, or aliases that would expand without
 * bound) as a problem at its line. `lineOffset` places text cut out of a larger file,
 * such as a lesson's frontmatter. Never throws for bad input.
 */
export function parseYaml(text: string, problems: ProblemList, options: { what: string; lineOffset?: number }): ParsedYaml | null {
  const lineCounter = new LineCounter()
  const lineOffset = options.lineOffset ?? 0
  const at = (offset: number | undefined): Position => {
    if (offset === undefined) return { start: { line: 1 + lineOffset, column: 1 } }
    const pos = lineCounter.linePos(offset)
    return { start: { line: pos.line + lineOffset, column: pos.col } }
  }
  let doc: Document
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false })
  } catch (error) {
    problems.add(`${options.what} is not valid YAML: ${firstLine(error)}`, at(0))
    return null
  }
  if (doc.errors.length > 0) {
    for (const error of doc.errors) problems.add(`${options.what} is not valid YAML: ${firstLine(error)}`, at(error.pos[0]))
    return null
  }
  try {
    return { doc, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), at }
  } catch {
    // toJS throws only when expanding aliases passes the cap: a file built to exhaust memory.
    problems.add(`${options.what} uses aliases that expand too far; write the values out instead.`, at(firstAliasOffset(doc)))
    return null
  }
}

function firstAliasOffset(doc: Document) {
  let offset: number | undefined
  visit(doc, {
    Alias(_, node) {
      offset = node.range?.[0]
      return visit.BREAK
    },
  })
  return offset
}

function firstLine(error: unknown) {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]
}

/**
 * Reads a YAML file and validates it, reporting each problem at the line of the
 * value it concerns. Returns null when the file is missing, malformed or invalid.
 */
export function readYamlFile<S extends z.ZodType>(path: string, schema: S, problems: ProblemList): z.infer<S> | null {
  if (!fs.existsSync(path)) {
    problems.add('This file is missing.')
    return null
  }
  const parsed = parseYaml(fs.readFileSync(path, 'utf8'), problems, { what: 'The file' })
  if (!parsed) return null
  const result = schema.safeParse(parsed.value)
  if (!result.success) {
    for (const issue of result.error.issues) {
      let path = issue.path as (string | number)[]
      let node = parsed.doc.getIn(path, true) as { range?: [number] } | undefined
      while (!node?.range && path.length > 0) {
        path = path.slice(0, -1)
        node = parsed.doc.getIn(path, true) as { range?: [number] } | undefined
      }
      const where = issue.path.length ? `${issue.path.join('.')}: ` : ''
      problems.add(`${where}${issue.message}`, parsed.at(node?.range?.[0]))
    }
    return null
  }
  return result.data
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
