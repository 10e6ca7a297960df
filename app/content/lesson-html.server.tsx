import { renderToStaticMarkup } from 'react-dom/server'
import { renderNodes } from '~/components/lesson/render-lesson'
import { type TreeNode, partsOf } from '~/domain/lesson-tree'
import type { BodySegment } from '~/components/lesson/lesson-body'

/**
 * A version's body as the lesson page sends it: its static prose rendered to HTML here, once,
 * through the same renderer the browser uses, and its interactive parts left as tree nodes.
 */
export function bodySegments(versionId: string, tree: readonly TreeNode[]): BodySegment[] {
  return partsOf(tree).map((part, i) => {
    const key = `${versionId}/${i}`
    return part.kind === 'static'
      ? { key, html: renderToStaticMarkup(<>{renderNodes(part.nodes)}</>) }
      : { key, node: part.node }
  })
}
