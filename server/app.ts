import path from 'node:path'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import { createNonce, isCrossSiteWrite, securityHeaders } from '../app/utils/security-headers.server'

export interface ServerOptions {
  build: ServerBuild | (() => Promise<ServerBuild>)
  mode: 'development' | 'production' | 'test'
  trustProxy: boolean
  publicDir?: string
}

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

  app.all(
    '*',
    createRequestHandler({
      build: options.build,
      mode: options.mode,
      getLoadContext: (req, res) => ({
        cspNonce: String(res.locals.cspNonce),
        clientAddress: req.ip ?? req.socket.remoteAddress ?? 'unknown',
      }),
    }),
  )
  return app
}
