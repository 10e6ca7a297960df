import { type Literal, type TreeElement, type TreeNode, lessonComponents, markdownElements, authorHtmlElements } from '~/domain/lesson-tree'

const FRAGMENT = Symbol.for('servewell.fragment')
const allowedTags = new Set<string>([...markdownElements, ...authorHtmlElements])

type Marker = ((props: unknown) => never) & { componentName: string }
function marker(name: string): Marker {
  const fn = (): never => {
    throw new Error(`${name} is rendered by the tree, not called`)
  }
  return Object.assign(fn, { componentName: name })
}
const components = Object.fromEntries(lessonComponents.map((name) => [name, marker(name)]))

/** The props the renderer may use per HTML tag; the rest of what MDX emits is dropped. */
const keptProps: Record<string, readonly string[]> = {
  a: ['href', 'title', 'id'],
  img: ['src', 'alt', 'title'],
  input: ['type', 'checked', 'disabled'],
  th: ['align'],
  td: ['align'],
  code: ['className'],
  li: ['id', 'className'],
  section: ['className'],
  sup: ['id'],
  abbr: ['title'],
  h2: ['id'],
  h3: ['id'],
  ol: ['start'],
}

function toChildren(value: unknown): TreeNode[] {
  if (value === null || value === undefined || value === false || value === true) return []
  if (Array.isArray(value)) return value.flatMap(toChildren)
  if (typeof value === 'string' || typeof value === 'number') return [String(value)]
  const node = value as { [FRAGMENT]?: TreeNode[] } & TreeElement
  if (node[FRAGMENT]) return node[FRAGMENT]
  return [node]
}

function jsx(type: unknown, rawProps: Record<string, unknown>): unknown {
  const { children, ...props } = rawProps ?? {}
  if (type === FRAGMENT) return { [FRAGMENT]: toChildren(children) }
  let tag: string
  let kept: Record<string, Literal> = {}
  if (typeof type === 'string') {
    if (!allowedTags.has(type)) throw new Error(`Unexpected element <${type}> in compiled lesson`)
    tag = type
    for (const name of keptProps[type] ?? []) if (name in props) kept[name] = props[name] as Literal
    if (tag === 'th' || tag === 'td') {
      const align = (props.style as { textAlign?: string } | undefined)?.textAlign
      if (align) kept = { align }
    }
  } else if (typeof type === 'function' && 'componentName' in type) {
    tag = (type as Marker).componentName
    kept = props as Record<string, Literal>
  } else {
    throw new Error('Unexpected component in compiled lesson')
  }
  const element: TreeElement = { tag }
  if (Object.keys(kept).length) element.props = kept
  const kids = toChildren(children)
  if (kids.length) element.children = kids
  return element
}

const runtime = { jsx, jsxs: jsx, Fragment: FRAGMENT }

/**
 * Runs a checked, compiled lesson on the server with a JSX runtime that builds plain
 * data instead of React elements. The policy has already proven the code contains
 * only literal values and allow-listed components, so this yields a tree and nothing
 * else; the browser receives that tree and never any code.
 */
export function evaluateLesson(code: string): TreeNode[] {
  const factory = new Function('React', 'ReactDOM', '_jsx_runtime', code) as (...args: unknown[]) => {
    default: (props: { components: Record<string, unknown> }) => unknown
  }
  const exported = factory({}, {}, runtime)
  const result = exported.default({ components })
  return toChildren(result).filter((n) => typeof n !== 'string' || n.trim() !== '')
}
