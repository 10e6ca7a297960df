import { useFetchers, useNavigation } from '@remix-run/react'

/**
 * What the last form submission left behind, for the focus to follow (see `NavigationFeedback`):
 * the form that was sent, and the result an `Alert` rendered while it was on its way.
 */
const last: { form: HTMLFormElement | null; result: HTMLElement | null } = { form: null, result: null }

/** Remembers a form as it is sent; the document hears every submit, so no form has to opt in. */
export function rememberSubmittedForm(event: SubmitEvent) {
  if (event.target instanceof HTMLFormElement) last.form = event.target
  last.result = null
}

/** Called by an `Alert` as it renders: if a form is on its way, this is what it answered. */
export function offerResult(element: HTMLElement) {
  if (last.form) last.result = element
}

/** The submission's form and result, once; the next submission starts afresh. */
export function takeSubmission() {
  const taken = { ...last }
  last.form = null
  last.result = null
  return taken
}

/** Whether a page load or any form (a navigation or a fetcher) is still on its way. */
export function useBusy() {
  const navigation = useNavigation()
  const fetchers = useFetchers()
  return navigation.state !== 'idle' || fetchers.some((f) => f.state !== 'idle')
}
