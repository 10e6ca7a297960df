import { can, homeFor, navigationFor } from '~/domain/permissions'

const labels = (role: Parameters<typeof navigationFor>[0]) => navigationFor(role).map((i) => i.label)

describe('role-aware navigation', () => {
  it('shows learners only their own areas', () => {
    expect(labels('learner')).toEqual(['Learn', 'Courses', 'My competencies'])
  })
  it('adds Team for managers, Author for trainers, everything for admins', () => {
    expect(labels('manager')).toEqual(['Learn', 'Courses', 'My competencies', 'Team'])
    expect(labels('trainer')).toEqual(['Learn', 'Courses', 'My competencies', 'Author'])
    expect(labels('admin')).toEqual(['Learn', 'Courses', 'My competencies', 'Team', 'Author', 'Admin'])
  })
  it('grants user management to admins only', () => {
    expect(can('admin', 'users:manage')).toBe(true)
    for (const role of ['learner', 'manager', 'trainer'] as const) expect(can(role, 'users:manage')).toBe(false)
  })

  it('lands each role where its work is', () => {
    expect(homeFor('admin')).toBe('/admin')
    expect(homeFor('manager')).toBe('/team')
    expect(homeFor('trainer')).toBe('/learn')
    expect(homeFor('learner')).toBe('/learn')
  })
})
