import '@remix-run/node'

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** Per-request nonce, the only way an inline script passes the CSP. */
    cspNonce: string
    /** The client's address, for throttling sign-in failures. */
    clientAddress: string
  }
}
