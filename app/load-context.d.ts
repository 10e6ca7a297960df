import '@remix-run/node'

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** Per-request nonce, the only way an inline script passes the CSP. */
    cspNonce: string
    /** The client's address, for throttling sign-in failures. */
    clientAddress: string
    /**
     * On a document request, where lesson pages leave their static HTML for the markup alone,
     * so the loader data does not carry it a second time (app/utils/segment-html.server.ts).
     */
    segmentHtml?: Map<string, string>
  }
}
