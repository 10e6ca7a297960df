// npm run content:check [-- path/to/lesson.mdx …]
import path from 'node:path'
import { checkContent, checkLessonFile } from '../app/content/check.server'
import { formatProblem } from '../app/content/problems'

const root = path.resolve(process.env.CONTENT_DIR ?? 'content')
const files = process.argv.slice(2).filter((a) => !a.startsWith('-'))

const problems = files.length
  ? (await Promise.all(files.map((f) => checkLessonFile(path.resolve(f), root)))).flat()
  : (await checkContent(root)).problems

for (const p of problems) console.log(formatProblem(p))
if (problems.length > 0) {
  console.error(`\n${problems.length} problem${problems.length === 1 ? '' : 's'} found.`)
  process.exit(1)
}
console.log(files.length ? `${files.length} lesson file(s) OK.` : 'Content OK.')
