import { createContext, useCallback, useContext } from 'react'
import { formatDateTime } from '~/domain/calendar'

// The organisation's time zone, from the root loader: the server renders times as the browser
// will, so hydration agrees and everyone in the organisation reads the same clock.
const TimeZoneContext = createContext('UTC')

export const TimeZoneProvider = TimeZoneContext.Provider

/** Formats moments in the organisation's time zone, for text built in code. */
export function useDateTime() {
  const timeZone = useContext(TimeZoneContext)
  return useCallback((iso: string | Date) => formatDateTime(iso, timeZone), [timeZone])
}

/** A moment as people read it, in the organisation's time zone. */
export function DateTime({ value }: { value: string | Date }) {
  const dateTime = useDateTime()
  return <time dateTime={new Date(value).toISOString()}>{dateTime(value)}</time>
}
