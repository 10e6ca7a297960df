import { safeRedirect } from '~/utils/safe-redirect'

describe('safeRedirect', () => {
  it('keeps same-site paths with their query and hash', () => {
    expect(safeRedirect('/learn?tab=due#top')).toBe('/learn?tab=due#top')
    expect(safeRedirect('/admin/users')).toBe('/admin/users')
  })

  it.each([
    'https://evil.example',
    '//evil.example/path',
    '/\\evil.example',
    'javascript:alert(1)',
    'evil.example',
    '',
    '/%0d%0aSet-Cookie:x',
    '/\n/evil.example',
  ])('falls back to home for %j', (to) => {
    const result = safeRedirect(to)
    expect(result.startsWith('/')).toBe(true)
    expect(result.startsWith('//')).toBe(false)
    expect(new URL(result, 'http://app.test').host).toBe('app.test')
  })

  // Each of these normalises to "//evil.example…", which a browser follows to another host.
  it.each([
    '/.//evil.example',
    '/..//evil.example',
    '/%2e//evil.example',
    '/%2E%2e//evil.example',
    '/learn/..//evil.example',
    '/./\\evil.example',
    '/%2e/%2e//evil.example/x?y#z',
  ])('refuses %j, whose normalised path leaves the site', (to) => {
    expect(safeRedirect(to)).toBe('/')
  })

  it('keeps a path whose dot segments stay on the site, normalised', () => {
    expect(safeRedirect('/learn/../team')).toBe('/team')
    expect(safeRedirect('/courses/./a%20b')).toBe('/courses/a%20b')
  })

  it('uses the fallback for non-strings and absurd lengths', () => {
    expect(safeRedirect(undefined, '/learn')).toBe('/learn')
    expect(safeRedirect(42)).toBe('/')
    expect(safeRedirect(`/${'a'.repeat(3000)}`)).toBe('/')
  })
})
