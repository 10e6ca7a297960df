import { z } from 'zod'

// The schemas of the manager's forms, kept out of the route modules so zod stays out of the
// browser (docs/decisions/006).

const blankToNull = (v: unknown) => (v === '' || v === undefined ? null : v)

export const reflectionReviewSchema = z
  .object({
    reflectionId: z.string({ message: 'Reload the page and try again.' }).uuid('Reload the page and try again.'),
    reply: z
      .string({ message: 'Write a reply.' })
      .trim()
      .min(1, 'Write a reply.')
      .max(2000, 'Keep the reply under 2,000 characters.'),
    competencyId: z.preprocess(blankToNull, z.string().max(80).nullable()),
    levelId: z.preprocess(blankToNull, z.string().max(80).nullable()),
  })
  // A rating is a competency and a level together: half of one is never saved as a reply only.
  .superRefine((review, ctx) => {
    if (review.competencyId && !review.levelId)
      ctx.addIssue({
        code: 'custom',
        path: ['levelId'],
        message: 'Choose a level for this competency, or choose “No rating, reply only”.',
      })
    if (review.levelId && !review.competencyId)
      ctx.addIssue({ code: 'custom', path: ['competencyId'], message: 'Choose which competency the rating is for.' })
  })

const remindSchema = z.object({
  intent: z.literal('remind'),
  assignmentId: z.string().uuid('Reload the page and try again.'),
})

const gapSchema = z.object({
  intent: z.literal('assign-gap'),
  courseId: z.string().uuid('Choose a lesson from the list.'),
  lessonId: z.string().uuid('Choose a lesson from the list.'),
  competencyId: z.string().min(1).max(80),
  teamId: z.preprocess((v) => (v === '' ? undefined : v), z.string().uuid().optional()),
})

/** The team dashboard's two buttons: "Remind" on an assignment, "Assign" on a competency gap. */
export const teamDashboardIntentSchema = z.discriminatedUnion('intent', [remindSchema, gapSchema], {
  message: 'Reload the page and try again.',
})

export const unassignSchema = z.object({
  intent: z.literal('unassign', { message: 'Unknown action.' }),
  assignmentId: z.string().uuid('Reload the page and try again.'),
})
