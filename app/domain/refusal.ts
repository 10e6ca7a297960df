export type RefusalStatus = 400 | 403 | 404 | 409 | 413 | 422 | 429

/** Messages by form field; a refusal of the form as a whole is filed under "form". */
export type FieldErrors = Record<string, string[]>

/**
 * A request refused for a reason the person can act on, thrown by models (and domain
 * rules) before anything is written. Routes turn it into a response in one place
 * (`refusalResponse`): 404 becomes the page's error, anything else the form's message.
 */
export class Refusal extends Error {
  readonly fieldErrors: FieldErrors

  constructor(
    message: string,
    readonly status: RefusalStatus = 400,
    fieldErrors?: FieldErrors,
  ) {
    super(message)
    this.fieldErrors = fieldErrors ?? { form: [message] }
  }

  /** A refusal about particular fields, each message shown beside its field. */
  static ofFields(fieldErrors: FieldErrors, status: RefusalStatus = 400) {
    const first = Object.values(fieldErrors).flat()[0] ?? 'The form has errors.'
    return new Refusal(first, status, fieldErrors)
  }
}
