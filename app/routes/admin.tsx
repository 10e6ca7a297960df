import type { LoaderFunctionArgs } from '@remix-run/node'
import { json } from '@remix-run/node'
import { NavLink, Outlet } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { requireUser } from '~/utils/require-user.server'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { permission: 'users:manage' })
  return json({})
}

const sections = [
  { to: '/admin', label: 'Overview', end: true },
  { to: '/admin/users', label: 'People', end: false },
  { to: '/admin/teams', label: 'Teams', end: false },
  { to: '/admin/onboarding', label: 'Onboarding', end: false },
  { to: '/admin/mission', label: 'Mission', end: false },
  { to: '/admin/outbox', label: 'Outbox', end: false },
  { to: '/admin/audit', label: 'Audit log', end: false },
]

export default function AdminLayout() {
  return (
    <div className="grid gap-8 md:grid-cols-[12rem_1fr]">
      <nav aria-label="Admin">
        <ul className="flex gap-1 md:flex-col">
          {sections.map((s) => (
            <li key={s.to}>
              <NavLink
                to={s.to}
                end={s.end}
                className={({ isActive }) =>
                  `block rounded-md px-3 py-2 text-sm font-medium ${
                    isActive ? 'bg-brand-50 text-brand-800' : 'text-slate-700 hover:bg-slate-100'
                  }`
                }
              >
                {s.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="min-w-0">
        <Outlet />
      </div>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
