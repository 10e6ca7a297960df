import { Form, Link, NavLink } from '@remix-run/react'
import { type NavItem, type Role, roleLabels } from '~/domain/permissions'
import { SubmitButton } from './ui/forms'

interface Props {
  user: { name: string; email: string; role: Role } | null
  navigation: NavItem[]
}

export function AppHeader({ user, navigation }: Props) {
  return (
    <header className="border-b border-slate-200 bg-white print:hidden">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3 sm:px-6">
        <Link to="/" className="text-lg font-bold tracking-tight text-brand-700">
          Servewell
        </Link>
        {user ? (
          <nav aria-label="Main" className="order-3 w-full sm:order-none sm:w-auto">
            <ul className="flex flex-wrap gap-1">
              {navigation.map((item) => (
                <li key={item.to}>
                  <NavLink
                    to={item.to}
                    className={({ isActive }) =>
                      `block rounded-md px-3 py-2 text-sm font-medium ${
                        isActive
                          ? 'bg-brand-50 text-brand-800'
                          : 'text-slate-700 hover:bg-slate-100 hover:text-slate-900'
                      }`
                    }
                  >
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <div className="ml-auto flex items-center gap-3">
          {user ? (
            <>
              <p className="text-right text-sm leading-tight">
                <span className="block font-medium" data-testid="signed-in-name">
                  {user.name}
                </span>
                <span className="block text-slate-600">{roleLabels[user.role]}</span>
              </p>
              <Form method="post" action="/logout">
                <SubmitButton
                  className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 aria-disabled:opacity-60"
                  pendingLabel="Signing out…"
                >
                  Sign out
                </SubmitButton>
              </Form>
            </>
          ) : (
            <Link to="/login" className="text-sm font-medium text-brand-700 hover:underline">
              Sign in
            </Link>
          )}
        </div>
      </div>
    </header>
  )
}
