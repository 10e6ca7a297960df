import { isTimeZone } from '~/domain/calendar'

let serverZone: string | undefined

/** The server's own time zone (TZ, else the system's): the default until an admin chooses one. */
export function serverTimeZone() {
  // Asked on most requests; a formatter per call showed in the lesson page's profile.
  if (!serverZone) {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
    serverZone = zone && isTimeZone(zone) ? zone : 'UTC'
  }
  return serverZone
}

/** An organisation's time zone, or the server's when it has not chosen one (or chose one this runtime lacks). */
export function effectiveTimeZone(chosen: string | null | undefined) {
  return chosen && isTimeZone(chosen) ? chosen : serverTimeZone()
}
