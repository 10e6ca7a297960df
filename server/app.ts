import path from 'node:path'
import { type ServerBuild, createRequestHandler } from '@remix-run/node'
import compression from 'compression'
import express, { type ErrorRequestHandler, type Request as ExpressRequest, type RequestHandler } from 'express'
import { bodyLimitFor, describeBytes, isAllowedMethod } from '../app/utils/request-limits.server'
import { createNonce, isCrossSiteWrite, securityHeaders } from '../app/utils/security-headers.server'

export interface ServerOptions {
  build: ServerBuild | (() => Promise<ServerBuild>)
  /** 'development' (only under `npm run dev`) shows error details; 'production' never does. */
  mode: 'development' | 'production'
  trustProxy: boolean
  publicDir?: string
}

const ALLOWED_METHODS = 'GET, HEAD, POST'

export function createServerApp(options: ServerOptions) {
  const app = express()
  const publicDir = options.publicDir ?? path.resolve('public')
  app.disable('x-powered-by')
  if (options.trustProxy) app.set('trust proxy', true)
  app.use(compression())

  app.use((req, res, next) => {
    const nonce = createNonce()
    res.locals.cspNonce = nonce
    const headers = securityHeaders(nonce, {
      production: options.mode === 'production',
      development: options.mode === 'development',
    })
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value)
    next()
  })

  // Forms only GET and POST; anything else (TRACE, PUT, …) is answered here, before it reaches Remix.
  app.use((req, res, next) => {
    if (isAllowedMethod(req.method)) return next()
    res.setHeader('Allow', ALLOWED_METHODS)
    if (req.method === 'OPTIONS') return res.status(204).end()
    res
      .status(405)
      .type('text/plain')
      .send(`${req.method} is not supported here. Servewell pages answer ${ALLOWED_METHODS}.`)
  })

  app.use((req, res, next) => {
    const crossSite = isCrossSiteWrite({
      method: req.method,
      host: req.get('host'),
      origin: req.get('origin'),
      secFetchSite: req.get('sec-fetch-site'),
    })
    if (!crossSite) return next()
    res
      .status(403)
      .type('text/plain')
      .send('This request came from another site and was refused. Submit the form from Servewell itself.')
  })

  app.use('/build', express.static(path.join(publicDir, 'build'), { immutable: true, maxAge: '1y' }))
  app.use(express.static(publicDir, { maxAge: '1h' }))

  app.all('*', remixHandler(options))
  app.use(lastResort)
  return app
}

/**
 * Remix's Express adapter, with three things it does not do: the body is read here, up to the
 * route's limit (413 before anything else runs); pages that say nothing about caching are
 * private and never stored, since they carry names and records; and the load context.
 */
function remixHandler(options: ServerOptions): RequestHandler {
  const handle = createRequestHandler(options.build, options.mode)
  return async (req, res, next) => {
    try {
      const body = req.method === 'GET' || req.method === 'HEAD' ? null : await readBody(req, bodyLimitFor(req.path))
      if (body === TOO_LARGE) return refuseTooLarge(req, res, bodyLimitFor(req.path))
      const controller = new AbortController()
      res.on('close', () => {
        if (!res.writableFinished) controller.abort()
      })
      const url = requestUrl(req)
      const request = new Request(url, {
        method: req.method,
        headers: requestHeaders(req),
        body: body ? new Uint8Array(body) : null,
        signal: controller.signal,
      })
      const response = await handle(request, {
        cspNonce: String(res.locals.cspNonce),
        clientAddress: req.ip ?? req.socket.remoteAddress ?? 'unknown',
        // Remix answers `?_data=` with loader data alone; anything else renders a document.
        segmentHtml: new URL(url).searchParams.has('_data') ? undefined : new Map(),
      })
      res.status(response.status)
      for (const [name, value] of response.headers) res.append(name, value)
      if (!response.headers.has('Cache-Control')) res.setHeader('Cache-Control', 'private, no-store')
      if (response.body) await writeBody(response.body, res)
      else res.end()
    } catch (error) {
      next(error)
    }
  }
}

/**
 * Remix's writeReadableStreamToWritable, with writes gathered: React hands over a page in 2 kB
 * pieces, one socket write each. The socket is corked on the first piece of an event-loop turn and
 * uncorked on the next, so a page goes out in one or two writes and a long export still streams.
 */
async function writeBody(body: ReadableStream<Uint8Array>, res: express.Response) {
  const reader = body.getReader()
  let corked = false
  const uncork = () => {
    corked = false
    res.uncork()
  }
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      if (!corked) {
        corked = true
        res.cork()
        setImmediate(uncork)
      }
      res.write(value)
    }
    res.end()
  } catch (error) {
    res.destroy(error as Error)
    throw error
  }
}

function requestHeaders(req: ExpressRequest) {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v)
    else if (value !== undefined) headers.set(name, value)
  }
  return headers
}

function requestUrl(req: ExpressRequest) {
  // req.hostname honours "trust proxy"; the port comes from the Host header.
  const port = req.get('host')?.split(':')[1]
  return new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ''}${req.originalUrl}`).href
}

const TOO_LARGE = Symbol('too large')

/** The whole body, or TOO_LARGE as soon as it (or its declared length) passes the limit. */
function readBody(req: ExpressRequest, limit: number): Promise<Buffer | typeof TOO_LARGE> {
  const declared = Number(req.get('content-length'))
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(TOO_LARGE)
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) return void chunks.push(chunk)
      req.off('data', onData)
      req.off('end', onEnd)
      resolve(TOO_LARGE)
    }
    const onEnd = () => resolve(Buffer.concat(chunks))
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', reject)
  })
}

// After a 413 the rest of the body is read and dropped, never kept, up to a cap, so the client
// gets to read the answer instead of a connection reset; past the cap the connection is cut.
const DRAIN_BYTES = 16 * 1024 * 1024
const DRAIN_MS = 2_000

function refuseTooLarge(req: ExpressRequest, res: express.Response, limit: number) {
  res
    .status(413)
    .type('text/plain')
    .send(`The request is larger than ${describeBytes(limit)} and was refused. Send less at once.`)
  let drained = 0
  const hangUp = () => req.socket.destroy()
  const timer = setTimeout(hangUp, DRAIN_MS)
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length
    if (drained > DRAIN_BYTES) hangUp()
  })
  req.on('end', () => clearTimeout(timer))
  req.socket.on('close', () => clearTimeout(timer))
  req.resume()
}

/** Anything that escaped Remix: logged, and answered without details. */
const lastResort: ErrorRequestHandler = (error, _req, res, _next) => {
  console.error(error)
  if (res.headersSent) return res.end()
  res.status(500).type('text/plain').send('Something went wrong on our side. Please try again in a moment.')
}
