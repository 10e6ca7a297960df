import { Link } from '@remix-run/react'
import { NOT_YET_EVIDENCED } from '~/domain/competency-record'
import { ScrollRegion } from './ui/data-table'

export interface HeatmapRow {
  userId: string
  name: string
  cells: { level: string; score: number | null; items: number }[]
}

const cellStyles: Record<string, string> = {
  exemplary: 'bg-emerald-700 text-white',
  proficient: 'bg-emerald-200 text-emerald-950',
  developing: 'bg-amber-200 text-amber-950',
}

/**
 * People × competencies, coloured by level. "Not yet evidenced" is hatched grey rather than
 * a pale colour, so it never reads as a weak score; every cell also says its level in words.
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
  const levelName = (id: string) => levels.find((l) => l.id === id)?.name ?? 'Not yet evidenced'
  return (
    <div>
      <ScrollRegion label="Competency level per person">
        <table className="w-full border-collapse text-left text-sm" data-testid="heatmap">
          <caption className="sr-only">Competency level per person</caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2 font-semibold">
                Person
              </th>
              {competencies.map((c) => (
                <th key={c.id} scope="col" className="px-2 py-2 text-xs font-semibold">
                  {c.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.userId} className="border-t border-slate-100">
                <th scope="row" className="px-3 py-2 font-medium">
                  <Link to={`/team/people/${row.userId}`} className="text-brand-700 hover:underline">
                    {row.name}
                  </Link>
                </th>
                {row.cells.map((cell, i) => {
                  const competency = competencies[i]!
                  const measured = cell.level !== NOT_YET_EVIDENCED
                  return (
                    <td key={competency.id} className="p-1">
                      <span
                        className={`block rounded px-2 py-1.5 text-center text-xs font-medium ${
                          measured
                            ? (cellStyles[cell.level] ?? 'bg-slate-200')
                            : 'bg-[repeating-linear-gradient(45deg,#f1f5f9,#f1f5f9_4px,#e2e8f0_4px,#e2e8f0_8px)] text-slate-600'
                        }`}
                        title={`${row.name} · ${competency.name}: ${levelName(cell.level)}${cell.score === null ? '' : ` (${Math.round(cell.score * 100)}%)`}`}
                        data-testid={`cell-${row.userId}-${competency.id}`}
                        data-level={cell.level}
                      >
                        {measured ? `${levelName(cell.level)} ${Math.round((cell.score ?? 0) * 100)}%` : '—'}
                        <span className="sr-only">{measured ? '' : 'Not yet evidenced'}</span>
                      </span>
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <ul className="mt-3 flex flex-wrap gap-4 text-xs text-slate-700" aria-label="Legend">
        {levels.map((l) => (
          <li key={l.id} className="flex items-center gap-1.5">
            <span className={`inline-block h-3 w-5 rounded ${cellStyles[l.id] ?? 'bg-slate-200'}`} aria-hidden="true" />{' '}
            {l.name}
          </li>
        ))}
        <li className="flex items-center gap-1.5">
          <span
            className="inline-block h-3 w-5 rounded bg-[repeating-linear-gradient(45deg,#f1f5f9,#f1f5f9_4px,#e2e8f0_4px,#e2e8f0_8px)]"
            aria-hidden="true"
          />
          Not yet evidenced
        </li>
      </ul>
    </div>
  )
}
