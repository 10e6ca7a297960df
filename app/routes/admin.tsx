import type { LoaderFunctionArgs } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Outlet } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { type Section, SectionNav } from '~/components/section-nav'
import { requireUser } from '~/utils/require-user.server'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { permission: 'users:manage' })
  return json({})
}

const sections: Section[] = [
  { to: '/admin', label: 'Overview', end: true },
  { to: '/admin/users', label: 'People' },
  { to: '/admin/teams', label: 'Teams' },
  { to: '/admin/onboarding', label: 'Onboarding' },
  { to: '/admin/mission', label: 'Mission' },
  { to: '/admin/outbox', label: 'Outbox' },
  { to: '/admin/audit', label: 'Audit log' },
]

export default function AdminLayout() {
  return (
    <div className="grid grid-cols-1 gap-8 md:grid-cols-[12rem_minmax(0,1fr)]">
      <SectionNav label="Admin" sections={sections} variant="sidebar" />
      <div className="min-w-0">
        <Outlet />
      </div>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
