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

  it('uses the fallback for non-strings and absurd lengths', () => {
    expect(safeRedirect(undefined, '/learn')).toBe('/learn')
    expect(safeRedirect(42)).toBe('/')
    expect(safeRedirect(`/${'a'.repeat(3000)}`)).toBe('/')
  })
})
