import { Link } from '@remix-run/react'
import { NOT_YET_EVIDENCED } from '~/domain/competency-record'
import type { HeatmapCell } from '~/models/team-dashboard.server'
import { ScrollRegion } from './ui/data-table'

export interface HeatmapRow {
  userId: string
  name: string
  cells: HeatmapCell[]
}

/**
 * People × competencies, coloured by level. "Not yet evidenced" is hatched grey rather than
 * a pale colour, so it never reads as a weak score; every cell also says its level in words.
 *
 * A page has hundreds of cells, so each is only its level (`data-level`, which app.css colours,
 * `.heatmap`) and its words: no class list, no tooltip. Screen readers name a cell's person and
 * competency from the row and column headers, so the cell need not repeat them.
 */
export function CompetencyHeatmap({
  rows,
  competencies,
  levels,
}: {
  rows: HeatmapRow[]
  competencies: { id: string; name: string }[]
  levels: { id: string; name: string }[]
}) {
  const names = new Map(levels.map((l) => [l.id, l.name]))
  return (
    <div className="heatmap">
      <ScrollRegion label="Competency level per person">
        <table data-testid="heatmap">
          <caption className="sr-only">Competency level per person</caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              {competencies.map((c) => (
                <th key={c.id} scope="col">
                  {c.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.userId}>
                <th scope="row">
                  <Link to={`/team/people/${row.userId}`}>{row.name}</Link>
                </th>
                {row.cells.map((cell, i) =>
                  cell.level === NOT_YET_EVIDENCED ? (
                    <td key={i} data-level={cell.level}>
                      —<span className="sr-only">Not yet evidenced</span>
                    </td>
                  ) : (
                    <td key={i} data-level={cell.level}>
                      {`${names.get(cell.level) ?? cell.level} ${cell.percent ?? 0}%`}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <ul className="mt-3 flex flex-wrap gap-4 text-xs text-slate-700" aria-label="Legend">
        {[...levels, { id: NOT_YET_EVIDENCED, name: 'Not yet evidenced' }].map((l) => (
          <li key={l.id} className="flex items-center gap-1.5">
            <span className="inline-block h-3 w-5 rounded" data-level={l.id} aria-hidden="true" /> {l.name}
          </li>
        ))}
      </ul>
    </div>
  )
}
