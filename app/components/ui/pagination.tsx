import { Link, useLocation } from '@remix-run/react'
import { type PageWindow, showingText } from '~/domain/pagination'

/** The same list with the same filters, at another page. */
function pageHref(pathname: string, search: string, page: number) {
  const params = new URLSearchParams(search)
  if (page > 1) params.set('page', String(page))
  else params.delete('page')
  const text = params.toString()
  return text ? `${pathname}?${text}` : pathname
}

const linkClass = 'rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-800 hover:bg-slate-50'

/** "Showing 51–100 of 1,234" with links to the previous and next pages, keeping the filters of the URL. */
export function Pagination({ window, label }: { window: PageWindow; label: string }) {
  const { pathname, search } = useLocation()
  return (
    <nav aria-label={label} className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm">
      <p className="text-slate-700" data-testid="showing">
        {showingText(window)}
      </p>
      {window.pageCount > 1 ? (
        <div className="flex items-center gap-2">
          {window.page > 1 ? (
            <Link to={pageHref(pathname, search, window.page - 1)} className={linkClass} rel="prev">
              Previous
            </Link>
          ) : null}
          <span className="text-slate-600">
            Page {window.page} of {window.pageCount.toLocaleString('en')}
          </span>
          {window.page < window.pageCount ? (
            <Link to={pageHref(pathname, search, window.page + 1)} className={linkClass} rel="next">
              Next
            </Link>
          ) : null}
        </div>
      ) : null}
    </nav>
  )
}
