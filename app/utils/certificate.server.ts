import { z } from 'zod'
import { formatCertificateCode } from '~/domain/certificate-code'
import { certificateFor } from '~/models/certificates.server'
import { getEnv } from './env.server'
import { requireUser } from './require-user.server'
import { invariantResponse } from './responses.server'

const courseSlug = z.string().regex(/^[a-z0-9-]{1,80}$/)

/**
 * The signed-in learner's own certificate for the course in the URL, page or PDF alike, with
 * the address that verifies it. Anyone else's certificate is no certificate: 404, as is one
 * not earned yet.
 */
export async function requireOwnCertificate(request: Request, params: { course?: string }) {
  const user = await requireUser(request, { permission: 'learn' })
  const slug = courseSlug.safeParse(params.course)
  const certificate = slug.success ? await certificateFor(user.id, slug.data) : null
  invariantResponse(
    certificate,
    'There is no certificate for this course yet: it is issued when every lesson is complete.',
  )
  return { certificate, verifyUrl: verificationUrl(request, certificate.code) }
}

/** Absolute, since it is printed on paper: APP_URL when set (behind a proxy), else the address asked for. */
function verificationUrl(request: Request, code: string) {
  const origin = (getEnv().APP_URL ?? new URL(request.url).origin).replace(/\/+$/, '')
  return `${origin}/verify/${formatCertificateCode(code)}`
}
