import { json } from '@remix-run/node'
import { Refusal } from '~/domain/refusal'

/**
 * The one place a model's refusal becomes a response. A 404 is thrown, so the page's error
 * boundary explains it; any other refusal answers with its status and the action data that
 * `body` builds from it, so the form can show it. Anything that is not a Refusal is rethrown.
 */
export function refusalResponse<T>(error: unknown, body: (refusal: Refusal) => T) {
  if (!(error instanceof Refusal)) throw error
  if (error.status === 404) throw new Response(error.message, { status: 404 })
  return json(body(error), { status: error.status })
}

/** Throws a 404 (or the given status) with the message when the condition fails: for loaders' "no such …". */
export function invariantResponse(condition: unknown, message: string, status = 404): asserts condition {
  if (!condition) throw new Response(message, { status })
}

/** For loaders: a Refusal becomes the page's error response with its status; anything else is rethrown. */
export function refusalAsPageError(error: unknown): never {
  if (error instanceof Refusal) throw new Response(error.message, { status: error.status })
  throw error
}
