const labels: Record<number, string> = {
  [-3]: 'Furious',
  [-2]: 'Upset',
  [-1]: 'Annoyed',
  0: 'Neutral',
  1: 'Calmer',
  2: 'Pleased',
  3: 'Delighted',
}

export const moodLabel = (mood: number) => labels[Math.max(-3, Math.min(3, Math.round(mood)))] ?? 'Neutral'

/** The customer's mood from −3 to +3, as a meter screen readers announce in words. */
export function MoodMeter({ mood }: { mood: number }) {
  const clamped = Math.max(-3, Math.min(3, Math.round(mood)))
  return (
    <div className="mt-4 flex items-center gap-3">
      <span className="text-sm text-slate-600">Customer mood</span>
      <meter
        aria-label="Customer mood"
        aria-valuetext={moodLabel(clamped)}
        min={-3}
        max={3}
        low={-1}
        high={1}
        optimum={3}
        value={clamped}
        className="h-3 w-40"
      />
      <span className="text-sm font-medium" data-testid="mood-label">
        {moodLabel(clamped)}
      </span>
    </div>
  )
}

/** The mood after each reply, as a small line chart with the values also listed for screen readers. */
export function MoodCurve({ points }: { points: number[] }) {
  const width = 320
  const height = 90
  const step = points.length > 1 ? width / (points.length - 1) : width
  const y = (m: number) => ((3 - m) / 6) * (height - 10) + 5
  const path = points.map((m, i) => `${i === 0 ? 'M' : 'L'}${(i * step).toFixed(1)},${y(m).toFixed(1)}`).join(' ')
  return (
    <figure className="mt-2">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        className="h-24 w-full max-w-sm"
        role="img"
        aria-label={`Mood: ${points.map(moodLabel).join(', then ')}`}
      >
        <line x1="0" x2={width} y1={y(0)} y2={y(0)} className="stroke-slate-200" strokeDasharray="4 4" />
        <path d={path} fill="none" className="stroke-brand-600" strokeWidth="3" strokeLinejoin="round" />
        {points.map((m, i) => (
          <circle key={i} cx={i * step} cy={y(m)} r="4" className="fill-brand-700" />
        ))}
      </svg>
      <figcaption className="text-sm text-slate-600">{points.map(moodLabel).join(' → ')}</figcaption>
    </figure>
  )
}
