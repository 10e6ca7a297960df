import type { Literal } from '~/domain/lesson-tree'
import { authorHtmlElements, lessonComponents } from '~/domain/lesson-tree'
import { allowedParents, componentProps } from './component-props'
import { type EstreeNode, type MdAttribute, type MdNode, isJsxElement } from './mdast'
import type { ProblemList } from './problems'

const componentSet = new Set<string>(lessonComponents)
const htmlSet = new Set<string>(authorHtmlElements)
const htmlProps: Record<string, readonly string[]> = { abbr: ['title'] }

export interface Catalog {
  competencies: ReadonlySet<string>
  principles: ReadonlySet<string>
}

/** Literal values only: the one kind of expression a lesson may contain. */
export function literalOf(node: EstreeNode): { ok: true; value: Literal } | { ok: false } {
  switch (node.type) {
    case 'Literal': {
      const value = node.value
      if ('regex' in node || 'bigint' in node) return { ok: false }
      if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return { ok: true, value: value as Literal }
      return { ok: false }
    }
    case 'UnaryExpression': {
      const arg = node.argument as EstreeNode
      if ((node.operator === '-' || node.operator === '+') && arg.type === 'Literal' && typeof arg.value === 'number')
        return { ok: true, value: node.operator === '-' ? -arg.value : arg.value }
      return { ok: false }
    }
    case 'TemplateLiteral': {
      const quasis = node.quasis as { value: { cooked: string } }[]
      if ((node.expressions as unknown[]).length > 0) return { ok: false }
      return { ok: true, value: quasis.map((q) => q.value.cooked).join('') }
    }
    case 'ArrayExpression': {
      const out: Literal[] = []
      for (const el of node.elements as (EstreeNode | null)[]) {
        if (!el || el.type === 'SpreadElement') return { ok: false }
        const item = literalOf(el)
        if (!item.ok) return item
        out.push(item.value)
      }
      return { ok: true, value: out }
    }
    case 'ObjectExpression': {
      const out: Record<string, Literal> = {}
      for (const prop of node.properties as EstreeNode[]) {
        if (prop.type !== 'Property' || prop.computed || prop.method || prop.shorthand || prop.kind !== 'init')
          return { ok: false }
        const key = prop.key as EstreeNode
        const name = key.type === 'Identifier' ? String(key.name) : key.type === 'Literal' ? String(key.value) : null
        if (name === null || name === '__proto__') return { ok: false }
        const value = literalOf(prop.value as EstreeNode)
        if (!value.ok) return value
        out[name] = value.value
      }
      return { ok: true, value: out }
    }
    default:
      return { ok: false }
  }
}

const SAFE_URL = /^(https?:|mailto:)/i
export function isSafeUrl(url: string) {
  const trimmed = url.trim()
  if (trimmed === '') return false
  if (SAFE_URL.test(trimmed)) return true
  // Relative addresses have no scheme: anything before the first "/", "?" or "#" without a colon.
  const beforePath = trimmed.split(/[/?#]/)[0] ?? ''
  return !beforePath.includes(':') && !/[\u0000-\u001f]/.test(trimmed)
}

function describeExpression(node: EstreeNode | undefined): string {
  if (!node) return 'an expression'
  if (node.type === 'CallExpression') return 'a function call'
  if (node.type === 'MemberExpression') return `a reference to code (${memberName(node)})`
  if (node.type === 'Identifier') return `a variable (${String(node.name)})`
  if (node.type.includes('Function')) return 'a function'
  return 'an expression'
}

function memberName(node: EstreeNode): string {
  if (node.type === 'Identifier') return String(node.name)
  if (node.type === 'MemberExpression') {
    const prop = node.property as EstreeNode
    return `${memberName(node.object as EstreeNode)}.${prop.type === 'Identifier' ? String(prop.name) : '…'}`
  }
  return '…'
}

export interface ComponentUse {
  name: string
  node: MdNode
  props: Record<string, Literal>
}

/**
 * Walks the lesson and records every violation of the safe-MDX policy: no imports
 * or exports, no expressions outside literal props of allow-listed components, no
 * spread or event-handler props, no unknown elements, no unsafe URLs, plus the
 * accessibility rules (alt text, heading order, link text). Returns the parsed
 * literal props of each component, for the assessment extractor.
 */
export function checkPolicy(tree: MdNode, problems: ProblemList, catalog?: Catalog) {
  const uses = new Map<MdNode, ComponentUse>()
  let lastHeading = 1

  const visit = (node: MdNode, parentComponent: string | null) => {
    switch (node.type) {
      case 'mdxjsEsm': {
        const text = String(node.value ?? '')
        problems.add(
          /^\s*import\b/.test(text)
            ? 'Imports are not allowed in lessons: use the built-in components listed in content/README.md.'
            : 'Exports are not allowed in lessons: a lesson is content, not code.',
          node.position,
        )
        return
      }
      case 'mdxFlowExpression':
      case 'mdxTextExpression': {
        const body = node.data?.estree?.body ?? []
        if (body.length === 0) return // a {/* comment */}
        const expr = (body[0] as EstreeNode).expression as EstreeNode | undefined
        problems.add(
          `Curly braces in text make ${describeExpression(expr)}, and code is not allowed in lessons. Write the text plainly (escape a literal brace as \\{).`,
          node.position,
        )
        return
      }
      case 'html':
        problems.add('Raw HTML is not allowed in lessons.', node.position)
        return
      case 'link':
      case 'image':
      case 'definition': {
        const url = String(node.url ?? '')
        if (!isSafeUrl(url))
          problems.add(`The address "${url.slice(0, 60)}" is not allowed: use http(s):, mailto: or a relative address.`, node.position)
        if (node.type === 'image' && !node.alt?.trim())
          problems.add('Images need alt text describing them, like ![A clerk greeting a guest](…).', node.position)
        if (node.type === 'link' && !(node.children ?? []).some((c) => hasText(c)))
          problems.add('Links need text that says where they go.', node.position)
        break
      }
      case 'heading': {
        const depth = node.depth ?? 2
        if (depth === 1) problems.add('Start headings at ## — the lesson title is the page\'s only # heading.', node.position)
        else if (depth > lastHeading + 1)
          problems.add(`This heading jumps from level ${lastHeading} to ${depth}; do not skip heading levels.`, node.position)
        lastHeading = depth
        break
      }
    }

    if (isJsxElement(node)) {
      const name = node.name ?? ''
      if (name === '') {
        problems.add('Fragments (<>…</>) are not allowed in lessons.', node.position)
      } else if (componentSet.has(name)) {
        const parents = allowedParents[name as keyof typeof allowedParents]
        if (!parents.includes(parentComponent as never)) {
          const where = parents.map((p) => (p ? `inside <${p}>` : 'at the top level of the lesson')).join(' or ')
          problems.add(`<${name}> belongs ${where}.`, node.position)
        }
        const props = readProps(node, name, problems)
        if (props) {
          const parsed = componentProps[name as keyof typeof componentProps].safeParse(props)
          if (!parsed.success) {
            for (const issue of parsed.error.issues) {
              const prop = issue.path.length ? `"${issue.path.join('.')}"` : ''
              problems.add(
                issue.code === 'unrecognized_keys'
                  ? `<${name}> has no prop ${issue.keys.map((k) => `"${k}"`).join(', ')}.`
                  : `<${name}> prop ${prop}: ${issue.message}.`,
                node.position,
              )
            }
          } else {
            uses.set(node, { name, node, props: parsed.data as Record<string, Literal> })
            if (catalog) checkCatalogIds(name, parsed.data as Record<string, unknown>, node, problems, catalog)
          }
        }
        parentComponent = name
      } else if (htmlSet.has(name)) {
        readProps(node, name, problems, htmlProps[name] ?? [])
      } else if (/^[a-z]/.test(name)) {
        problems.add(
          `The HTML element <${name}> is not allowed in lessons (allowed: ${authorHtmlElements.join(', ')}).`,
          node.position,
        )
        return
      } else {
        problems.add(`Unknown component <${name}>. Lessons may use: ${lessonComponents.join(', ')}.`, node.position)
        return
      }
    }
    for (const child of node.children ?? []) visit(child, parentComponent)
  }
  visit(tree, null)
  return uses
}

function hasText(node: MdNode): boolean {
  if (node.type === 'text' || node.type === 'inlineCode') return String(node.value ?? '').trim() !== ''
  if (node.type === 'image') return Boolean(node.alt?.trim())
  return (node.children ?? []).some(hasText)
}

function readProps(node: MdNode, component: string, problems: ProblemList, allowedNames?: readonly string[]) {
  const props: Record<string, Literal> = {}
  let ok = true
  for (const attr of node.attributes ?? []) {
    const at = attr.position ?? node.position
    if (attr.type === 'mdxJsxExpressionAttribute') {
      problems.add(`Spread props ({...}) are not allowed on <${component}>: write each prop out.`, at)
      ok = false
      continue
    }
    const name = attr.name ?? ''
    if (/^on[A-Z]/i.test(name) && name.length > 2) {
      problems.add(`Event-handler props like "${name}" are not allowed: lessons cannot run code.`, at)
      ok = false
      continue
    }
    if (name === 'dangerouslySetInnerHTML' || name === 'style' || name === 'ref' || name === 'key') {
      problems.add(`The prop "${name}" is not allowed in lessons.`, at)
      ok = false
      continue
    }
    if (allowedNames && !allowedNames.includes(name)) {
      problems.add(`<${component}> cannot take the prop "${name}".`, at)
      ok = false
      continue
    }
    const value = propValue(attr)
    if (!value.ok) {
      problems.add(
        `The prop "${name}" on <${component}> must be a literal value (text, number, true/false, or a list/object of those), not ${describeExpression(value.expression)}.`,
        at,
      )
      ok = false
      continue
    }
    if (typeof value.value === 'string' && /^(href|src|action|formaction|xlink:href)$/i.test(name) && !isSafeUrl(value.value)) {
      problems.add(`The address "${value.value.slice(0, 60)}" is not allowed: use http(s):, mailto: or a relative address.`, at)
      ok = false
      continue
    }
    props[name] = value.value
  }
  return ok ? props : null
}

function propValue(attr: MdAttribute): { ok: true; value: Literal } | { ok: false; expression?: EstreeNode } {
  if (attr.value === null || attr.value === undefined) return { ok: true, value: true }
  if (typeof attr.value === 'string') return { ok: true, value: attr.value }
  const statement = attr.value.data?.estree?.body?.[0]
  const expression = statement?.expression as EstreeNode | undefined
  if (!expression || statement?.type !== 'ExpressionStatement') return { ok: false }
  const literal = literalOf(expression)
  return literal.ok ? literal : { ok: false, expression }
}

function checkCatalogIds(name: string, props: Record<string, unknown>, node: MdNode, problems: ProblemList, catalog: Catalog) {
  const unknown = (kind: 'competency' | 'principle', id: string) =>
    problems.add(`<${name}> names the unknown ${kind} "${id}" (see content/${kind === 'competency' ? 'competencies' : 'principles'}.yml).`, node.position)
  for (const id of (props.competencies as string[] | undefined) ?? []) if (!catalog.competencies.has(id)) unknown('competency', id)
  for (const id of Object.keys((props.points as Record<string, number> | undefined) ?? {}))
    if (!catalog.competencies.has(id)) unknown('competency', id)
  for (const id of (props.principles as string[] | undefined) ?? []) if (!catalog.principles.has(id)) unknown('principle', id)
}
