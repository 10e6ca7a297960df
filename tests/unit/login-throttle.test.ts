import { LOGIN_MAX_FAILURES, LOGIN_WINDOW_MS, minutesUntil, throttleDecision } from '~/domain/login-throttle'

const now = new Date('2026-11-23T12:00:00Z')
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000)

describe('sign-in throttle', () => {
  it('allows tries below the limit', () => {
    const failures = Array.from({ length: LOGIN_MAX_FAILURES - 1 }, (_, i) => minutesAgo(i))
    expect(throttleDecision(failures, now).allowed).toBe(true)
  })

  it('blocks at the limit and says when the next try is allowed', () => {
    const failures = [minutesAgo(10), minutesAgo(8), minutesAgo(5), minutesAgo(2), minutesAgo(1)]
    const decision = throttleDecision(failures, now)
    expect(decision.allowed).toBe(false)
    if (decision.allowed) return
    expect(decision.retryAt.getTime()).toBe(minutesAgo(10).getTime() + LOGIN_WINDOW_MS)
    expect(minutesUntil(decision.retryAt, now)).toBe(5)
  })

  it('forgets failures older than the window', () => {
    const failures = [minutesAgo(40), minutesAgo(30), minutesAgo(20), minutesAgo(16), minutesAgo(1)]
    expect(throttleDecision(failures, now).allowed).toBe(true)
  })
})
