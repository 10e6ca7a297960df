import { z } from 'zod'
import { invariantResponse } from './responses.server'

// Route params are checked here rather than in route modules: a schema built at a route
// module's top level stays in that route's browser bundle, and all of zod with it.

const slug = z.string().regex(/^[a-z0-9-]{1,64}$/)
const courseParams = z.object({ course: slug })
const lessonParamsSchema = z.object({ course: slug, lesson: slug })
const studioParams = z.object({ course: z.string().min(1), lesson: z.string().min(1) })
const uuid = z.string().uuid()

/** The `$course` of a course page; a malformed slug is no such course (404). */
export function courseParam(params: unknown): string {
  const parsed = courseParams.safeParse(params)
  invariantResponse(parsed.success, 'No such course.')
  return parsed.data.course
}

/** The `$course/$lesson` of a lesson page; a malformed slug is no such lesson (404). */
export function lessonParams(params: unknown): { course: string; lesson: string } {
  const parsed = lessonParamsSchema.safeParse(params)
  invariantResponse(parsed.success, 'No such lesson.')
  return parsed.data
}

/** The `$course/$lesson` of a studio page: files are named freely, so any name is looked up. */
export function studioLessonParams(params: unknown): { course: string; lesson: string } {
  return studioParams.parse(params)
}

/** The value when it is a uuid (an id from a link or a hidden field), else null. */
export function uuidOrNull(value: unknown): string | null {
  const parsed = uuid.safeParse(value)
  return parsed.success ? parsed.data : null
}
