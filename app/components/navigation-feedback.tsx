import { useLocation, useNavigation } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { rememberSubmittedForm, takeSubmission, useBusy } from './ui/submission'

/** How long a navigation may take before the bar shows, so quick ones do not flicker. */
const PENDING_BAR_DELAY_MS = 150

/** A thin bar at the top while a page loads or a form is sent; decoration, the buttons say it in words. */
function PendingBar() {
  const loading = useNavigation().state !== 'idle'
  const [late, setLate] = useState(false)
  useEffect(() => {
    if (!loading) return
    const timer = setTimeout(() => setLate(true), PENDING_BAR_DELAY_MS)
    return () => {
      clearTimeout(timer)
      setLate(false)
    }
  }, [loading])
  const shown = loading && late
  return (
    <div
      aria-hidden="true"
      data-testid="pending-bar"
      data-shown={shown}
      className={`pointer-events-none fixed inset-x-0 top-0 z-50 h-1 overflow-hidden transition-opacity print:hidden ${shown ? 'opacity-100' : 'opacity-0'}`}
    >
      <div className="h-full w-1/3 animate-pending bg-brand-600 motion-reduce:w-full motion-reduce:animate-none" />
    </div>
  )
}

/**
 * Where the focus goes once the app is idle again. After a form: its first invalid field, else
 * the result it rendered (an `Alert`), else, if it led to another page, that page. After a
 * client-side navigation: the new page's `<main>`, with its title read out by a polite live
 * region. Not on the first load, where the browser starts at the top of the page.
 */
export function NavigationFeedback() {
  const busy = useBusy()
  const location = useLocation()
  const shownPath = useRef(location.pathname)
  const [announcement, setAnnouncement] = useState('')

  useEffect(() => {
    document.addEventListener('submit', rememberSubmittedForm, { capture: true })
    return () => document.removeEventListener('submit', rememberSubmittedForm, { capture: true })
  }, [])

  useEffect(() => {
    if (busy) return
    const newPage = location.pathname !== shownPath.current
    shownPath.current = location.pathname
    const { form, result } = takeSubmission()
    const invalid = form?.isConnected ? form.querySelector<HTMLElement>('[aria-invalid="true"]') : null
    const target =
      invalid ?? (result?.isConnected ? result : null) ?? (newPage ? document.getElementById('main') : null)
    target?.focus()
    if (newPage) setAnnouncement(document.title)
  }, [busy, location.pathname])

  return (
    <>
      <PendingBar />
      <p aria-live="polite" className="sr-only" data-testid="route-announcer">
        {announcement}
      </p>
    </>
  )
}
