async function readForm(request: Request) {
  try {
    return await request.formData()
  } catch {
    throw new Response('The form could not be read. Please submit it again.', { status: 400 })
  }
}

function textOf(key: string, value: FormDataEntryValue) {
  if (typeof value !== 'string') throw new Response(`The field "${key}" must be text.`, { status: 400 })
  return value
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
  const form = await readForm(request)
  const out = {} as Record<K, string | undefined> & Record<L, string[]>
  for (const key of keys) {
    const value = form.get(key)
    ;(out as Record<string, unknown>)[key] = value === null ? undefined : textOf(key, value)
  }
  for (const key of lists) (out as Record<string, unknown>)[key] = form.getAll(key).map((v) => textOf(key, v))
  return out
}
