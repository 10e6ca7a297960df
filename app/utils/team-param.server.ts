import { z } from 'zod'

/** The optional `?team=` of team pages and exports: absent, or a uuid (else 400). */
export function teamParam(request: Request): string | null {
  const raw = new URL(request.url).searchParams.get('team')
  if (raw === null || raw === '') return null
  const parsed = z.string().uuid().safeParse(raw)
  if (!parsed.success) throw new Response('That team link is not valid.', { status: 400 })
  return parsed.data
}
