import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from '@remix-run/node'
import { z } from 'zod'
import type { FieldErrors } from '~/domain/refusal'
import { describeBytes } from './request-limits.server'

// Tab, line feed and carriage return are text; every other C0 control and DEL is not, and a
// NUL byte is refused by PostgreSQL itself.
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

/** Refuses text that holds a control character, with a 400 that names where it is. */
export function refuseControlCharacters(text: string, where: string) {
  if (CONTROL_CHARACTER.test(text))
    throw new Response(
      `${where} contains a control character (such as a NUL byte) that cannot be saved. Remove it and submit again.`,
      { status: 400 },
    )
}

/**
 * Reads a submitted form: a plain one, or, given `maxFileBytes`, a multipart one with files
 * up to that size each (elsewhere files are refused). Every field is checked for control characters,
 * so no form can carry one into the database. Refusals are thrown as 4xx Responses.
 */
export async function readForm(request: Request, options: { maxFileBytes?: number } = {}): Promise<FormData> {
  let form: FormData
  try {
    form = options.maxFileBytes
      ? await unstable_parseMultipartFormData(
          request,
          unstable_createMemoryUploadHandler({ maxPartSize: options.maxFileBytes }),
        )
      : await request.formData()
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError)
      throw new Response(
        `The file is larger than ${describeBytes(options.maxFileBytes ?? 0)}. Split it into smaller files and send them one at a time.`,
        { status: 413 },
      )
    throw new Response('The form could not be read. Please submit it again.', { status: 400 })
  }
  for (const [key, value] of form.entries()) {
    refuseControlCharacters(key, 'A field name')
    if (typeof value === 'string') refuseControlCharacters(value, `The field “${key}”`)
    else if (!options.maxFileBytes) throw new Response(`The field “${key}” must be text.`, { status: 400 })
  }
  return form
}

/**
 * Reads the named fields of a submitted form as strings. Missing fields become
 * undefined and file uploads are refused, so zod sees only what a form can send.
 * Fields in `lists` (checkbox groups) come back as arrays of every value sent.
 */
export async function formValues<K extends string, L extends string = never>(
  request: Request,
  keys: readonly K[],
  lists: readonly L[] = [],
) {
  // readForm refused files, so every value is a string.
  const form = await readForm(request)
  const text = (value: FormDataEntryValue | null) => (typeof value === 'string' ? value : undefined)
  const out = {} as Record<K, string | undefined> & Record<L, string[]>
  for (const key of keys) (out as Record<string, unknown>)[key] = text(form.get(key))
  for (const key of lists) (out as Record<string, unknown>)[key] = form.getAll(key).flatMap((v) => text(v) ?? [])
  return out
}

/** Zod issues as { field: [messages] }, for showing next to each form field. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {}
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form')
    ;(out[key] ??= []).push(issue.message)
  }
  return out
}

/** The form's intent when it is one of `intents`, else null (the action answers 400). */
export function intentOf<const T extends readonly [string, ...string[]]>(value: unknown, intents: T): T[number] | null {
  const parsed = z.enum(intents).safeParse(value)
  return parsed.success ? parsed.data : null
}
