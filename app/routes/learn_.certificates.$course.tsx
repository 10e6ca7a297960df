import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Certificate } from '~/components/certificate'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { buttonClass } from '~/components/ui/forms'
import { requireOwnCertificate } from '~/utils/certificate.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Certificate: ${data?.certificate.courseTitle ?? 'course'} · Servewell` },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  return json(await requireOwnCertificate(request, params))
}

export default function CertificatePage() {
  const { certificate, verifyUrl } = useLoaderData<typeof loader>()
  return (
    // Printed on a page of its own, A4 landscape (the `certificate` page in app/styles/app.css).
    <div className="[page:certificate]">
      <div className="mb-6 flex flex-wrap items-center gap-3 print:hidden">
        <Link to="/learn" className="mr-auto text-sm text-brand-700 hover:underline">
          ← My learning
        </Link>
        <a
          href={`/learn/certificates/${certificate.courseSlug}/certificate.pdf`}
          download
          className={buttonClass('secondary')}
        >
          Download PDF
        </a>
        <button type="button" onClick={() => window.print()} className={buttonClass()}>
          Print
        </button>
      </div>
      <Certificate certificate={certificate} verifyUrl={verifyUrl} />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
