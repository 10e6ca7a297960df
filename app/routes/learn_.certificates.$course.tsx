import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { completedCourses } from '~/models/my-learning.server'
import { getProfile } from '~/models/profile.server'
import { formatDate } from '~/domain/calendar'
import { requireUser } from '~/utils/require-user.server'
import { invariantResponse } from '~/utils/responses.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Certificate: ${data?.course.title ?? 'course'} · Servewell` },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'learn' })
  const slug = z
    .string()
    .regex(/^[a-z0-9-]{1,80}$/)
    .safeParse(params.course)
  const course = slug.success ? (await completedCourses(user.id)).find((c) => c.slug === slug.data) : undefined
  invariantResponse(course, 'There is no certificate for this course yet: it is issued when every lesson is complete.')
  const profile = await getProfile(user.id)
  return json({ name: profile.name, course })
}

export default function CertificatePage() {
  const { name, course } = useLoaderData<typeof loader>()
  return (
    <>
      <div className="mb-6 flex gap-3 print:hidden">
        <Link to="/learn" className="text-sm text-brand-700 hover:underline">
          ← My learning
        </Link>
        <button
          type="button"
          onClick={() => window.print()}
          className="ml-auto rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
        >
          Print
        </button>
      </div>
      <article
        className="mx-auto max-w-3xl rounded-2xl border-4 border-double border-brand-700 bg-white px-10 py-16 text-center shadow-sm print:border-brand-700 print:shadow-none"
        data-testid="certificate"
      >
        <p className="text-sm font-semibold uppercase tracking-[0.3em] text-brand-700">Certificate of completion</p>
        <p className="mt-10 text-slate-700">This certifies that</p>
        <h1 className="mt-2 text-4xl font-bold tracking-tight">{name}</h1>
        <p className="mt-6 text-slate-700">completed every lesson of</p>
        <p className="mt-2 text-2xl font-semibold">{course.title}</p>
        <p className="mt-10 text-slate-700">on {formatDate(course.completedOn)}</p>
        <p className="mt-12 text-sm text-slate-500">Servewell</p>
      </article>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
