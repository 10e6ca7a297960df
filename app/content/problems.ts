/** One thing wrong with a content file, in the form editors and CI understand. */
export interface ContentProblem {
  file: string
  line: number
  column: number
  message: string
}

export function formatProblem(p: ContentProblem) {
  return `${p.file}:${p.line}:${p.column}: ${p.message}`
}

export interface Position {
  start?: { line?: number; column?: number }
}

export class ProblemList {
  readonly items: ContentProblem[] = []
  constructor(readonly file: string) {}
  add(message: string, position?: Position | null, lineOffset = 0) {
    this.items.push({
      file: this.file,
      line: (position?.start?.line ?? 1) + lineOffset,
      column: position?.start?.column ?? 1,
      message,
    })
  }
}
