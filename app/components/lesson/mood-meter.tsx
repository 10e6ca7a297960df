const labels: Record<number, string> = {
  [-3]: 'Furious',
  [-2]: 'Upset',
  [-1]: 'Annoyed',
  0: 'Neutral',
  1: 'Calmer',
  2: 'Pleased',
  3: 'Delighted',
}

/** The customer's mood from −3 to +3, as a meter screen readers announce in words. */
export function MoodMeter({ mood }: { mood: number }) {
  const clamped = Math.max(-3, Math.min(3, Math.round(mood)))
  return (
    <div className="mt-4 flex items-center gap-3">
      <span className="text-sm text-slate-600" id="mood-label">
        Customer mood
      </span>
      <meter
        aria-labelledby="mood-label"
        aria-valuetext={labels[clamped]}
        min={-3}
        max={3}
        low={-1}
        high={1}
        optimum={3}
        value={clamped}
        className="h-3 w-40"
      />
      <span className="text-sm font-medium">{labels[clamped]}</span>
    </div>
  )
}
