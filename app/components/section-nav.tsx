import { NavLink } from '@remix-run/react'

export interface Section {
  to: string
  label: string
  /** Active only on this exact path (an area's overview), not on the pages below it. */
  end?: boolean
  /** Work waiting on the page (reflections to review); shown as a badge when above zero. */
  count?: { value: number; label: string }
}

const styles = {
  tabs: {
    nav: 'mb-6 border-b border-slate-200',
    list: '-mb-px flex flex-wrap gap-x-4 gap-y-1',
    link: (active: boolean) =>
      `inline-block border-b-2 px-1 pb-2 text-sm font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 ${
        active ? 'border-brand-700 text-brand-800' : 'border-transparent text-slate-700 hover:border-slate-300'
      }`,
  },
  sidebar: {
    nav: '',
    list: 'flex flex-wrap gap-1 md:flex-col',
    link: (active: boolean) =>
      `block rounded-md px-3 py-2 text-sm font-medium ${active ? 'bg-brand-50 text-brand-800' : 'text-slate-700 hover:bg-slate-100'}`,
  },
}

/** The navigation between the pages of one area (team, admin), as tabs or a sidebar. */
export function SectionNav({
  label,
  sections,
  variant,
}: {
  label: string
  sections: readonly Section[]
  variant: keyof typeof styles
}) {
  const style = styles[variant]
  return (
    <nav aria-label={label} className={style.nav || undefined}>
      <ul className={style.list}>
        {sections.map((s) => (
          <li key={s.to}>
            <NavLink to={s.to} end={s.end} className={({ isActive }) => style.link(isActive)}>
              {s.label}
              {s.count && s.count.value > 0 ? (
                <span className="ml-1.5 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">
                  {s.count.value}
                  <span className="sr-only"> {s.count.label}</span>
                </span>
              ) : null}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  )
}
