import { z } from 'zod'
import type { IsoDate } from './calendar'

const uuid = z.string().uuid('Choose from the list.')
const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v)

/** An item to assign is written "course:<id>" or "lesson:<courseId>:<lessonId>" by the form's select. */
export const itemSchema = z
  .string({ message: 'Choose a course or lesson to assign.' })
  .min(1, 'Choose a course or lesson to assign.')
  .transform((value, ctx) => {
    const [kind, courseId, lessonId] = value.split(':')
    const ids = z.string().uuid()
    if (kind === 'course' && ids.safeParse(courseId).success && lessonId === undefined)
      return { courseId: courseId!, lessonId: null }
    if (kind === 'lesson' && ids.safeParse(courseId).success && ids.safeParse(lessonId).success)
      return { courseId: courseId!, lessonId: lessonId! }
    ctx.addIssue({ code: 'custom', message: 'Choose a course or lesson from the list.' })
    return z.NEVER
  })

export function assignFormSchema(today: IsoDate) {
  return z.object({
    item: itemSchema,
    userIds: z.array(uuid).max(5000, 'Assign to at most 5,000 people at once.').default([]),
    teamId: z.preprocess(blankToNull, uuid.nullable().default(null)),
    dueDate: z.preprocess(
      blankToNull,
      z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the due date as YYYY-MM-DD.')
        .refine(
          (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
          'That date does not exist.',
        )
        .refine((d) => d >= today, 'Choose a due date from today on.')
        .nullable()
        .default(null),
    ),
    note: z.preprocess(
      blankToNull,
      z.string().trim().max(500, 'Keep the note under 500 characters.').nullable().default(null),
    ),
  })
}
