import type { Position } from './problems'

/** The slice of the MDX syntax tree (mdast + remark-mdx) the content pipeline reads. */
export interface MdNode {
  type: string
  name?: string | null
  value?: unknown
  url?: string
  alt?: string | null
  depth?: number
  attributes?: MdAttribute[]
  children?: MdNode[]
  position?: Position
  data?: { estree?: EstreeProgram }
}

export interface MdAttribute {
  type: 'mdxJsxAttribute' | 'mdxJsxExpressionAttribute'
  name?: string
  value?: string | null | { type: 'mdxJsxAttributeValueExpression'; value: string; data?: { estree?: EstreeProgram } }
  position?: Position
}

export interface EstreeNode {
  type: string
  [key: string]: unknown
}
export interface EstreeProgram {
  body: EstreeNode[]
}

export function isJsxElement(node: MdNode) {
  return node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement'
}

/**
 * Components written right after a line of text land inside its paragraph, so
 * "children" of a component are found through plain Markdown nodes, stopping at
 * other components.
 */
export function findComponents(node: MdNode, name: string): MdNode[] {
  const found: MdNode[] = []
  for (const child of node.children ?? []) {
    if (isJsxElement(child)) {
      if (child.name === name) found.push(child)
    } else found.push(...findComponents(child, name))
  }
  return found
}

export function plainText(node: MdNode, skip?: (n: MdNode) => boolean): string {
  if (skip?.(node)) return ''
  if (node.type === 'text' || node.type === 'inlineCode') return String(node.value ?? '')
  if (node.type === 'break') return '\n'
  const parts = (node.children ?? []).map((c) => plainText(c, skip))
  return node.type === 'paragraph' || node.type === 'root' || isJsxElement(node) ? joinBlocks(node, parts) : parts.join('')
}

function joinBlocks(node: MdNode, parts: string[]) {
  const blockChildren = (node.children ?? []).some((c) => c.type === 'paragraph')
  return parts.join(blockChildren ? '\n\n' : '').trim()
}
