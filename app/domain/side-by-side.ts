import { diffLines } from 'diff'

export interface DiffRow {
  kind: 'same' | 'removed' | 'added' | 'changed'
  left: { line: number; text: string } | null
  right: { line: number; text: string } | null
}

const linesOf = (value: string) => value.replace(/\n$/, '').split('\n')

/**
 * Two texts as rows of a side-by-side diff: unchanged lines side by side, a removed run
 * beside the run that replaced it (paired line by line), additions and removals alone.
 */
export function sideBySide(before: string, after: string): DiffRow[] {
  const rows: DiffRow[] = []
  let left = 1
  let right = 1
  const parts = diffLines(before, after)
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!
    const next = parts[i + 1]
    if (part.removed && next?.added) {
      const removed = linesOf(part.value)
      const added = linesOf(next.value)
      for (let j = 0; j < Math.max(removed.length, added.length); j++)
        rows.push({
          kind: j < removed.length && j < added.length ? 'changed' : j < removed.length ? 'removed' : 'added',
          left: j < removed.length ? { line: left++, text: removed[j]! } : null,
          right: j < added.length ? { line: right++, text: added[j]! } : null,
        })
      i++
    } else if (part.removed) {
      for (const text of linesOf(part.value)) rows.push({ kind: 'removed', left: { line: left++, text }, right: null })
    } else if (part.added) {
      for (const text of linesOf(part.value)) rows.push({ kind: 'added', left: null, right: { line: right++, text } })
    } else {
      for (const text of linesOf(part.value))
        rows.push({ kind: 'same', left: { line: left++, text }, right: { line: right++, text } })
    }
  }
  return rows
}
