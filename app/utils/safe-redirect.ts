const DEFAULT_REDIRECT = '/'

/**
 * Only same-site paths are followed after sign-in: "/learn?x=1" is kept, while
 * "https://evil.example", "//evil.example" and "/\\evil.example" fall back to "/".
 */
export function safeRedirect(to: unknown, fallback = DEFAULT_REDIRECT): string {
  if (typeof to !== 'string' || to.length === 0 || to.length > 2000) return fallback
  if (!to.startsWith('/') || to.startsWith('//') || to.includes('\\')) return fallback
  if (/[\u0000-\u001f\u007f]/.test(to)) return fallback
  try {
    const url = new URL(to, 'http://servewell.invalid')
    if (url.origin !== 'http://servewell.invalid') return fallback
    return url.pathname + url.search + url.hash
  } catch {
    return fallback
  }
}
