import crypto from 'node:crypto'

export function createNonce() {
  return crypto.randomBytes(16).toString('base64')
}

/**
 * Scripts run only with this request's nonce ('strict-dynamic' lets Remix's module
 * scripts load their chunks); nothing may evaluate strings as code.
 */
export function contentSecurityPolicy(nonce: string, options: { development?: boolean } = {}) {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': [`'nonce-${nonce}'`, "'strict-dynamic'"],
    // The nonce lets the studio's editor (CodeMirror) add its own style elements; nothing else may.
    'style-src': ["'self'", `'nonce-${nonce}'`],
    // Style attributes cannot run code; they carry progress-bar widths and chart sizes.
    'style-src-attr': ["'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': options.development ? ["'self'", 'ws://localhost:*'] : ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'"],
  }
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ')
}

export function securityHeaders(nonce: string, options: { production: boolean; development?: boolean }) {
  const headers: Record<string, string> = {
    'Content-Security-Policy': contentSecurityPolicy(nonce, options),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  }
  if (options.production) headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains'
  return headers
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * A state-changing request sent by another site (a forged form post) is refused.
 * Browsers say where a request comes from in Sec-Fetch-Site, and in Origin; either
 * one naming another site is enough to refuse.
 */
export function isCrossSiteWrite(request: {
  method: string
  host: string | undefined
  origin: string | undefined
  secFetchSite: string | undefined
}) {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false
  if (request.secFetchSite === 'cross-site') return true
  if (request.origin) {
    if (request.origin === 'null') return true
    try {
      return new URL(request.origin).host !== request.host
    } catch {
      return true
    }
  }
  return false
}
