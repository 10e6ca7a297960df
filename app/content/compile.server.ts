import crypto from 'node:crypto'
import type { Plugin } from 'esbuild'
import { bundleMDX } from 'mdx-bundler'
import remarkGfm from 'remark-gfm'
import type { AssessmentDefinition } from '~/domain/assessments'
import { extractAssessments } from './assessments.server'
import { type LessonFrontmatter, readFrontmatter } from './frontmatter.server'
import type { MdNode } from './mdast'
import { type Catalog, checkPolicy } from './policy.server'
import { type ContentProblem, ProblemList } from './problems'

export const MAX_LESSON_BYTES = 1024 * 1024
const COMPILE_TIMEOUT_MS = 20_000

export type CompileResult =
  | {
      ok: true
      frontmatter: LessonFrontmatter
      code: string
      assessments: AssessmentDefinition[]
      contentHash: string
    }
  | { ok: false; problems: ContentProblem[] }

export function contentHash(source: string) {
  return crypto.createHash('sha256').update(source).digest('hex')
}

/** esbuild's own resolver is the last line of defence: a lesson can import nothing. */
const refuseImports: Plugin = {
  name: 'servewell-refuse-imports',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point' || args.path === 'react/jsx-runtime') return undefined
      return { errors: [{ text: `Lessons cannot import "${args.path}".` }] }
    })
  },
}

// esbuild is memory hungry and lessons are compiled rarely: one at a time.
let queue: Promise<unknown> = Promise.resolve()
function serialised<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task)
  queue = run.catch(() => undefined)
  return run
}

class PolicyViolation extends Error {}

/**
 * Checks a lesson against the safe-MDX policy and compiles it. Never returns code
 * for a lesson with problems; answer keys are lifted into `assessments` and absent
 * from `code`.
 */
export function compileLesson(source: string, options: { file: string; catalog?: Catalog }): Promise<CompileResult> {
  const problems = new ProblemList(options.file)
  if (Buffer.byteLength(source, 'utf8') > MAX_LESSON_BYTES) {
    problems.add(`The lesson is larger than ${MAX_LESSON_BYTES / 1024 / 1024} MB; split it into several lessons.`)
    return Promise.resolve({ ok: false, problems: problems.items })
  }
  const frontmatter = readFrontmatter(source, problems, options.catalog)
  let assessments: AssessmentDefinition[] = []
  let policyFailed = false

  const lessonPolicy = () => (tree: MdNode) => {
    const uses = checkPolicy(tree, problems, options.catalog)
    if (problems.items.length === 0) assessments = extractAssessments(tree, uses, problems)
    if (problems.items.length > 0) {
      policyFailed = true
      throw new PolicyViolation('The lesson breaks the content policy.')
    }
  }

  return serialised(async () => {
    let timer: NodeJS.Timeout | undefined
    try {
      const compiled = await Promise.race([
        bundleMDX({
          source,
          mdxOptions(mdx) {
            const [frontmatterPlugin] = mdx.remarkPlugins ?? []
            mdx.remarkPlugins = [frontmatterPlugin, remarkGfm, lessonPolicy] as typeof mdx.remarkPlugins
            return mdx
          },
          esbuildOptions(build) {
            build.plugins = [refuseImports, ...(build.plugins ?? [])]
            build.logLevel = 'silent'
            return build
          },
        }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), COMPILE_TIMEOUT_MS)
        }),
      ])
      if (!frontmatter || problems.items.length > 0) return { ok: false, problems: problems.items }
      return { ok: true, frontmatter, code: compiled.code, assessments, contentHash: contentHash(source) }
    } catch (error) {
      if (!policyFailed) {
        if (error instanceof Error && error.message === 'timeout')
          problems.add(`Compiling took longer than ${COMPILE_TIMEOUT_MS / 1000} seconds; simplify the lesson.`)
        else for (const message of syntaxErrors(error)) problems.add(message.text, message.position)
      }
      return { ok: false, problems: problems.items }
    } finally {
      clearTimeout(timer)
    }
  })
}

interface EsbuildMessage {
  text: string
  location?: { line: number; column: number } | null
  detail?: { cause?: { reason?: string; line?: number; column?: number } }
}

function syntaxErrors(error: unknown): { text: string; position?: { start: { line: number; column: number } } }[] {
  const messages = ((error as { errors?: EsbuildMessage[] })?.errors ?? []).filter((m) => m.text)
  if (messages.length === 0) return [{ text: `The lesson could not be compiled: ${String((error as Error)?.message ?? error)}` }]
  return messages.map((m) => {
    // MDX parse errors arrive wrapped: the real reason and its place are in detail.cause.
    const cause = m.detail?.cause
    const reason = cause?.reason ?? m.text.split('\n').slice(-1)[0] ?? m.text
    const place = /\((\d+):(\d+)/.exec(reason)
    const line = cause?.line ?? (place ? Number(place[1]) : m.location?.line || 1)
    const column = cause?.column ?? (place ? Number(place[2]) : (m.location?.column ?? 0) + 1)
    return {
      text: `MDX syntax: ${reason.replace(/\s*\(\d+:\d+-\d+:\d+\)\s*$/, '').replace(/^\d+:\d+: /, '')}.`,
      position: { start: { line, column } },
    }
  })
}
