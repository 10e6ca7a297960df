import type { ReactNode } from 'react'

export interface Column {
  label: string
  align?: 'left' | 'right'
  /** Read to screen readers only, as for a column of buttons. */
  hidden?: boolean
}

/**
 * A box that scrolls sideways on a narrow screen rather than widening the page. It is a
 * labelled region that takes focus, so keyboard users can scroll it too.
 */
export function ScrollRegion({
  label,
  className = '',
  children,
}: {
  label: string
  className?: string
  children: ReactNode
}) {
  return (
    // A scrollable region must be reachable by keyboard (axe: scrollable-region-focusable).
    // Relative, so visually hidden (absolute) text inside is clipped by it instead of widening the page.
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className={`relative overflow-x-auto rounded-lg border border-slate-200 bg-white ${className}`}
    >
      {children}
    </div>
  )
}

/** A bordered table with a caption and a header row; rows (`<tr>`s) are the children. */
export function DataTable({
  caption,
  columns,
  children,
  className,
  compact = false,
  testId,
}: {
  caption: string
  columns: readonly Column[]
  children: ReactNode
  className?: string
  compact?: boolean
  testId?: string
}) {
  return (
    <ScrollRegion label={caption} className={className}>
      <table className="w-full text-left text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            {columns.map((c, i) => (
              <th
                key={i}
                scope="col"
                className={`${compact ? 'px-3 py-2' : 'px-4 py-3'} font-semibold ${c.align === 'right' ? 'text-right' : ''}`}
              >
                {c.hidden ? <span className="sr-only">{c.label}</span> : c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </ScrollRegion>
  )
}
