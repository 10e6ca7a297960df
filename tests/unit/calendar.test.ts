import { formatDateTime, isTimeZone, todayIn } from '~/domain/calendar'

describe('days and times in the organisation’s time zone', () => {
  it('knows what day it is there', () => {
    const noonUtc = new Date('2026-12-01T12:00:00Z')
    expect(todayIn('UTC', noonUtc)).toBe('2026-12-01')
    expect(todayIn('Pacific/Auckland', noonUtc)).toBe('2026-12-02')
    expect(todayIn('America/Los_Angeles', new Date('2026-12-01T05:00:00Z'))).toBe('2026-11-30')
  })

  it('writes a moment in one format, on the zone’s clock', () => {
    expect(formatDateTime('2026-12-01T12:00:00Z')).toBe('1 Dec 2026, 12:00 UTC')
    expect(formatDateTime('2026-12-01T12:00:00Z', 'Europe/Berlin')).toBe('1 Dec 2026, 13:00 CET')
  })

  it('tells a real zone from a made-up one', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true)
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false)
    expect(isTimeZone('')).toBe(false)
  })
})
