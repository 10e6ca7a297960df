import { Fragment, createContext, useContext, useState } from 'react'
import type { TreeElement, TreeNode } from '~/domain/lesson-tree'
import { renderNodes } from './render-lesson'

/**
 * A part of a lesson's body: prose the server rendered to HTML once per version, or a node
 * with something per learner in it (a quiz, a role-play, a reflection, the mission). `html`
 * is null when the page's own markup already carries it, so the loader data does not repeat it.
 */
export type BodySegment = { key: string; html: string | null } | { key: string; node: TreeElement }

/** On the server, the HTML a document's loader data left out (provided by entry.server.tsx). */
export const SegmentHtmlContext = createContext<ReadonlyMap<string, string> | null>(null)

// In the browser, what hydration found in the page, for when a segment renders again.
const hydrated = new Map<string, string>()

function renderedHtml(key: string) {
  let html = hydrated.get(key)
  if (html === undefined) {
    html = document.querySelector(`[data-segment="${CSS.escape(key)}"]`)?.innerHTML ?? ''
    hydrated.set(key, html)
  }
  return html
}

function StaticSegment({ segmentKey, html }: { segmentKey: string; html: string | null }) {
  const fromServer = useContext(SegmentHtmlContext)
  const [markup] = useState(() => html ?? fromServer?.get(segmentKey) ?? renderedHtml(segmentKey))
  return <div className="contents" data-segment={segmentKey} dangerouslySetInnerHTML={{ __html: markup }} />
}

const proseClass = 'prose prose-slate max-w-none prose-headings:tracking-tight prose-a:text-brand-700'

/** A published lesson's body, from its segments. */
export function LessonSegments({ segments }: { segments: readonly BodySegment[] }) {
  return (
    <div className={proseClass}>
      {segments.map((s) =>
        'node' in s ? (
          <Fragment key={s.key}>{renderNodes([s.node])}</Fragment>
        ) : (
          <StaticSegment key={s.key} segmentKey={s.key} html={s.html} />
        ),
      )}
    </div>
  )
}

/** A lesson's body straight from its tree: the studio's preview of a draft. */
export function LessonBody({ tree }: { tree: TreeNode[] }) {
  return <div className={proseClass}>{renderNodes(tree)}</div>
}
