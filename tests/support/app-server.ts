import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import { createServerApp } from '../../server/app'

export interface InProcessServer {
  url: string
  close: () => Promise<void>
}

/**
 * The production build (`npm test` builds it first) behind the real Express app, served over
 * HTTP from this process, on the test file's own database (call useTestDatabase first: the
 * build finds the open database on globalThis). Pages are reached as a browser reaches them.
 */
export function useAppServer() {
  const state: { server?: InProcessServer } = {}
  beforeAll(async () => {
    state.server = await serveBuild()
  })
  afterAll(async () => {
    await state.server?.close()
  })
  return {
    get url() {
      if (!state.server) throw new Error('The app server is not listening yet')
      return state.server.url
    },
  }
}

async function serveBuild(): Promise<InProcessServer> {
  const build = (await import(pathToFileURL(path.resolve('build/index.js')).href)) as ServerBuild
  const app = createServerApp({ build, mode: 'production', trustProxy: false })
  const server = app.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
