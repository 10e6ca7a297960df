import type { LoaderFunctionArgs } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Outlet } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { type Section, SectionNav } from '~/components/section-nav'
import { TEAM_VIEW } from '~/domain/permissions'
import { requireUser } from '~/utils/require-user.server'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { permission: TEAM_VIEW })
  return json({})
}

const sections: Section[] = [
  { to: '/team', label: 'Overview', end: true },
  { to: '/team/assign', label: 'Assign work' },
  { to: '/team/coaching', label: 'Coaching queue' },
]

export default function TeamLayout() {
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
