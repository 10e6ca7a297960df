import { minutesUntil } from '~/domain/login-throttle'
import { claimPasswordCheck, clearLoginFailures } from '~/models/login-failures.server'
import { findUserByEmail } from '~/models/users.server'
import { burnPasswordCheck, verifyPassword } from './password.server'
import { createSession } from './session.server'

export type SignInResult =
  | { ok: true; userId: string; setCookie: string }
  | { ok: false; reason: 'invalid'; message: string }
  | { ok: false; reason: 'deactivated'; message: string }
  | { ok: false; reason: 'throttled'; message: string; retryAt: Date }

export const WRONG_CREDENTIALS = 'The email or password is wrong.'
export const ACCOUNT_DEACTIVATED =
  'Your account has been deactivated, so you cannot sign in. If you think this is a mistake, ask an admin of your organisation to reactivate it.'

/**
 * Checks credentials and opens a fresh session (a new id at every sign-in, so a
 * session id planted before sign-in is worthless). Failures never say which half
 * was wrong, and are throttled per account and client address.
 */
export async function signIn(
  input: { email: string; password: string; clientAddress: string },
  now = new Date(),
): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase()
  const decision = await claimPasswordCheck(email, input.clientAddress, now)
  if (!decision.allowed) {
    const minutes = minutesUntil(decision.retryAt, now)
    return {
      ok: false,
      reason: 'throttled',
      retryAt: decision.retryAt,
      message: `Too many failed sign-ins for this account from your network. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or ask an admin to reset your password.`,
    }
  }

  const user = await findUserByEmail(email)
  const passwordOk = user
    ? await verifyPassword(user.passwordHash, input.password)
    : (await burnPasswordCheck(input.password), false)

  // A wrong try keeps its claim: it counts as a failure.
  if (!user || !passwordOk) return { ok: false, reason: 'invalid', message: WRONG_CREDENTIALS }
  // Said only to someone who knows the password, so the form never tells a stranger which accounts
  // exist or are deactivated. The claim is kept: no session is opened, so it counts as a failure.
  if (user.deactivatedAt) return { ok: false, reason: 'deactivated', message: ACCOUNT_DEACTIVATED }

  await clearLoginFailures(email, input.clientAddress)
  const session = await createSession(user.id, now)
  return { ok: true, userId: user.id, setCookie: session.setCookie }
}
