import { ScrollRegion } from '~/components/ui/data-table'
import type { DiffRow } from '~/domain/side-by-side'

const rowTone = { same: '', removed: 'bg-red-50', added: 'bg-green-50', changed: 'bg-amber-50' } as const

/**
 * Two texts side by side, before on the left; with `before` null, one text alone (a first
 * version has nothing to compare with).
 */
export function DiffTable({
  rows,
  label,
  before,
  after,
  testId,
}: {
  rows: DiffRow[]
  label: string
  before: string | null
  after: string
  testId: string
}) {
  return (
    <ScrollRegion label={label}>
      <table className="w-full table-fixed font-mono text-xs" data-testid={testId}>
        <caption className="sr-only">{before ? `${before} on the left, ${after} on the right` : after}</caption>
        <thead className="bg-slate-50 text-left font-sans text-slate-700">
          <tr>
            {before ? (
              <>
                <th scope="col" className="w-10 px-2 py-1">
                  <span className="sr-only">Line</span>
                </th>
                <th scope="col" className="px-2 py-1">
                  {before}
                </th>
              </>
            ) : null}
            <th scope="col" className="w-10 px-2 py-1">
              <span className="sr-only">Line</span>
            </th>
            <th scope="col" className="px-2 py-1">
              {after}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} className={before ? rowTone[r.kind] : ''} data-kind={r.kind}>
              {before ? (
                <>
                  <td className="px-2 align-top text-slate-500">{r.left?.line}</td>
                  <td className="whitespace-pre-wrap break-words px-2 align-top">{r.left?.text}</td>
                </>
              ) : null}
              <td className="px-2 align-top text-slate-500">{r.right?.line}</td>
              <td className="whitespace-pre-wrap break-words px-2 align-top">{r.right?.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  )
}
