/**
 * Reads the named fields of a submitted form as strings. Missing fields become
 * undefined and file uploads are refused, so zod sees only what a form can send.
 */
export async function formValues<K extends string>(request: Request, keys: readonly K[]) {
  let form: FormData
  try {
    form = await request.formData()
  } catch {
    throw new Response('The form could not be read. Please submit it again.', { status: 400 })
  }
  const out = {} as Record<K, string | undefined>
  for (const key of keys) {
    const value = form.get(key)
    if (value !== null && typeof value !== 'string')
      throw new Response(`The field "${key}" must be text.`, { status: 400 })
    out[key] = value ?? undefined
  }
  return out
}
