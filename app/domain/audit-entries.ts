import { pageParam } from './pagination'
import { searchText } from './search-text'

export const auditActionLabels: Record<string, string> = {
  'user.created': 'Created person',
  'user.updated': 'Edited person',
  'user.deactivated': 'Deactivated person',
  'user.reactivated': 'Reactivated person',
  'user.password_reset': 'Reset password',
  'users.imported': 'Imported people',
  'team.created': 'Created team',
  'mission.updated': 'Edited mission statement',
  'onboarding.item_added': 'Added to onboarding path',
  'onboarding.item_removed': 'Removed from onboarding path',
  'assignment.created': 'Assigned work',
  'assignment.removed': 'Removed assignment',
  'team_assignment.stopped': 'Stopped team assignment',
  'reflection.reviewed': 'Reviewed reflection',
  'studio.review-setting': 'Changed the publishing review setting',
  'organisation.time-zone': 'Changed the time zone',
  'assignment.reminded': 'Sent a reminder',
}

export interface AuditFilters {
  /** Part of a name or email: entries by that person or about them. */
  person: string
  /** One action, as recorded (`user.deactivated`). */
  kind: string | null
  page: number
}

/** The audit log's filters from its URL; a kind that no entry can have is dropped. */
export function parseAuditFilters(params: URLSearchParams): AuditFilters {
  const kind = params.get('kind')
  return {
    person: searchText(params.get('person')),
    kind: kind && Object.hasOwn(auditActionLabels, kind) ? kind : null,
    page: pageParam(params.get('page')),
  }
}

/** What the ids in an entry's details point at, each looked up in its own table. */
const referenceKinds = {
  teamId: 'team',
  managerId: 'user',
  courseId: 'course',
  lessonId: 'lesson',
  competencyId: 'competency',
} as const
export type ReferenceKind = (typeof referenceKinds)[keyof typeof referenceKinds]

const referenceLabels: Record<keyof typeof referenceKinds, string> = {
  teamId: 'team',
  managerId: 'manager',
  courseId: 'course',
  lessonId: 'lesson',
  competencyId: 'competency',
}

const isReference = (key: string): key is keyof typeof referenceKinds => Object.hasOwn(referenceKinds, key)

interface Change {
  from: unknown
  to: unknown
}
const isChange = (value: unknown): value is Change =>
  typeof value === 'object' && value !== null && 'from' in value && 'to' in value

/** Every id an entry's details refer to, by kind, so one query per kind can name them. */
export function referencedIds(details: Record<string, unknown>): { kind: ReferenceKind; id: string }[] {
  const out: { kind: ReferenceKind; id: string }[] = []
  for (const [key, value] of Object.entries(details)) {
    if (!isReference(key)) continue
    for (const v of isChange(value) ? [value.from, value.to] : [value])
      if (typeof v === 'string' && v !== '') out.push({ kind: referenceKinds[key], id: v })
  }
  return out
}

/** "hiredAt" → "hired at": a key as words. */
const words = (key: string) => key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()

/**
 * An entry's details as lines a person reads: ids become the names in `names` (or "(removed)"
 * when the thing is gone), and ids that name nothing a reader knows (revisions, rows) are left out.
 */
export function describeDetails(details: Record<string, unknown>, names: ReadonlyMap<string, string>): string[] {
  const show = (key: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—'
    if (isReference(key) && typeof value === 'string') return names.get(value) ?? '(removed)'
    if (typeof value === 'boolean') return value ? 'yes' : 'no'
    return String(value)
  }
  const lines: string[] = []
  for (const [key, value] of Object.entries(details)) {
    // The title is recorded beside the id already.
    if (key === 'courseId' && 'course' in details) continue
    if (!isReference(key) && /Id$|From$/.test(key)) continue
    const label = isReference(key) ? referenceLabels[key] : words(key)
    lines.push(
      isChange(value) ? `${label}: ${show(key, value.from)} → ${show(key, value.to)}` : `${label}: ${show(key, value)}`,
    )
  }
  return lines
}
