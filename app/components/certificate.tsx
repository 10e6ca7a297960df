import { Form } from '@remix-run/react'
import { formatCertificateCode } from '~/domain/certificate-code'
import { formatDate } from '~/domain/calendar'
import type { CertificateView } from '~/models/certificates.server'
import { Field, SubmitButton, controlClassFor } from './ui/forms'

/** The certificate as it is printed: the same words as its PDF (app/utils/certificate-pdf.server.ts). */
export function Certificate({ certificate: c, verifyUrl }: { certificate: CertificateView; verifyUrl: string }) {
  return (
    <article
      className="mx-auto flex max-w-4xl flex-col rounded-2xl border-4 border-double border-brand-700 bg-white px-5 py-10 text-center shadow-sm sm:px-12 sm:py-14 print:h-[182mm] print:max-w-none print:justify-center print:rounded-none print:shadow-none"
      data-testid="certificate"
    >
      <p className="text-lg font-semibold text-slate-800">{c.organisationName}</p>
      <p className="mt-2 text-xs font-semibold uppercase tracking-[0.3em] text-brand-700 sm:text-sm">
        Certificate of completion
      </p>
      <p className="mt-8 text-slate-700 sm:mt-10">This certifies that</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight break-words sm:text-5xl">{c.learnerName}</h1>
      <p className="mt-6 text-slate-700">completed every lesson of</p>
      <p className="mt-2 text-xl font-semibold break-words sm:text-2xl">{c.courseTitle}</p>
      <p className="mt-6 text-slate-700">on {formatDate(c.completedOn)}</p>
      <div className="mt-10 border-t border-slate-200 pt-4 text-sm text-slate-600 sm:mt-14">
        <p>
          Verification code{' '}
          <span className="font-mono font-semibold tracking-wider text-slate-900" data-testid="verification-code">
            {formatCertificateCode(c.code)}
          </span>
        </p>
        <p className="mt-1 break-all">Check it at {verifyUrl}</p>
      </div>
    </article>
  )
}

/** Where anyone types a code from a printed certificate; it opens /verify/<code>. */
export function VerifyForm({ defaultValue }: { defaultValue?: string }) {
  return (
    <Form method="get" action="/verify" className="mt-6 flex flex-col gap-3 text-left sm:flex-row sm:items-end">
      <div className="flex-1">
        <Field
          label="Verification code"
          name="code"
          hint="Twelve letters and digits, printed at the foot of the certificate."
          required
          maxLength={40}
          autoComplete="off"
          spellCheck={false}
          placeholder="ABCD-EFGH-JKMN"
          defaultValue={defaultValue}
          className={`mt-1 ${controlClassFor()} font-mono uppercase tracking-wider`}
        />
      </div>
      <SubmitButton pendingLabel="Checking…">Check the code</SubmitButton>
    </Form>
  )
}
