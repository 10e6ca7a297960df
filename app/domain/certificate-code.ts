/**
 * Certificate verification codes: 12 characters of Crockford's base32, 60 random bits, so a
 * code cannot be guessed, and shown in groups of four so it can be read aloud and typed.
 * Crockford's alphabet leaves out I, L, O and U, which are the letters people misread.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export const CODE_LENGTH = 12

/** A new code from 12 random bytes; each byte's low five bits pick a character (256 is a multiple of 32, so evenly). */
export function newCertificateCode(random: Uint8Array = crypto.getRandomValues(new Uint8Array(CODE_LENGTH))) {
  if (random.length < CODE_LENGTH) throw new Error(`A code needs ${CODE_LENGTH} random bytes`)
  return Array.from(random.subarray(0, CODE_LENGTH), (byte) => ALPHABET[byte & 31]).join('')
}

/** ABCD-EFGH-JKMN: how a stored code is shown and printed. */
export function formatCertificateCode(code: string) {
  return code.match(/.{1,4}/g)!.join('-')
}

/**
 * The stored form of what someone typed, or null when it cannot be a code: any case, with or
 * without dashes and spaces, and the letters Crockford reads as digits (O as 0; I and L as 1).
 */
export function normaliseCertificateCode(input: string) {
  const code = input.replace(/[\s-]/g, '').toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1')
  if (code.length !== CODE_LENGTH || [...code].some((c) => !ALPHABET.includes(c))) return null
  return code
}
