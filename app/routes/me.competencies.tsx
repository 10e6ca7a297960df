import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { EmptyState, PageHeader } from '~/components/page-header'
import { requireUser } from '~/utils/require-user.server'

export const meta: MetaFunction = () => [{ title: 'My competencies · Servewell' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { permission: 'learn' })
  return json({})
}

export default function MyCompetenciesPage() {
  return (
    <>
      <PageHeader
        title="My competencies"
        description="Your record per competency, built from the quizzes and role-plays you complete."
      />
      <EmptyState title="No evidence yet">
        Finish a quiz or a role-play scenario and the result shows up here, with the evidence behind it.
      </EmptyState>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
