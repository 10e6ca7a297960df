export const LOGIN_MAX_FAILURES = 5
export const LOGIN_WINDOW_MS = 15 * 60 * 1000

/**
 * Given the times of recent failures for one account from one client address,
 * says whether another try is allowed now and, if not, when it will be.
 */
export function throttleDecision(failures: readonly Date[], now: Date) {
  const windowStart = now.getTime() - LOGIN_WINDOW_MS
  const recent = failures
    .map((d) => d.getTime())
    .filter((t) => t > windowStart)
    .sort((a, b) => a - b)
  if (recent.length < LOGIN_MAX_FAILURES) return { allowed: true as const }
  // The oldest failure that still counts must leave the window before a new try.
  const oldestCounted = recent[recent.length - LOGIN_MAX_FAILURES] ?? now.getTime()
  const retryAt = new Date(oldestCounted + LOGIN_WINDOW_MS)
  return { allowed: false as const, retryAt }
}

export function minutesUntil(when: Date, now: Date) {
  return Math.max(1, Math.ceil((when.getTime() - now.getTime()) / 60000))
}
