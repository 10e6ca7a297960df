import { contentSecurityPolicy, isCrossSiteWrite, securityHeaders } from '~/utils/security-headers.server'

describe('content security policy', () => {
  const csp = contentSecurityPolicy('abc123')

  it('allows scripts only with the nonce, never eval or inline', () => {
    const scriptSrc = csp.split('; ').find((d) => d.startsWith('script-src ')) ?? ''
    expect(scriptSrc).toContain("'nonce-abc123'")
    expect(scriptSrc).not.toContain('unsafe-inline')
    expect(scriptSrc).not.toContain('unsafe-eval')
    expect(csp).not.toContain('unsafe-eval')
  })

  it('closes objects, base URIs and framing', () => {
    expect(csp).toContain("object-src 'none'")
    expect(csp).toContain("base-uri 'none'")
    expect(csp).toContain("frame-ancestors 'none'")
  })

  it('adds HSTS only in production', () => {
    expect(securityHeaders('n', { production: true })['Strict-Transport-Security']).toMatch(/max-age=/)
    expect(securityHeaders('n', { production: false })['Strict-Transport-Security']).toBeUndefined()
    expect(securityHeaders('n', { production: false })['X-Content-Type-Options']).toBe('nosniff')
  })
})

describe('cross-site write detection', () => {
  const base = { host: 'servewell.test', origin: undefined, secFetchSite: undefined }

  it('lets reads through whatever their origin', () => {
    expect(isCrossSiteWrite({ ...base, method: 'GET', origin: 'https://evil.example' })).toBe(false)
  })

  it('refuses a POST from another origin', () => {
    expect(isCrossSiteWrite({ ...base, method: 'POST', origin: 'https://evil.example' })).toBe(true)
    expect(isCrossSiteWrite({ ...base, method: 'POST', origin: 'null' })).toBe(true)
    expect(isCrossSiteWrite({ ...base, method: 'DELETE', secFetchSite: 'cross-site' })).toBe(true)
  })

  it('accepts same-origin posts and posts from clients that send neither header', () => {
    expect(isCrossSiteWrite({ ...base, method: 'POST', origin: 'https://servewell.test' })).toBe(false)
    expect(isCrossSiteWrite({ ...base, method: 'POST', secFetchSite: 'same-origin' })).toBe(false)
    expect(isCrossSiteWrite({ ...base, method: 'POST' })).toBe(false)
  })
})
