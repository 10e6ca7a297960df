import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, isRouteErrorResponse, useLoaderData, useParams, useRouteError } from '@remix-run/react'
import { VerifyForm } from '~/components/certificate'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { formatCertificateCode } from '~/domain/certificate-code'
import { formatDate } from '~/domain/calendar'
import { verifyCertificate } from '~/models/certificates.server'
import { invariantResponse } from '~/utils/responses.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Certificate ${formatCertificateCode(data.code)} · Servewell` : 'No such certificate · Servewell' },
]

/** Public: anyone holding a printed certificate may check it, so it tells no more than the paper does. */
export async function loader({ params }: LoaderFunctionArgs) {
  const certificate = await verifyCertificate(params.code ?? '')
  invariantResponse(certificate, 'No certificate has this code.')
  return json(certificate)
}

export default function VerifiedCertificate() {
  const c = useLoaderData<typeof loader>()
  const facts: [string, string][] = [
    ['Issued to', c.learnerName],
    ['Course', c.courseTitle],
    ['Organisation', c.organisationName],
    ['Completed on', formatDate(c.completedOn)],
    ['Verification code', formatCertificateCode(c.code)],
  ]
  return (
    <section className="mx-auto max-w-xl">
      <div className="rounded-xl border-l-4 border-brand-600 bg-brand-50 px-6 py-5" role="status">
        <h1 className="text-2xl font-bold tracking-tight">This certificate is valid</h1>
        <p className="mt-1 text-slate-700">
          {c.organisationName} issued it through Servewell when {c.learnerName} completed every lesson of the course.
        </p>
      </div>
      <dl className="mt-6 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
        {facts.map(([term, value]) => (
          <div key={term} className="grid gap-1 px-4 py-3 sm:grid-cols-3 sm:gap-4">
            <dt className="text-sm font-medium text-slate-600">{term}</dt>
            <dd className="break-words font-medium sm:col-span-2">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-6 text-sm">
        <Link to="/verify" className="font-medium text-brand-700 hover:underline">
          Check another code
        </Link>
      </p>
    </section>
  )
}

/** An unknown or mistyped code gets its answer and a second try, not the generic 404. */
export function ErrorBoundary() {
  const error = useRouteError()
  const { code } = useParams()
  if (!isRouteErrorResponse(error) || error.status !== 404) return <GeneralErrorBoundary />
  return (
    <section className="mx-auto max-w-xl">
      <p className="text-sm font-semibold text-brand-700">Error 404</p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight">No certificate has this code</h1>
      <p className="mt-3 text-slate-700">
        Check the code against the certificate: it has twelve letters and digits, in three groups of four.
      </p>
      <VerifyForm defaultValue={code} />
    </section>
  )
}
