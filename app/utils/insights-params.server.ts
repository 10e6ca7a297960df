import { z } from 'zod'
import { lessonParams } from './params.server'

/**
 * The lesson an insights page or export is about, and the optional `?version=` (a version
 * number; absent: the published one). A malformed slug is no such lesson (404); a malformed
 * version is a bad link (400).
 */
export function lessonInsightsParams(request: Request, params: Record<string, string | undefined>) {
  const lesson = lessonParams(params)
  const raw = new URL(request.url).searchParams.get('version')
  if (raw === null || raw === '') return { ...lesson, version: null }
  const version = z
    .string()
    .regex(/^[1-9][0-9]{0,5}$/)
    .transform(Number)
    .safeParse(raw)
  if (!version.success) throw new Response('That version link is not valid.', { status: 400 })
  return { ...lesson, version: version.data }
}
