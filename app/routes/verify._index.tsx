import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { VerifyForm } from '~/components/certificate'
import { GeneralErrorBoundary } from '~/components/error-boundary'

export const meta: MetaFunction = () => [{ title: 'Check a certificate · Servewell' }]

/** Public, like the certificates it checks: the form sends ?code=, which opens that code's own page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const code = new URL(request.url).searchParams.get('code')?.trim()
  if (code) throw redirect(`/verify/${encodeURIComponent(code)}`)
  return json({})
}

export default function VerifyPage() {
  return (
    <section className="mx-auto max-w-xl">
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Check a certificate</h1>
      <p className="mt-2 text-slate-700">
        Every Servewell certificate carries a verification code. Type it here to see whom it was issued to, for which
        course, and when.
      </p>
      <VerifyForm />
    </section>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
