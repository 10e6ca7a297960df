import { Form, Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { EmptyState } from './page-header'
import { buttonClass, SubmitButton } from './ui/forms'

/**
 * The filters of a long list as a GET form: the URL holds them, so a filtered list can be
 * shared, bookmarked and gone back to. `filters` (what the loader read) remounts the form
 * when the URL changes, so back and forward show their own values.
 */
export function FilterForm({
  label,
  filters,
  filtered,
  clearTo,
  submitLabel,
  className,
  buttonsClassName = '',
  children,
}: {
  label: string
  filters: unknown
  filtered: boolean
  clearTo: string
  submitLabel: string
  className: string
  buttonsClassName?: string
  children: ReactNode
}) {
  return (
    <Form
      method="get"
      role="search"
      aria-label={label}
      key={JSON.stringify(filters)}
      className={`mb-6 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 ${className}`}
    >
      {children}
      <div className={`flex flex-wrap items-end gap-2 ${buttonsClassName}`}>
        <SubmitButton pendingLabel="Loading…" className={buttonClass()}>
          {submitLabel}
        </SubmitButton>
        {filtered ? (
          <Link to={clearTo} className={buttonClass('secondary')}>
            Clear filters
          </Link>
        ) : null}
      </div>
    </Form>
  )
}

/** A filtered list that came out empty, with the way back to the whole list. */
export function NoMatches({ title, clearTo, children }: { title: string; clearTo: string; children?: ReactNode }) {
  return (
    <EmptyState title={title}>
      {children}
      <Link to={clearTo} className={`mt-4 ${buttonClass('secondary')}`}>
        Clear filters
      </Link>
    </EmptyState>
  )
}
