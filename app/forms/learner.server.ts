import { z } from 'zod'

// The schemas of the learner's forms. Pages import them from this server-only module so that
// zod, which building a schema needs, never reaches a browser bundle (docs/decisions/006).

export const signInSchema = z.object({
  email: z
    .string({ message: 'Enter your email address.' })
    .trim()
    .min(1, 'Enter your email address.')
    .max(254, 'That email address is too long.'),
  password: z
    .string({ message: 'Enter your password.' })
    .min(1, 'Enter your password.')
    .max(1024, 'That password is too long.'),
  redirectTo: z.string().optional(),
})

export const courseFeedbackSchema = z.object({
  score: z.coerce
    .number({ message: 'Choose a number from 0 to 10.' })
    .int()
    .min(0, 'Choose a number from 0 to 10.')
    .max(10, 'Choose a number from 0 to 10.'),
  comment: z
    .string()
    .trim()
    .max(2000, 'Keep the comment under 2,000 characters.')
    .transform((v) => (v === '' ? null : v)),
})
