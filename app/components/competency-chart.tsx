import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'

export interface ChartRow {
  name: string
  percent: number | null
  level: string
}

const levelColours: Record<string, string> = {
  exemplary: '#114a38',
  proficient: '#1f7a5c',
  developing: '#d97706',
}

/** Score per competency as horizontal bars; "not yet evidenced" shows as an empty bar. */
export function CompetencyChart({ rows }: { rows: ChartRow[] }) {
  const data = rows.map((r) => ({ ...r, value: r.percent ?? 0 }))
  return (
    <figure>
      <div className="h-72 w-full" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ left: 24, right: 24 }}>
            <CartesianGrid horizontal={false} stroke="#e2e8f0" />
            <XAxis type="number" domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} />
            <YAxis type="category" dataKey="name" width={150} tick={{ fontSize: 13 }} />
            <Tooltip formatter={(v: number) => `${v}%`} />
            <Bar dataKey="value" radius={[0, 4, 4, 0]} isAnimationActive={false}>
              {data.map((d) => (
                <Cell key={d.name} fill={levelColours[d.level] ?? '#cbd5e1'} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sr-only">
        {rows.map((r) => `${r.name}: ${r.percent === null ? 'not yet evidenced' : `${r.percent}%`}`).join('; ')}
      </figcaption>
    </figure>
  )
}
