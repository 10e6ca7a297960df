import { z } from 'zod'
import { roles } from './permissions'

const optionalId = z
  .string()
  .trim()
  .transform((v) => (v === '' ? null : v))
  .pipe(z.uuid({ message: 'Choose an option from the list.' }).nullable())

const optionalDate = z
  .string()
  .trim()
  .transform((v) => (v === '' ? null : v))
  .pipe(
    z.iso
      .date({ message: 'Enter a date as YYYY-MM-DD.' })
      .refine((v) => v >= '1950-01-01' && v <= '2100-12-31', 'Enter a realistic hire date.')
      .nullable(),
  )

export const emailField = z
  .string({ message: 'Enter an email address.' })
  .trim()
  .min(1, 'Enter an email address.')
  .max(254, 'An email address has at most 254 characters.')
  .pipe(z.email({ message: 'Enter a valid email address, like name@example.com.' }))
  .transform((v) => v.toLowerCase())

const userFields = {
  name: z
    .string({ message: 'Enter a name.' })
    .trim()
    .min(1, 'Enter a name.')
    .max(120, 'A name has at most 120 characters.'),
  role: z.enum(roles, { message: 'Choose a role.' }),
  teamId: optionalId,
  managerId: optionalId,
  hiredAt: optionalDate,
}

export const userUpdateSchema = z.object(userFields)

export const userCreateSchema = z.object({
  ...userFields,
  email: emailField,
  password: z.string({ message: 'Enter a starting password.' }).min(1, 'Enter a starting password.'),
})

export type UserUpdateInput = z.infer<typeof userUpdateSchema>
export type UserCreateInput = z.infer<typeof userCreateSchema>
