import { describeDetails, parseAuditFilters, referencedIds } from '~/domain/audit-entries'
import { pageParam, pageWindow, showingText } from '~/domain/pagination'
import { isFiltered, parsePeopleFilters } from '~/domain/people-filters'
import { containsPattern, searchText } from '~/domain/search-text'

const TEAM = '3f1c2a9e-8b7d-4c6e-9f00-123456789abc'

describe('pages of a list', () => {
  it('reads the page from the URL, taking anything odd as page 1', () => {
    expect(pageParam('3')).toBe(3)
    for (const raw of [null, '', '0', '-2', '1.5', 'abc', '1e3', '9999999']) expect(pageParam(raw), String(raw)).toBe(1)
  })

  it('says which rows a page shows, keeping a page past the end on the last page', () => {
    expect(showingText(pageWindow(1, 1234))).toBe('Showing 1–50 of 1,234')
    expect(showingText(pageWindow(25, 1234))).toBe('Showing 1,201–1,234 of 1,234')
    expect(pageWindow(99, 120)).toEqual({ page: 3, pageCount: 3, first: 101, last: 120, total: 120 })
    expect(pageWindow(4, 0)).toEqual({ page: 1, pageCount: 1, first: 0, last: 0, total: 0 })
    expect(showingText(pageWindow(1, 0))).toBe('Showing 0 of 0')
  })
})

describe('search text', () => {
  it('tidies what was typed and keeps control characters out of the query', () => {
    expect(searchText('  Ada \t Okoye ')).toBe('Ada Okoye')
    expect(searchText('a\u0000b')).toBe('a b')
    expect(searchText(null)).toBe('')
    expect(searchText('x'.repeat(500))).toHaveLength(100)
  })

  it('matches LIKE wildcards literally', () => {
    expect(containsPattern('50%_off\\')).toBe('%50\\%\\_off\\\\%')
  })
})

describe('the People filters', () => {
  const parse = (query: string) => parsePeopleFilters(new URLSearchParams(query))

  it('defaults to active people by name, A to Z, page 1', () => {
    expect(parse('')).toEqual({
      q: '',
      team: null,
      role: null,
      status: 'active',
      sort: 'name',
      dir: 'asc',
      page: 1,
    })
    expect(isFiltered(parse(''))).toBe(false)
    expect(isFiltered(parse('sort=email&page=2'))).toBe(false)
  })

  it('reads every filter the form sends', () => {
    expect(parse(`q=+Lena+&team=${TEAM.toUpperCase()}&role=manager&status=all&sort=team&dir=desc&page=2`)).toEqual({
      q: 'Lena',
      team: TEAM,
      role: 'manager',
      status: 'all',
      sort: 'team',
      dir: 'desc',
      page: 2,
    })
    expect(parse('team=none').team).toBe('none')
    expect(isFiltered(parse('status=deactivated'))).toBe(true)
    expect(isFiltered(parse('q=a'))).toBe(true)
  })

  it('lists dates newest first unless asked otherwise', () => {
    expect(parse('sort=hired').dir).toBe('desc')
    expect(parse('sort=created&dir=asc').dir).toBe('asc')
  })

  it('drops values the form could not have sent', () => {
    expect(parse('team=abc&role=owner&status=gone&sort=password_hash&dir=up&page=x')).toEqual(parse(''))
  })
})

describe('the audit log', () => {
  it('keeps only kinds that entries can have', () => {
    expect(parseAuditFilters(new URLSearchParams('kind=user.deactivated&person=+Elif+&page=2'))).toEqual({
      kind: 'user.deactivated',
      person: 'Elif',
      page: 2,
    })
    for (const kind of ['drop', 'toString', '__proto__'])
      expect(parseAuditFilters(new URLSearchParams({ kind })).kind, kind).toBeNull()
  })

  it('writes details with names instead of ids, and leaves out ids that mean nothing to a reader', () => {
    const names = new Map([
      ['team-a', 'Front Desk'],
      ['team-b', 'Customer Care'],
      ['mia', 'Mia Chen'],
    ])
    const details = {
      teamId: { from: 'team-a', to: 'team-b' },
      managerId: { from: null, to: 'mia' },
      hiredAt: '2026-03-02',
      revisionId: 'r-1',
      publishNeedsReview: true,
    }
    expect(describeDetails(details, names)).toEqual([
      'team: Front Desk → Customer Care',
      'manager: — → Mia Chen',
      'hired at: 2026-03-02',
      'publish needs review: yes',
    ])
    expect(referencedIds(details)).toEqual([
      { kind: 'team', id: 'team-a' },
      { kind: 'team', id: 'team-b' },
      { kind: 'user', id: 'mia' },
    ])
  })

  it('says a referred thing was removed, and does not repeat a course title recorded with its id', () => {
    expect(describeDetails({ teamId: 'gone' }, new Map())).toEqual(['team: (removed)'])
    expect(describeDetails({ course: 'Foundations', courseId: 'c-1', people: 3 }, new Map())).toEqual([
      'course: Foundations',
      'people: 3',
    ])
  })
})
