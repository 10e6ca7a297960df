import http from 'node:http'

export interface RawResponse {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
  /** How many body bytes the client had sent when the answer began. */
  bytesSentBeforeAnswer: number
}

/**
 * One request over a plain socket, for what fetch will not send: any method (TRACE), a
 * declared length the body never reaches, a chunked body fed piece by piece. The body is
 * written in `chunks` and stops as soon as the server answers.
 */
export function rawRequest(
  url: string,
  options: { method: string; headers?: Record<string, string>; chunks?: Iterable<Buffer | string> },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let sent = 0
    let answered = false
    const req = http.request(url, { method: options.method, headers: options.headers })
    req.on('response', (res) => {
      answered = true
      const bytesSentBeforeAnswer = sent
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (d: string) => (body += d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, bytesSentBeforeAnswer }))
    })
    req.on('error', (error) => {
      // The server may close the socket while the body is still going out; the answer came first.
      if (!answered) reject(error)
    })
    const chunks = options.chunks ? [...options.chunks] : []
    const writeNext = () => {
      const chunk = chunks.shift()
      if (answered || req.destroyed) return
      if (chunk === undefined) return void req.end()
      sent += Buffer.byteLength(chunk)
      req.write(chunk, () => setImmediate(writeNext))
    }
    writeNext()
  })
}
