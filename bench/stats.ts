/** p50 and p95 of timing samples, in the samples' unit. */
export function summary(samples: readonly number[]) {
  const sorted = [...samples].sort((a, b) => a - b)
  const percentile = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
  return { p50: percentile(50), p95: percentile(95) }
}
