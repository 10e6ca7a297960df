import { formatDateTime } from '~/domain/calendar'
import { DataTable } from '~/components/ui/data-table'

export interface AuditRow {
  id: string
  action: string
  targetType: string
  targetId: string | null
  details: Record<string, unknown>
  at: string
  actorName: string | null
}

const actionLabels: Record<string, string> = {
  'user.created': 'Created person',
  'user.updated': 'Edited person',
  'user.deactivated': 'Deactivated person',
  'user.reactivated': 'Reactivated person',
  'team.created': 'Created team',
  'user.password_reset': 'Reset password',
  'users.imported': 'Imported people',
  'mission.updated': 'Edited mission statement',
  'onboarding.item_added': 'Added to onboarding path',
  'onboarding.item_removed': 'Removed from onboarding path',
  'assignment.created': 'Assigned work',
  'assignment.removed': 'Removed assignment',
  'team_assignment.stopped': 'Stopped team assignment',
  'reflection.reviewed': 'Reviewed reflection',
}

function summarise(details: Record<string, unknown>) {
  return Object.entries(details)
    .map(([key, value]) => {
      if (value && typeof value === 'object' && 'to' in value) {
        const change = value as { from: unknown; to: unknown }
        return `${key}: ${String(change.from ?? '—')} → ${String(change.to ?? '—')}`
      }
      return `${key}: ${String(value ?? '—')}`
    })
    .join('; ')
}

export function AuditTable({ rows }: { rows: AuditRow[] }) {
  return (
    <DataTable
      caption="Audit log"
      columns={[{ label: 'When' }, { label: 'Who' }, { label: 'What' }, { label: 'Details' }]}
    >
      {rows.map((r) => (
        <tr key={r.id}>
          <td className="whitespace-nowrap px-4 py-3">{formatDateTime(r.at)}</td>
          <td className="px-4 py-3">{r.actorName ?? 'System'}</td>
          <td className="px-4 py-3">{actionLabels[r.action] ?? r.action}</td>
          <td className="px-4 py-3 text-slate-700">{summarise(r.details)}</td>
        </tr>
      ))}
    </DataTable>
  )
}
