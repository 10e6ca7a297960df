import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { EmptyState, PageHeader } from '~/components/page-header'
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
      <EmptyState title="No lessons published yet">
        Lessons live as MDX files in the repository's <code>content/</code> folder and are loaded into the
        database when content is synced.
      </EmptyState>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
