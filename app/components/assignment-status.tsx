import { type AssignmentStatus, statusLabels } from '~/domain/assignments'

const styles: Record<AssignmentStatus, string> = {
  not_started: 'bg-slate-100 text-slate-800',
  in_progress: 'bg-sky-100 text-sky-900',
  completed: 'bg-emerald-100 text-emerald-900',
  overdue: 'bg-red-100 text-red-900',
}

export function AssignmentStatusBadge({ status, percent }: { status: AssignmentStatus; percent?: number }) {
  return (
    <span
      className={`inline-flex rounded-full px-2.5 py-0.5 text-xs font-semibold ${styles[status]}`}
      data-status={status}
    >
      {statusLabels[status]}
      {percent !== undefined && status !== 'completed' && status !== 'not_started' ? ` · ${percent}%` : ''}
    </span>
  )
}
