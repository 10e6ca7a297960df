const KB = 1024
const MB = 1024 * KB

/**
 * How much a request body may carry. Forms are small; the pages that take files or whole
 * lessons get room for them (a 1 MB CSV or lesson, plus multipart or URL encoding).
 */
const limits: { path: RegExp; bytes: number }[] = [
  { path: /^\/admin\/users\/import(\/problems\.csv)?\/?$/, bytes: 4 * MB },
  { path: /^\/author\/preview\/?$/, bytes: 4 * MB },
  { path: /^\/author\/lessons\/[^/]+\/[^/]+\/?$/, bytes: 4 * MB },
]

export const DEFAULT_BODY_LIMIT = 256 * KB

export function bodyLimitFor(pathname: string) {
  return limits.find((l) => l.path.test(pathname))?.bytes ?? DEFAULT_BODY_LIMIT
}

const allowedMethods = new Set(['GET', 'HEAD', 'POST'])

export function isAllowedMethod(method: string) {
  return allowedMethods.has(method.toUpperCase())
}

/** "1 MB", "256 KB": sizes as people read them. */
export function describeBytes(bytes: number) {
  return bytes >= MB ? `${Math.round(bytes / MB)} MB` : `${Math.round(bytes / KB)} KB`
}
