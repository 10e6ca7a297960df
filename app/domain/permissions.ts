export const roles = ['learner', 'manager', 'trainer', 'admin'] as const
export type Role = (typeof roles)[number]

export const roleLabels: Record<Role, string> = {
  learner: 'Learner',
  manager: 'Manager',
  trainer: 'Trainer',
  admin: 'Admin',
}

/**
 * What each role may do. Checked on the server by requireUser and mirrored in the UI
 * (navigation), so a link is never shown that would answer 403.
 */
export const permissions = ['learn', 'team:view:own', 'team:view:any', 'content:author', 'users:manage'] as const
export type Permission = (typeof permissions)[number]

const grants: Record<Role, readonly Permission[]> = {
  learner: ['learn'],
  manager: ['learn', 'team:view:own'],
  trainer: ['learn', 'content:author'],
  admin: ['learn', 'team:view:any', 'content:author', 'users:manage'],
}

/** Either way of seeing a team: a manager their reports, an admin anyone. */
export const TEAM_VIEW = ['team:view:own', 'team:view:any'] as const satisfies readonly Permission[]

export function can(role: Role, permission: Permission): boolean {
  return grants[role].includes(permission)
}

/** Where a role lands after signing in: where its work is (an admin's people, a manager's team). */
export function homeFor(role: Role) {
  if (can(role, 'users:manage')) return '/admin'
  if (canAny(role, TEAM_VIEW)) return '/team'
  return '/learn'
}

export function canAny(role: Role, wanted: readonly Permission[]): boolean {
  return wanted.some((p) => can(role, p))
}

export interface NavItem {
  to: string
  label: string
}

export function navigationFor(role: Role): NavItem[] {
  const items: NavItem[] = [
    { to: '/learn', label: 'Learn' },
    { to: '/courses', label: 'Courses' },
    { to: '/me/competencies', label: 'My competencies' },
  ]
  if (canAny(role, TEAM_VIEW)) items.push({ to: '/team', label: 'Team' })
  if (can(role, 'content:author')) items.push({ to: '/author', label: 'Author' })
  if (can(role, 'users:manage')) items.push({ to: '/admin', label: 'Admin' })
  return items
}
