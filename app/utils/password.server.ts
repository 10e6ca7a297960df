import { hash, verify } from '@node-rs/argon2'

// @node-rs/argon2 defaults to argon2id; the cost below is OWASP's 19 MiB / 2 passes.
const options = { memoryCost: 19456, timeCost: 2, parallelism: 1 }

export function hashPassword(password: string) {
  return hash(password, options)
}

export async function verifyPassword(passwordHash: string, password: string) {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

let dummyHash: Promise<string> | undefined
/** Spends the same time as a real check, so a response time does not reveal whether an email exists. */
export async function burnPasswordCheck(password: string) {
  dummyHash ??= hashPassword('servewell-timing-equaliser')
  await verifyPassword(await dummyHash, password)
}
