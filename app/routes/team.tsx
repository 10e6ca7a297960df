import type { LoaderFunctionArgs } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Outlet, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { type Section, SectionNav } from '~/components/section-nav'
import { TEAM_VIEW } from '~/domain/permissions'
import { waitingReflectionCount } from '~/models/coaching.server'
import { requireUser } from '~/utils/require-user.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: TEAM_VIEW })
  return json({ waiting: await waitingReflectionCount(user) })
}

export default function TeamLayout() {
  const { waiting } = useLoaderData<typeof loader>()
  const sections: Section[] = [
    { to: '/team', label: 'Overview', end: true },
    { to: '/team/assign', label: 'Assign work' },
    { to: '/team/coaching', label: 'Coaching queue', count: { value: waiting, label: 'waiting for you' } },
    { to: '/team/trends', label: 'Trends' },
  ]
  return (
    <>
      <SectionNav label="Team" sections={sections} variant="tabs" />
      <Outlet />
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
