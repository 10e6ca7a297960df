import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { AppHeader } from './components/app-header'
import { GeneralErrorBoundary } from './components/error-boundary'
import { NavigationFeedback } from './components/navigation-feedback'
import { navigationFor } from './domain/permissions'
import stylesheet from './styles/app.css'
import { useNonce } from './utils/nonce'
import { getOptionalUser } from './utils/require-user.server'
import { TimeZoneProvider } from '~/components/ui/date-time'
import { serverTimeZone } from '~/utils/time-zone.server'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export const meta: MetaFunction = () => [
  { title: 'Servewell' },
  { name: 'description', content: 'Customer-service culture, trained and measured.' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request)
  return json({
    user: user ? { name: user.name, email: user.email, role: user.role } : null,
    navigation: user ? navigationFor(user.role) : [],
    timeZone: user?.timeZone ?? serverTimeZone(),
  })
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce()
  const data = useRouteLoaderData<typeof loader>('root')
  return (
    <html lang="en" className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-full flex-col bg-slate-50 text-slate-900 antialiased print:block print:bg-white">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <NavigationFeedback />
        <AppHeader user={data?.user ?? null} navigation={data?.navigation ?? []} />
        {/* Focusable by script only: the skip link and a new page land here. */}
        <main
          id="main"
          tabIndex={-1}
          className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 outline-none sm:px-6 print:max-w-none print:p-0"
        >
          <TimeZoneProvider value={data?.timeZone ?? 'UTC'}>{children}</TimeZoneProvider>
        </main>
        <footer className="border-t border-slate-200 py-6 text-center text-sm text-slate-600 print:hidden">
          Servewell — service culture, practised and measured.
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
