import { z } from 'zod'
import { MAX_LESSON_BYTES } from '~/content/compile.server'

// The schemas of the studio's forms, kept out of the route modules so zod stays out of the
// browser (docs/decisions/006).

const tooLarge = 'The lesson is larger than 1 MB; split it into several lessons.'

export const draftSaveSchema = z.object({
  intent: z.literal('save'),
  source: z.string().max(MAX_LESSON_BYTES, tooLarge),
  revision: z.coerce.number().int().min(0),
})

export const draftPublishSchema = z.object({
  intent: z.enum(['publish', 'request-review']),
  revision: z.coerce.number().int().min(1),
})

export const draftApproveSchema = z.object({ revision: z.coerce.number().int().min(1) })

export const previewSchema = z.object({
  source: z
    .string({ message: 'Paste the lesson’s MDX source.' })
    .min(1, 'Paste the lesson’s MDX source.')
    .max(MAX_LESSON_BYTES, tooLarge),
})

export const versionRestoreSchema = z.object({ versionId: z.uuid() })

export const lessonCreateSchema = z.object({
  module: z.string({ message: 'Choose a module.' }).regex(/^[^/]+\/[^/]+$/, 'Choose a module.'),
  slug: z
    .string({ message: 'Name the lesson.' })
    .trim()
    .min(1, 'Name the lesson.')
    .max(80, 'Keep the name under 80 characters.'),
})

export const lessonMoveSchema = z.object({
  course: z.string().min(1),
  kind: z.enum(['lesson', 'module']),
  slug: z.string().min(1),
  direction: z.enum(['up', 'down']),
})
