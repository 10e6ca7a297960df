import { isTimeZone } from '~/domain/calendar'

let ownZone: string | undefined

/**
 * The server's own time zone (TZ, else the system's): the default until an admin chooses one.
 * Read once: it is asked on every page (the root loader), and building a formatter to find out
 * costs about a millisecond there.
 */
export function serverTimeZone() {
  if (ownZone === undefined) {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
    ownZone = zone && isTimeZone(zone) ? zone : 'UTC'
  }
  return ownZone
}

/** An organisation's time zone, or the server's when it has not chosen one (or chose one this runtime lacks). */
export function effectiveTimeZone(chosen: string | null | undefined) {
  return chosen && isTimeZone(chosen) ? chosen : serverTimeZone()
}
