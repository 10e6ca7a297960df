import { Fragment, type ReactNode } from 'react'
import { type TreeNode, isTreeElement, treeText } from '~/domain/lesson-tree'
import { Callout, Example, KeyIdea, MissionStatement } from './prose-components'
import { QuizView } from './quiz-view'
import { ReflectionView } from './reflection-view'
import { RolePlayView } from './role-play-view'

const str = (v: unknown) => (typeof v === 'string' ? v : undefined)

/** Renders the server-evaluated lesson tree. Only tags and components listed here can appear. */
export function renderNodes(nodes: readonly TreeNode[] | undefined): ReactNode {
  if (!nodes) return null
  return nodes.map((node, i) => <Fragment key={i}>{renderNode(node)}</Fragment>)
}

function renderNode(node: TreeNode): ReactNode {
  if (!isTreeElement(node)) return node
  const p = node.props ?? {}
  const kids = () => renderNodes(node.children)
  switch (node.tag) {
    case 'Callout':
      return (
        <Callout tone={str(p.tone)} title={str(p.title)}>
          {kids()}
        </Callout>
      )
    case 'KeyIdea':
      return <KeyIdea title={str(p.title)}>{kids()}</KeyIdea>
    case 'Example':
      return <Example title={str(p.title)}>{kids()}</Example>
    case 'MissionStatement':
      return <MissionStatement />
    case 'Reflection':
      return (
        <ReflectionView id={String(p.id)} prompt={String(p.prompt)}>
          {kids()}
        </ReflectionView>
      )
    case 'Quiz':
      return <QuizView node={node} renderNodes={renderNodes} />
    case 'RolePlay':
      return <RolePlayView id={String(p.id)} title={String(p.title)} />
    case 'a':
      return (
        <a href={str(p.href)} title={str(p.title)} id={str(p.id)}>
          {kids()}
        </a>
      )
    case 'img':
      return <img src={str(p.src)} alt={str(p.alt) ?? ''} title={str(p.title)} loading="lazy" />
    case 'input':
      return <input type="checkbox" checked={p.checked === true} disabled readOnly aria-label="Done" />
    case 'th':
    case 'td': {
      const Tag = node.tag
      const align = str(p.align)
      return (
        <Tag className={align === 'right' ? 'text-right' : align === 'center' ? 'text-center' : undefined}>
          {kids()}
        </Tag>
      )
    }
    case 'code':
      return <code className={str(p.className)}>{kids()}</code>
    case 'ol':
      return <ol start={typeof p.start === 'number' ? p.start : undefined}>{kids()}</ol>
    case 'abbr':
      return <abbr title={str(p.title)}>{kids()}</abbr>
    case 'li':
    case 'section':
    case 'sup':
    case 'h2':
    case 'h3': {
      const Tag = node.tag
      return (
        <Tag id={str(p.id)} className={str(p.className)}>
          {kids()}
        </Tag>
      )
    }
    case 'p':
    case 'h1':
    case 'h4':
    case 'h5':
    case 'h6':
    case 'ul':
    case 'strong':
    case 'em':
    case 'pre':
    case 'blockquote':
    case 'table':
    case 'thead':
    case 'tbody':
    case 'tr':
    case 'del':
    case 'span':
    case 'div':
    case 'br':
    case 'kbd':
    case 'sub':
    case 'mark': {
      const Tag = node.tag
      return node.tag === 'br' ? <br /> : <Tag>{kids()}</Tag>
    }
    case 'hr':
      return <hr />
    default:
      // A tag the server would never emit; show its text rather than trusting it.
      return <span>{treeText(node.children)}</span>
  }
}
