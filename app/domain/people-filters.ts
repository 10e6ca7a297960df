import { pageParam } from './pagination'
import { type Role, roles } from './permissions'
import { searchText } from './search-text'

export const peopleSorts = ['name', 'email', 'role', 'team', 'hired', 'created'] as const
export type PeopleSort = (typeof peopleSorts)[number]

export const peopleSortLabels: Record<PeopleSort, string> = {
  name: 'Name',
  email: 'Email',
  role: 'Role',
  team: 'Team',
  hired: 'Hire date',
  created: 'Added',
}

export const peopleStatuses = ['active', 'deactivated', 'all'] as const
export type PeopleStatus = (typeof peopleStatuses)[number]

/** A team's id, or `none` for people in no team. */
export type TeamFilter = string | 'none' | null

export interface PeopleFilters {
  q: string
  team: TeamFilter
  role: Role | null
  status: PeopleStatus
  sort: PeopleSort
  dir: 'asc' | 'desc'
  page: number
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const oneOf = <T extends string>(options: readonly T[], raw: string | null): T | null =>
  options.find((o) => o === raw) ?? null

/**
 * The People list's filters from its URL. A value the form could not have sent (an unknown
 * role, a team that is not an id) is dropped rather than refused: the list still opens,
 * showing what the remaining filters select.
 */
export function parsePeopleFilters(params: URLSearchParams): PeopleFilters {
  const sort = oneOf(peopleSorts, params.get('sort')) ?? 'name'
  const teamRaw = params.get('team')
  return {
    q: searchText(params.get('q')),
    team: teamRaw === 'none' ? 'none' : teamRaw && UUID.test(teamRaw) ? teamRaw.toLowerCase() : null,
    role: oneOf(roles, params.get('role')),
    status: oneOf(peopleStatuses, params.get('status')) ?? 'active',
    sort,
    // Dates read newest first unless asked otherwise; names and the rest A to Z.
    dir:
      oneOf(['asc', 'desc'] as const, params.get('dir')) ?? (sort === 'hired' || sort === 'created' ? 'desc' : 'asc'),
    page: pageParam(params.get('page')),
  }
}

/** True when the list is narrowed by anything but the default "active people". */
export function isFiltered(filters: PeopleFilters) {
  return filters.q !== '' || filters.team !== null || filters.role !== null || filters.status !== 'active'
}
