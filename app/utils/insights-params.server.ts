import { z } from 'zod'
import { invariantResponse } from './responses.server'

const slug = z.string().regex(/^[a-z0-9-]{1,64}$/)
const lessonParams = z.object({ course: slug, lesson: slug })

/**
 * The lesson an insights page or export is about, and the optional `?version=` (a version
 * number; absent: the published one). A malformed slug is no such lesson (404); a malformed
 * version is a bad link (400).
 */
export function lessonInsightsParams(request: Request, params: Record<string, string | undefined>) {
  const parsed = lessonParams.safeParse(params)
  invariantResponse(parsed.success, 'No such lesson.')
  const raw = new URL(request.url).searchParams.get('version')
  if (raw === null || raw === '') return { ...parsed.data, version: null }
  const version = z
    .string()
    .regex(/^[1-9][0-9]{0,5}$/)
    .transform(Number)
    .safeParse(raw)
  if (!version.success) throw new Response('That version link is not valid.', { status: 400 })
  return { ...parsed.data, version: version.data }
}
