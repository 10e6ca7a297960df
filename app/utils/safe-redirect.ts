const DEFAULT_REDIRECT = '/'
const ORIGIN = 'http://servewell.invalid'

/**
 * Only same-site paths are followed after sign-in: "/learn?x=1" is kept, while
 * "https://evil.example", "//evil.example" and "/\\evil.example" fall back to "/".
 * The check is made on the normalised path too, because "/.//evil.example" and
 * "/%2e//evil.example" normalise to "//evil.example", which a browser reads as a host.
 */
export function safeRedirect(to: unknown, fallback = DEFAULT_REDIRECT): string {
  if (typeof to !== 'string' || to.length === 0 || to.length > 2000) return fallback
  if (!isLocalPath(to) || /[\u0000-\u001f\u007f]/.test(to)) return fallback
  try {
    const url = new URL(to, ORIGIN)
    const target = url.pathname + url.search + url.hash
    return url.origin === ORIGIN && isLocalPath(target) ? target : fallback
  } catch {
    return fallback
  }
}

function isLocalPath(path: string) {
  return path.startsWith('/') && !path.startsWith('//') && !path.includes('\\')
}
