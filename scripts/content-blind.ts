// npm run content:blind [-- lesson-slug …] — plays quizzes and role-plays as a learner who never reads.
import fs from 'node:fs'
import path from 'node:path'
import { loadContentTree } from '../app/content/catalog.server'
import { compileLesson } from '../app/content/compile.server'
import { formatProblem } from '../app/content/problems'
import { BLIND_STRATEGIES, blindQuizPassChance, blindRolePlayEnding, bestRun } from '../app/domain/test-wise'

const root = path.resolve(process.env.CONTENT_DIR ?? 'content')
const slugs = process.argv.slice(2).filter((a) => !a.startsWith('-'))
const tree = loadContentTree(root)
let passes = 0

for (const course of tree.courses)
  for (const lesson of course.lessonFiles) {
    if (slugs.length > 0 && !slugs.includes(lesson.slug)) continue
    const result = await compileLesson(fs.readFileSync(lesson.file, 'utf8'), {
      file: path.relative(process.cwd(), lesson.file),
      catalog: tree.catalog,
    })
    if (!result.ok) {
      for (const p of result.problems) console.error(formatProblem(p))
      process.exitCode = 1
      continue
    }
    console.log(`${course.slug}/${lesson.slug}`)
    for (const a of result.assessments) {
      if (a.kind === 'reflection') continue
      if (a.kind === 'roleplay') {
        const best = bestRun(a)
        console.log(
          `  role-play ${a.id} · most points (${best.total}): ${best.replies.map((r) => `${r.id} (${r.mood >= 0 ? '+' : ''}${r.mood})`).join(' → ')} → ${best.ending?.outcome} ending "${best.ending?.id}"`,
        )
      }
      for (const strategy of BLIND_STRATEGIES) {
        if (a.kind === 'quiz') {
          const chance = blindQuizPassChance(a, strategy)
          if (chance > 0) passes++
          console.log(
            `  quiz ${a.id} · always ${strategy}: ${chance > 0 ? `passes ${Math.round(chance * 100)}% of draws` : 'fails'}`,
          )
        } else {
          const ending = blindRolePlayEnding(a, strategy)
          if (ending?.outcome === 'good') passes++
          console.log(
            `  role-play ${a.id} · always ${strategy}: ${ending ? `${ending.outcome} ending "${ending.id}"` : 'no ending'}`,
          )
        }
      }
    }
  }
console.log(passes === 0 ? '\nNo blind strategy passes.' : `\n${passes} blind pass${passes === 1 ? '' : 'es'}.`)
