import { Link } from '@remix-run/react'
import { auditActionLabels, describeDetails } from '~/domain/audit-entries'
import { DataTable } from '~/components/ui/data-table'
import { DateTime } from '~/components/ui/date-time'

export interface AuditRow {
  id: string
  action: string
  targetType: string
  targetId: string | null
  details: Record<string, unknown>
  at: string
  actorId: string | null
  actorName: string | null
  subjectName: string | null
}

const linkClass = 'font-medium text-brand-700 underline-offset-2 hover:underline'

function Subject({ row }: { row: AuditRow }) {
  if (row.targetType === 'user' && row.targetId)
    return row.subjectName ? (
      <Link to={`/admin/users/${row.targetId}`} className={linkClass}>
        {row.subjectName}
      </Link>
    ) : (
      <span className="text-slate-500">A person no longer here</span>
    )
  if (row.targetType === 'team' && row.targetId)
    return row.subjectName ? (
      <Link to={`/admin/users?team=${row.targetId}`} className={linkClass}>
        {row.subjectName}
      </Link>
    ) : (
      <span className="text-slate-500">A removed team</span>
    )
  if (row.targetType === 'onboarding_item')
    return (
      <Link to="/admin/onboarding" className={linkClass}>
        Onboarding path
      </Link>
    )
  if (row.action === 'mission.updated')
    return (
      <Link to="/admin/mission" className={linkClass}>
        Mission statement
      </Link>
    )
  if (row.targetType === 'organisation') return <>The organisation</>
  return <span className="text-slate-500">—</span>
}

/** Audit entries with who did what to whom, the people and teams linked to their admin pages. */
export function AuditTable({ rows, names }: { rows: AuditRow[]; names: Record<string, string> }) {
  const named = new Map(Object.entries(names))
  return (
    <DataTable
      caption="Audit log"
      columns={[{ label: 'When' }, { label: 'Who' }, { label: 'What' }, { label: 'About' }, { label: 'Details' }]}
    >
      {rows.map((r) => (
        <tr key={r.id}>
          <td className="whitespace-nowrap px-4 py-3">
            <DateTime value={r.at} />
          </td>
          <td className="px-4 py-3">
            {r.actorId && r.actorName ? (
              <Link to={`/admin/users/${r.actorId}`} className={linkClass}>
                {r.actorName}
              </Link>
            ) : (
              'System'
            )}
          </td>
          <td className="px-4 py-3">{auditActionLabels[r.action] ?? r.action}</td>
          <td className="px-4 py-3">
            <Subject row={r} />
          </td>
          <td className="px-4 py-3 text-slate-700">
            <ul className="min-w-48 space-y-0.5">
              {describeDetails(r.details, named).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </td>
        </tr>
      ))}
    </DataTable>
  )
}
