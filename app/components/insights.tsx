import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { formatDate } from '~/domain/calendar'
import { HIDDEN_NOTE, type ItemFlag } from '~/domain/item-statistics'
import type { LessonRow } from '~/models/insights.server'
import { DataTable } from './ui/data-table'

/** What a trainer sees instead of a small group's figures. */
export function HiddenFigures({ what }: { what?: string }) {
  const text = what ? `${what}: ${HIDDEN_NOTE}.` : `${HIDDEN_NOTE.charAt(0).toUpperCase()}${HIDDEN_NOTE.slice(1)}.`
  return (
    <p className="text-sm text-slate-600" data-testid="figures-hidden">
      {text}
    </p>
  )
}

/** A row of headline figures: a value, what it counts, and what it means when that is not obvious. */
export function Figures({ items }: { items: { label: string; value: ReactNode; hint?: ReactNode }[] }) {
  return (
    <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      {items.map((item) => (
        <div key={item.label} className="rounded-lg border border-slate-200 bg-white p-4">
          <dt className="text-sm text-slate-600">{item.label}</dt>
          <dd className="mt-1 text-2xl font-semibold tracking-tight text-slate-900">{item.value}</dd>
          {item.hint ? <dd className="mt-1 text-xs text-slate-600">{item.hint}</dd> : null}
        </div>
      ))}
    </dl>
  )
}

/** A share, as text with a bar beside it; the bar is decoration, the text is what is read. */
export function Share({ percent, children }: { percent: number; children?: ReactNode }) {
  return (
    <span className="flex items-center justify-end gap-2">
      <span className="whitespace-nowrap">{children ?? `${percent}%`}</span>
      <span className="hidden h-2 w-20 overflow-hidden rounded-full bg-slate-200 sm:inline-block" aria-hidden="true">
        <span className="block h-full rounded-full bg-brand-600" style={{ width: `${Math.min(100, percent)}%` }} />
      </span>
    </span>
  )
}

const flagLabels: Record<ItemFlag['kind'], string> = {
  'too-easy': 'Too easy',
  'too-hard': 'Too hard',
  'negative-discrimination': 'Negative discrimination',
  'unpicked-distractor': 'Distractor nobody picks',
  'key-less-popular': 'Key less popular than a distractor',
}

/** The flags of one question, each a link to its line in the editor (or plain text without one). */
export function FlagList({ flags, editorHref }: { flags: readonly ItemFlag[]; editorHref: string | null }) {
  if (flags.length === 0) return <p className="text-sm text-slate-700">No flags.</p>
  return (
    <ul className="space-y-2" aria-label="Flags">
      {flags.map((flag, i) => (
        <li key={i} className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          <span className="font-semibold">{flagLabels[flag.kind]}.</span> {flag.message}{' '}
          {editorHref ? (
            <a href={editorHref} className="font-medium whitespace-nowrap text-brand-800 underline">
              Open in the editor
            </a>
          ) : null}
        </li>
      ))}
    </ul>
  )
}

export function FlagCount({ flags }: { flags: readonly ItemFlag[] }) {
  if (flags.length === 0) return <span className="text-slate-600">none</span>
  return (
    <span className="inline-flex flex-wrap gap-1">
      {flags.map((flag, i) => (
        <span key={i} className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-950">
          {flagLabels[flag.kind]}
        </span>
      ))}
    </span>
  )
}

/** A section with an h2 and an optional line saying what it measures. */
export function InsightSection({
  id,
  title,
  description,
  children,
}: {
  id: string
  title: string
  description?: ReactNode
  children: ReactNode
}) {
  return (
    <section aria-labelledby={`${id}-title`} className="space-y-4">
      <div>
        <h2 id={`${id}-title`} className="text-xl font-semibold">
          {title}
        </h2>
        {description ? <p className="mt-1 max-w-3xl text-sm text-slate-700">{description}</p> : null}
      </div>
      {children}
    </section>
  )
}

export function Breadcrumbs({ items }: { items: { to: string; label: string }[] }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-2 text-sm">
      <ol className="flex flex-wrap gap-1 text-slate-600">
        {items.map((item, i) => (
          <li key={item.to} className="flex gap-1">
            {i > 0 ? <span aria-hidden="true">/</span> : null}
            <Link to={item.to} className="text-brand-700 hover:underline">
              {item.label}
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  )
}

/** An NPS with its sign: +20, 0, −15. */
export function signed(n: number) {
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0'
}

/** A course's lessons with their completion, each linking to its own insights. */
export function LessonTable({
  courseSlug,
  courseTitle,
  lessons,
}: {
  courseSlug: string
  courseTitle: string
  lessons: readonly LessonRow[]
}) {
  return (
    <DataTable
      caption={`Lessons of ${courseTitle}`}
      columns={[
        { label: 'Lesson' },
        { label: 'Version', align: 'right' },
        { label: 'Started', align: 'right' },
        { label: 'Completed', align: 'right' },
        { label: 'Completion', align: 'right' },
      ]}
      testId={`lessons-${courseSlug}`}
    >
      {lessons.map((lesson) => (
        <tr key={lesson.slug}>
          <td className="min-w-44 px-4 py-3">
            <Link
              to={`/author/insights/${courseSlug}/${lesson.slug}`}
              className="font-medium text-brand-700 hover:underline"
            >
              {lesson.title}
            </Link>
          </td>
          <td className="px-4 py-3 text-right">{lesson.version === null ? 'draft' : `v${lesson.version}`}</td>
          {lesson.figures ? (
            <>
              <td className="px-4 py-3 text-right">{lesson.figures.started}</td>
              <td className="px-4 py-3 text-right">{lesson.figures.completed}</td>
              <td className="px-4 py-3 text-right">
                <Share percent={lesson.figures.percent} />
              </td>
            </>
          ) : (
            <td colSpan={3} className="px-4 py-3 text-right">
              <HiddenFigures />
            </td>
          )}
        </tr>
      ))}
    </DataTable>
  )
}

const COMMENTS_OPEN = 10

/** Course comments, newest first: the first few shown, the rest one click away. No names, by design. */
export function CommentList({
  comments,
  more,
}: {
  comments: readonly { text: string; date: string }[]
  more: boolean
}) {
  if (comments.length === 0) return <p className="text-slate-700">No comments yet.</p>
  const item = (c: { text: string; date: string }, i: number) => (
    <li key={i} className="rounded-lg border border-slate-200 bg-white p-4">
      <p className="whitespace-pre-line text-slate-900">{c.text}</p>
      <p className="mt-2 text-xs text-slate-600">{formatDate(c.date)}</p>
    </li>
  )
  const rest = comments.slice(COMMENTS_OPEN)
  return (
    <div data-testid="comments">
      <ul className="space-y-3">{comments.slice(0, COMMENTS_OPEN).map(item)}</ul>
      {rest.length > 0 ? (
        <details className="mt-3">
          <summary className="cursor-pointer text-sm font-medium text-brand-700">
            {rest.length} older comments{more ? ` (the ${comments.length} newest are shown)` : ''}
          </summary>
          <ul className="mt-3 space-y-3">{rest.map((c, i) => item(c, i + COMMENTS_OPEN))}</ul>
        </details>
      ) : null}
    </div>
  )
}
