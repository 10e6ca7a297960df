import { z } from 'zod'

// The schemas of the admin's forms, kept out of the route modules so zod stays out of the
// browser (docs/decisions/006).

export const MISSION_MAX_LENGTH = 1000

export const missionSchema = z.object({
  text: z
    .string({ message: 'Enter the mission statement.' })
    // Browsers submit textarea line breaks as \r\n but count them as one character against maxLength.
    .transform((v) => v.replace(/\r\n?/g, '\n'))
    .pipe(
      z
        .string()
        .trim()
        .min(1, 'Enter the mission statement.')
        .max(MISSION_MAX_LENGTH, `Use at most ${MISSION_MAX_LENGTH} characters.`),
    ),
})

export const missionRestoreSchema = z.object({
  revisionId: z.uuid({ message: 'Choose a revision from the history.' }),
})

export const onboardingRemoveSchema = z.object({ itemId: z.uuid({ message: 'Choose an item of the path.' }) })

export const teamSchema = z.object({
  name: z
    .string({ message: 'Enter a team name.' })
    .trim()
    .min(1, 'Enter a team name.')
    .max(80, 'Use at most 80 characters.'),
})
