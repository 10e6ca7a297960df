import { isTimeZone } from '~/domain/calendar'

/** The server's own time zone (TZ, else the system's): the default until an admin chooses one. */
export function serverTimeZone() {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
  return zone && isTimeZone(zone) ? zone : 'UTC'
}

/** An organisation's time zone, or the server's when it has not chosen one (or chose one this runtime lacks). */
export function effectiveTimeZone(chosen: string | null | undefined) {
  return chosen && isTimeZone(chosen) ? chosen : serverTimeZone()
}
