import { Link, isRouteErrorResponse, useRouteError } from '@remix-run/react'

const messages: Record<number, { title: string; body: string }> = {
  400: { title: 'That request could not be understood', body: 'Please check what you entered and try again.' },
  403: {
    title: 'You do not have access to this page',
    body: 'Your role does not include this area. If you think it should, ask an admin in your organisation.',
  },
  404: { title: 'Page not found', body: 'The page you were looking for does not exist or has moved.' },
  405: { title: 'Not allowed', body: 'This page does not accept that kind of request.' },
  429: { title: 'Too many requests', body: 'Please wait a moment and try again.' },
}

/**
 * The friendly page for anything a route throws. Expected responses (403, 404 …) get a
 * title for their status and the route's own message when it gave one; unexpected errors
 * show a generic message, and a stack trace only in development.
 */
export function GeneralErrorBoundary() {
  const error = useRouteError()
  let status = 500
  let title = 'Something went wrong on our side'
  let body = 'The problem has been logged. Please try again in a moment.'
  let detail: string | null = null

  if (isRouteErrorResponse(error)) {
    status = error.status
    const known = messages[status]
    if (known) ({ title, body } = known)
    else if (status < 500) title = 'That did not work'
    if (status < 500 && typeof error.data === 'string' && error.data.trim()) body = error.data
  } else if (process.env.NODE_ENV === 'development' && error instanceof Error) {
    detail = error.stack ?? error.message
  }

  return (
    <section className="mx-auto max-w-xl py-12 text-center" aria-labelledby="error-title">
      <p className="text-sm font-semibold text-brand-700">Error {status}</p>
      <h1 id="error-title" className="mt-2 text-2xl font-bold tracking-tight">
        {title}
      </h1>
      <p className="mt-3 text-slate-700">{body}</p>
      {detail ? (
        <pre className="mt-6 overflow-auto rounded bg-slate-900 p-4 text-left text-xs text-slate-100">{detail}</pre>
      ) : null}
      <p className="mt-8">
        <Link to="/" className="font-medium text-brand-700 underline hover:text-brand-800">
          Go to your home page
        </Link>
      </p>
    </section>
  )
}
