import { dictionary } from '@zxcvbn-ts/language-common'

export const PASSWORD_MIN_LENGTH = 8
export const PASSWORD_MAX_LENGTH = 128

let common: Set<string> | undefined
function commonPasswords() {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()))
  return common
}

/** Returns why a password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}) {
  if (password.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`
  if (password.length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`
  const lowered = password.toLowerCase()
  if (commonPasswords().has(lowered))
    return 'This is one of the most common passwords; choose something less guessable.'
  const localPart = context.email?.split('@')[0]?.toLowerCase()
  if (
    (context.email && lowered === context.email.toLowerCase()) ||
    (localPart && localPart.length >= 4 && lowered === localPart)
  )
    return 'Do not use your email address as your password.'
  return null
}
