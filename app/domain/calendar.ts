// Calendar dates are 'YYYY-MM-DD' strings in UTC, as the database's `date` columns give them:
// arithmetic and formatting on them never let a time zone shift the day.

export type IsoDate = string

const DAY_MS = 86_400_000

export function isoDate(moment: Date): IsoDate {
  return moment.toISOString().slice(0, 10)
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return isoDate(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS))
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)
}

// One formatter for every date: toLocaleDateString builds a new one on each call, a measurable
// part of rendering a list of dates (the team page has dozens).
const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
})

/** Formats a calendar date ("2026-03-01") without letting the viewer's time zone shift the day. */
export function formatDate(isoDate: string | null | undefined, fallback = '—') {
  if (!isoDate) return fallback
  return dateFormat.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`))
}

/** "1 Dec 2026, 15:36 CET": a moment, in the organisation's time zone (pages get it from useDateTime). */
export function formatDateTime(iso: string | Date, timeZone = 'UTC') {
  return formatterIn(dateTimeFormats, timeZone, () => ({
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  })).format(new Date(iso))
}

// A formatter per zone, made once: building one costs far more than formatting with it, and a
// page formats many times. Keyed by zones a caller already trusts (the organisation's, UTC).
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>()
const dayFormats = new Map<string, Intl.DateTimeFormat>()
function formatterIn(
  cache: Map<string, Intl.DateTimeFormat>,
  timeZone: string,
  options: () => Intl.DateTimeFormatOptions,
  locale = 'en-GB',
) {
  let format = cache.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options(), timeZone })
    cache.set(timeZone, format)
  }
  return format
}

// Asked on every signed-in request (the session's zone): building a formatter to find out is not
// free. Only zones that exist are remembered, so a typed-in name cannot grow the set.
const knownZones = new Set<string>()

/** Whether the runtime knows this IANA time zone ("Europe/Berlin"). */
export function isTimeZone(name: string) {
  if (knownZones.has(name)) return true
  if (name.length === 0) return false
  try {
    new Intl.DateTimeFormat('en', { timeZone: name })
  } catch {
    return false
  }
  knownZones.add(name)
  return true
}

/** The calendar day it is in a time zone: what "today" and "overdue" mean to the people there. */
export function todayIn(timeZone: string, now = new Date()): IsoDate {
  const parts = formatterIn(
    dayFormats,
    timeZone,
    () => ({ year: 'numeric', month: '2-digit', day: '2-digit' }),
    'en-CA',
  )
    .formatToParts(now)
    .reduce<Record<string, string>>((all, p) => ({ ...all, [p.type]: p.value }), {})
  return `${parts.year}-${parts.month}-${parts.day}`
}
