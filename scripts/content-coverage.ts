// npm run content:coverage — which lessons teach each principle and how many scored items assess it.
import path from 'node:path'
import { checkContent } from '../app/content/check.server'
import { MIN_ITEMS_PER_COMPETENCY } from '../app/content/coverage.server'
import { formatProblem } from '../app/content/problems'

const check = await checkContent(path.resolve(process.env.CONTENT_DIR ?? 'content'))
const pad = (s: string, n: number) => s.padEnd(n)
const width = Math.max(...check.coverage.principles.map((p) => p.id.length), 9)

console.log(`${pad('principle', width)}  ${pad('competency', 20)}  items  lessons`)
for (const p of check.coverage.principles) {
  const flag = p.lessons.length === 0 || p.items === 0 ? '  ← missing' : ''
  console.log(
    `${pad(p.id, width)}  ${pad(p.competency, 20)}  ${String(p.items).padStart(5)}  ${p.lessons.join(', ') || '—'}${flag}`,
  )
}
console.log(`\n${pad('competency', 20)}  scored items (at least ${MIN_ITEMS_PER_COMPETENCY})`)
for (const c of check.coverage.competencies)
  console.log(
    `${pad(c.id, 20)}  ${String(c.items).padStart(5)}${c.items < MIN_ITEMS_PER_COMPETENCY ? '  ← too few' : ''}`,
  )

const covered = check.coverage.principles.filter((p) => p.lessons.length > 0 && p.items > 0).length
console.log(
  `\n${covered} of ${check.coverage.principles.length} principles taught and assessed; ${check.lessons.length} lessons.`,
)
if (check.problems.length) {
  for (const p of check.problems) console.error(formatProblem(p))
  process.exit(1)
}
