import type { LoaderFunctionArgs } from '@remix-run/node'
import { certificatePdf } from '~/utils/certificate-pdf.server'
import { requireOwnCertificate } from '~/utils/certificate.server'

/** GET /learn/certificates/<course>/certificate.pdf: the signed-in learner's own certificate, to keep or send on. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { certificate, verifyUrl } = await requireOwnCertificate(request, params)
  return new Response(await certificatePdf(certificate, verifyUrl), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="certificate-${certificate.courseSlug}.pdf"`,
      'Cache-Control': 'no-store',
    },
  })
}
