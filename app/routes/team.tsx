import type { LoaderFunctionArgs } from '@remix-run/node'
import { json } from '@remix-run/node'
import { NavLink, Outlet } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { TEAM_VIEW } from '~/domain/permissions'
import { requireUser } from '~/utils/require-user.server'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { permission: TEAM_VIEW })
  return json({})
}

const sections = [
  { to: '/team', label: 'Overview', end: true },
  { to: '/team/assign', label: 'Assign work', end: false },
  { to: '/team/coaching', label: 'Coaching queue', end: false },
]

export default function TeamLayout() {
  return (
    <>
      <nav aria-label="Team" className="mb-6 border-b border-slate-200">
        <ul className="-mb-px flex gap-4">
          {sections.map((s) => (
            <li key={s.to}>
              <NavLink
                to={s.to}
                end={s.end}
                className={({ isActive }) =>
                  `inline-block border-b-2 px-1 pb-2 text-sm font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 ${
                    isActive
                      ? 'border-brand-700 text-brand-800'
                      : 'border-transparent text-slate-700 hover:border-slate-300'
                  }`
                }
              >
                {s.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
