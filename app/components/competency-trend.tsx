import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { formatDate } from '~/domain/calendar'
import type { TrendPoint } from '~/domain/competency-trends'

const percent = (v: number | null) => (v === null ? null : Math.round(v * 100))

/** The change over the whole window, in percentage points, from the first week with a figure. */
function change(points: readonly TrendPoint[]) {
  const measured = points.filter((p) => p.average !== null)
  const first = measured[0]?.average
  const last = measured[measured.length - 1]?.average
  if (first === undefined || last === undefined || first === null || last === null || measured.length < 2) return null
  return Math.round((last - first) * 100)
}

/** One competency's team average, week by week: a small line chart with its numbers in a table for screen readers. */
export function CompetencyTrend({ name, points }: { name: string; points: readonly TrendPoint[] }) {
  const data = points.map((p) => ({ week: formatDate(p.week), value: percent(p.average) }))
  const now = percent(points[points.length - 1]?.average ?? null)
  const moved = change(points)
  return (
    <figure className="relative rounded-lg border border-slate-200 bg-white p-4" data-testid={`trend-${name}`}>
      <figcaption className="flex flex-wrap items-baseline gap-x-3">
        <span className="font-semibold">{name}</span>
        <span className="text-sm text-slate-700">{now === null ? 'no levels yet' : `${now}% now`}</span>
        {moved === null ? null : (
          <span
            className={`text-sm font-semibold ${moved > 0 ? 'text-brand-800' : moved < 0 ? 'text-red-800' : 'text-slate-700'}`}
          >
            {moved > 0 ? `up ${moved}` : moved < 0 ? `down ${-moved}` : 'no change'}
            {moved === 0 ? '' : ' points'} over the weeks shown
          </span>
        )}
      </figcaption>
      <div className="mt-2 h-32 w-full overflow-hidden" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 20, bottom: 0, left: -16 }}>
            <CartesianGrid vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="week" tick={{ fontSize: 11 }} interval="preserveStartEnd" minTickGap={24} />
            <YAxis
              domain={[0, 100]}
              ticks={[0, 50, 100]}
              tickFormatter={(v: number) => `${v}%`}
              tick={{ fontSize: 11 }}
            />
            <Tooltip formatter={(v: number) => `${v}%`} />
            <Line
              type="monotone"
              dataKey="value"
              stroke="#1f7a5c"
              strokeWidth={2}
              dot={{ r: 2 }}
              connectNulls
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      {/* A table ignores a width narrower than its content: the hidden box around it holds it in. */}
      <div className="sr-only">
        <table>
          <caption>{name}: team average by week</caption>
          <thead>
            <tr>
              <th scope="col">Week ending</th>
              <th scope="col">Average</th>
              <th scope="col">People with a level</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.week}>
                <td>{formatDate(p.week)}</td>
                <td>{p.average === null ? 'none' : `${percent(p.average)}%`}</td>
                <td>{p.people}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  )
}
