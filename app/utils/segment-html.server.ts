import type { AppLoadContext } from '@remix-run/node'
import type { BodySegment } from '~/components/lesson/lesson-body'

/**
 * A lesson body for a loader's response. On a document request the static HTML is rendered
 * into the markup from the load context and the loader data names it only by key; a data
 * request (a client-side navigation) has no markup, so it carries the HTML itself.
 */
export function segmentsForResponse(segments: readonly BodySegment[], context: AppLoadContext): BodySegment[] {
  const markup = context.segmentHtml
  if (!markup) return [...segments]
  return segments.map((s) => {
    if (!('html' in s) || s.html === null) return s
    markup.set(s.key, s.html)
    return { key: s.key, html: null }
  })
}
