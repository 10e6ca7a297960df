/**
 * A lesson as the browser receives it: plain data, never code. The server evaluates
 * the compiled MDX into this tree; the client renders it through a fixed component
 * map (app/components/lesson/render-lesson.tsx).
 */
export type Literal = string | number | boolean | null | Literal[] | { [key: string]: Literal }

export interface TreeElement {
  /** An HTML tag from Markdown (lowercase) or an allow-listed component (Capitalised). */
  tag: string
  props?: Record<string, Literal>
  children?: TreeNode[]
}

export type TreeNode = string | TreeElement

export const lessonComponents = [
  'Callout',
  'KeyIdea',
  'Example',
  'MissionStatement',
  'Reflection',
  'Quiz',
  'Question',
  'Choice',
  'RolePlay',
  'Scene',
  'Customer',
  'Expert',
  'Option',
  'Ending',
] as const
export type LessonComponentName = (typeof lessonComponents)[number]

/** Raw HTML an author may write in MDX; everything else is Markdown or a component. */
export const authorHtmlElements = ['br', 'kbd', 'abbr', 'sub', 'sup', 'mark'] as const

/** Tags Markdown itself produces (GFM included), which the renderer knows how to draw. */
export const markdownElements = [
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'a',
  'strong',
  'em',
  'code',
  'pre',
  'blockquote',
  'hr',
  'img',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'del',
  'input',
  'section',
  'span',
  'div',
] as const

export function isTreeElement(node: TreeNode): node is TreeElement {
  return typeof node !== 'string'
}

/** The text of a subtree, for plain-text views and checks. */
export function treeText(nodes: readonly TreeNode[] | undefined): string {
  if (!nodes) return ''
  return nodes.map((n) => (typeof n === 'string' ? n : treeText(n.children))).join('')
}

/** A question's own text and its choices, apart: the stem renders as prose, the choices as inputs. */
export function splitQuestion(question: TreeElement) {
  const choices: TreeElement[] = []
  const strip = (nodes: readonly TreeNode[] | undefined): TreeNode[] =>
    (nodes ?? []).flatMap((n): TreeNode[] => {
      if (!isTreeElement(n)) return [n]
      if (n.tag === 'Choice') {
        choices.push(n)
        return []
      }
      return [{ ...n, children: strip(n.children) }]
    })
  const stem = strip(question.children).filter(
    (n) => !(isTreeElement(n) && n.tag === 'p' && treeText(n.children).trim() === ''),
  )
  return { stem, choices }
}

/** Components whose rendering depends on the learner or the organisation, not on the lesson alone. */
const perRequestComponents = new Set<string>(['Quiz', 'RolePlay', 'Reflection', 'MissionStatement'])

function isPerRequest(node: TreeNode): boolean {
  return isTreeElement(node) && (perRequestComponents.has(node.tag) || (node.children ?? []).some(isPerRequest))
}

export type TreePart = { kind: 'static'; nodes: TreeNode[] } | { kind: 'interactive'; node: TreeElement }

/**
 * A lesson's top-level nodes as runs of prose that read the same for everyone, which the
 * server renders to HTML once per version, and the nodes that hold something per learner.
 */
export function partsOf(tree: readonly TreeNode[]): TreePart[] {
  const parts: TreePart[] = []
  for (const node of tree) {
    const last = parts.at(-1)
    if (isTreeElement(node) && isPerRequest(node)) parts.push({ kind: 'interactive', node })
    else if (last?.kind === 'static') last.nodes.push(node)
    else parts.push({ kind: 'static', nodes: [node] })
  }
  return parts
}
