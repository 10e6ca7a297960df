import type { AssessmentDefinition } from '~/domain/assessments'
import type { Catalog } from './policy.server'
import { checkLessonSource } from './check.server'
import { publicRolePlayStart } from './public-views'
import { evaluateLesson } from './render-tree.server'
import { bestPath } from '~/domain/role-play-engine'
import { BLIND_STRATEGIES, blindQuizPassChance, blindRolePlayEnding } from '~/domain/test-wise'

export interface PreviewProblem {
  line: number
  column: number
  message: string
}

/** What a trainer sees of each assessment: its shape, never its answer key. */
function assessmentSummary(assessments: AssessmentDefinition[]) {
  return assessments.map((a) =>
    a.kind === 'quiz'
      ? { kind: a.kind, id: a.id, detail: `${a.questions.length} question(s), pass mark ${a.passMark}%` }
      : a.kind === 'roleplay'
        ? {
            kind: a.kind,
            id: a.id,
            detail: `${a.scenes.length} scene(s), ${a.endings.length} ending(s), starts at mood ${a.mood}`,
          }
        : { kind: a.kind, id: a.id, detail: a.prompt },
  )
}

/** For the trainer walking through their own assessments: keys, and what a learner who never reads reaches. */
function walkthrough(assessments: AssessmentDefinition[]) {
  return {
    quizzes: assessments.flatMap((a) =>
      a.kind === 'quiz'
        ? [
            {
              ...a,
              blind: BLIND_STRATEGIES.map((strategy) => {
                const chance = blindQuizPassChance(a, strategy)
                return { strategy, outcome: chance > 0 ? `passes ${Math.round(chance * 100)}% of draws` : 'fails' }
              }),
            },
          ]
        : [],
    ),
    rolePlays: assessments.flatMap((a) =>
      a.kind === 'roleplay'
        ? [
            {
              ...a,
              best: bestPath(a).total,
              blind: BLIND_STRATEGIES.map((strategy) => ({
                strategy,
                outcome: `${blindRolePlayEnding(a, strategy)?.outcome ?? 'no'} ending`,
              })),
            },
          ]
        : [],
    ),
  }
}

/**
 * Checks MDX exactly as publishing does and renders it through the same tree as a published
 * lesson; nothing is saved. Every problem found, and the lesson as learners would get it
 * whenever it compiles (a guessable quiz still renders, with its problems listed).
 */
export async function previewLesson(source: string, catalog: Catalog, file = 'preview.mdx') {
  const { result, problems } = await checkLessonSource(source, { file, catalog })
  return {
    problems: problems.map(({ line, column, message }): PreviewProblem => ({ line, column, message })),
    preview: result.ok
      ? {
          title: result.frontmatter.title,
          summary: result.frontmatter.summary,
          tree: evaluateLesson(result.code),
          rolePlays: result.assessments.flatMap((a) => (a.kind === 'roleplay' ? [publicRolePlayStart(a)] : [])),
          assessments: assessmentSummary(result.assessments),
          walkthrough: walkthrough(result.assessments),
        }
      : null,
  }
}
