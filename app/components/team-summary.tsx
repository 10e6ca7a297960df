import { Link, useFetcher } from '@remix-run/react'
import { AssignmentStatusBadge } from '~/components/assignment-status'
import type { AssignmentStatus } from '~/domain/assignments'
import { formatDate } from '~/domain/calendar'
import { SubmitButton } from '~/components/ui/forms'

/** What the team page's action answers, for the fetchers below. */
export interface TeamActionResult {
  ok: boolean
  intent: 'remind' | 'assign-gap' | null
  key: string | null
  message: string
}

interface SummaryCard {
  title: string
  count: number
  /** What the number counts, read after it ("3 reflections waiting for your reply"). */
  noun: string
  href: string
  action: string
  /** Amber when something waits on the manager. */
  urgent?: boolean
}

/** The top of a manager's Monday: what waits on them, each with where to act on it. */
export function MondaySummary({ cards }: { cards: SummaryCard[] }) {
  return (
    <section aria-labelledby="summary-title" className="mb-10">
      <h2 id="summary-title" className="sr-only">
        This week
      </h2>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="team-summary">
        {cards.map((card) => (
          <li
            key={card.title}
            className={`flex flex-col rounded-lg border p-4 ${
              card.urgent && card.count > 0 ? 'border-amber-300 bg-amber-50' : 'border-slate-200 bg-white'
            }`}
          >
            <h3 className="text-sm font-semibold text-slate-700">{card.title}</h3>
            <p className="mt-1 text-3xl font-bold tracking-tight text-slate-900">
              {card.count}
              <span className="sr-only"> {card.noun}</span>
            </p>
            {card.count > 0 ? (
              <Link to={card.href} className="mt-auto pt-2 text-sm font-semibold text-brand-700 hover:underline">
                {card.action}
              </Link>
            ) : (
              <p className="mt-auto pt-2 text-sm text-slate-600">Nothing to do here.</p>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}

/** The result of a row's action, beside its button, announced politely. */
function RowResult({ result }: { result: TeamActionResult | undefined }) {
  return (
    <span role="status" className={`text-sm ${result?.ok === false ? 'text-red-800' : 'text-brand-800'}`}>
      {result?.message ?? ''}
    </span>
  )
}

const rowButtonClass =
  'rounded border border-brand-700 px-2 py-0.5 text-xs font-semibold text-brand-800 hover:bg-brand-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 disabled:opacity-60 aria-disabled:opacity-60'

/** "Remind": queues a reminder email about one assignment; once a day at most. */
export function RemindButton({
  assignmentId,
  personName,
  remindedToday,
}: {
  assignmentId: string
  personName: string
  remindedToday: boolean
}) {
  const fetcher = useFetcher<TeamActionResult>({ key: `remind-${assignmentId}` })
  const done = remindedToday || (fetcher.data?.ok ?? false)
  return (
    <span className="flex flex-wrap items-center gap-2">
      {done && !fetcher.data ? (
        <span className="text-sm text-slate-600">Reminded today</span>
      ) : (
        <fetcher.Form method="post">
          <input type="hidden" name="intent" value="remind" />
          <input type="hidden" name="assignmentId" value={assignmentId} />
          <SubmitButton disabled={done} className={rowButtonClass} pendingLabel="Reminding…">
            Remind<span className="sr-only"> {personName}</span>
          </SubmitButton>
        </fetcher.Form>
      )}
      <RowResult result={fetcher.data} />
    </span>
  )
}

export interface WorkRow {
  id: string
  userId: string
  personName: string
  title: string
  dueDate: string | null
  status: AssignmentStatus
  percent: number
}

/** "Showing 20 of 135", under a list that shows its first rows only, and where `rest` are. */
export function ShownOf({ shown, total, rest }: { shown: number; total: number; rest: string }) {
  if (total <= shown) return null
  return <p className="mt-2 text-sm text-slate-700">{`Showing ${shown} of ${total}. ${rest}`}</p>
}

/** Late or unstarted work, a row per assignment, each with its reminder: the first rows of `total`. */
export function WorkList({
  rows,
  total,
  nudged,
  tone,
  testId,
  empty,
}: {
  rows: WorkRow[]
  total: number
  nudged: ReadonlySet<string>
  tone: 'late' | 'waiting'
  testId: string
  /** What an empty list says. */
  empty: string
}) {
  if (rows.length === 0) return <p className="text-slate-700">{empty}</p>
  return (
    <>
      <ul
        className={`divide-y divide-slate-100 rounded-lg border bg-white ${tone === 'late' ? 'border-red-200' : 'border-slate-200'}`}
        data-testid={testId}
      >
        {rows.map((a) => (
          <li key={a.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3">
            <Link to={`/team/people/${a.userId}`} className="font-medium text-brand-700 hover:underline">
              {a.personName}
            </Link>
            <span className="min-w-0 break-words">{a.title}</span>
            <span className={`text-sm ${tone === 'late' ? 'text-red-800' : 'text-slate-600'}`}>
              {a.dueDate ? `due ${formatDate(a.dueDate)}` : 'no due date'}
            </span>
            <span className="ml-auto flex flex-wrap items-center gap-3">
              <AssignmentStatusBadge status={a.status} percent={a.percent} />
              <RemindButton assignmentId={a.id} personName={a.personName} remindedToday={nudged.has(a.id)} />
            </span>
          </li>
        ))}
      </ul>
      <ShownOf shown={rows.length} total={total} rest="The assignments export (CSV) lists them all." />
    </>
  )
}

/** One click from a weak competency to the lesson that trains it, for those below proficient only. */
export function GapAssignButton({
  competencyId,
  courseId,
  lessonId,
  lessonTitle,
  teamId,
  wouldAssign,
  belowProficient,
}: {
  competencyId: string
  courseId: string
  lessonId: string
  lessonTitle: string
  teamId: string
  /** How many below proficient do not have the lesson yet, as the page was drawn. */
  wouldAssign: number
  belowProficient: number
}) {
  const fetcher = useFetcher<TeamActionResult>({ key: gapKey(competencyId) })
  if (wouldAssign === 0)
    return (
      <p className="mt-1 text-xs text-slate-600">
        {belowProficient === 0 ? 'Everyone is proficient already.' : 'Everyone below proficient has it already.'}
      </p>
    )
  return (
    <div className="mt-1 flex flex-wrap items-center gap-2">
      <fetcher.Form method="post">
        <input type="hidden" name="intent" value="assign-gap" />
        <input type="hidden" name="competencyId" value={competencyId} />
        <input type="hidden" name="courseId" value={courseId} />
        <input type="hidden" name="lessonId" value={lessonId} />
        <input type="hidden" name="teamId" value={teamId} />
        <SubmitButton className={rowButtonClass} pendingLabel="Assigning…">
          Assign to {wouldAssign} below proficient<span className="sr-only"> : {lessonTitle}</span>
        </SubmitButton>
      </fetcher.Form>
    </div>
  )
}

// One fetcher per weak competency: its result stays on the card when the lesson it assigned
// moves down the list (it reaches nobody new any more).
const gapKey = (competencyId: string) => `gap-${competencyId}`

/** What the last one-click assignment from this competency's card did. */
export function GapResult({ competencyId }: { competencyId: string }) {
  const fetcher = useFetcher<TeamActionResult>({ key: gapKey(competencyId) })
  return (
    <p className="mt-3 text-sm">
      <RowResult result={fetcher.data} />
    </p>
  )
}
