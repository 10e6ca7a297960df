import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { requireUser } from '~/utils/require-user.server'

export const meta: MetaFunction = () => [{ title: 'Author · Servewell' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { permission: 'content:author' })
  return json({})
}

export default function AuthorPage() {
  return (
    <>
      <PageHeader
        title="Author"
        description="Write lessons, quizzes and role-play scenarios in MDX, preview them and check them before they reach learners."
      />
      <div className="grid gap-4 md:grid-cols-2">
        <Link
          to="/author/lessons"
          className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm hover:border-brand-600"
        >
          <h2 className="text-lg font-semibold">Lessons</h2>
          <p className="mt-1 text-slate-700">
            Write and edit lessons in the browser with a live check and preview, publish them, and restore earlier
            versions.
          </p>
        </Link>
        <Link
          to="/author/insights"
          className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm hover:border-brand-600"
        >
          <h2 className="text-lg font-semibold">Insights</h2>
          <p className="mt-1 text-slate-700">
            How each question performs, where learners stop in a lesson or scenario, and what they say about each
            course.
          </p>
        </Link>
        <Link
          to="/author/preview"
          className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm hover:border-brand-600"
        >
          <h2 className="text-lg font-semibold">Preview a lesson</h2>
          <p className="mt-1 text-slate-700">
            Paste MDX, see it rendered, and get every policy problem with its line number.
          </p>
        </Link>
        <Link
          to="/courses"
          className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm hover:border-brand-600"
        >
          <h2 className="text-lg font-semibold">Published courses</h2>
          <p className="mt-1 text-slate-700">Read the lessons as learners see them.</p>
        </Link>
      </div>
      <p className="mt-6 max-w-2xl text-sm text-slate-600">
        Teams that keep lessons in git edit the MDX files in <code>content/</code> (see content/README.md) and run{' '}
        <code>npm run content:sync</code>; <code>npm run content:pull</code> writes studio versions back to the files.
      </p>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
