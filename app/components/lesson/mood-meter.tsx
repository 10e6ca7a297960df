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

const scale = [-3, -2, -1, 0, 1, 2, 3] as const

/** Red when the customer is upset, amber in the middle, green once they are won over. */
const toneOf = (mood: number) =>
  mood <= -2
    ? { cell: 'bg-red-600', text: 'text-red-800' }
    : mood <= 0
      ? { cell: 'bg-amber-500', text: 'text-amber-900' }
      : { cell: 'bg-brand-600', text: 'text-brand-800' }

/**
 * The customer's mood from −3 to +3: a seven-step scale with the current step filled and
 * named, so "Furious" and "Delighted" read as clearly as the middle (an empty or full bar
 * does not). Screen readers get a meter with the mood in words.
 */
export function MoodMeter({ mood, className = 'mt-4' }: { mood: number; className?: string }) {
  const clamped = Math.max(-3, Math.min(3, Math.round(mood)))
  const tone = toneOf(clamped)
  return (
    <div className={`flex flex-wrap items-center gap-x-3 gap-y-1 ${className}`}>
      <span className="text-sm text-slate-600">Customer mood</span>
      <div
        role="meter"
        aria-label="Customer mood"
        aria-valuemin={-3}
        aria-valuemax={3}
        aria-valuenow={clamped}
        aria-valuetext={moodLabel(clamped)}
        className="flex gap-0.5"
      >
        {scale.map((step) => (
          <span
            key={step}
            className={`h-3 w-5 first:rounded-l-full last:rounded-r-full ${
              step === clamped
                ? `${tone.cell} ring-2 ring-slate-900 ring-offset-1`
                : step <= clamped
                  ? `${tone.cell} opacity-40`
                  : 'bg-slate-200'
            }`}
          />
        ))}
      </div>
      <span className={`text-sm font-semibold ${tone.text}`} data-testid="mood-label">
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
