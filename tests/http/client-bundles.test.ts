import fs from 'node:fs'
import { gzipSync } from 'node:zlib'
import path from 'node:path'
import { seedDemoOrganisation } from '#db/seed'
import { syncContent } from '~/content/sync.server'
import { useAppServer } from '../support/app-server'
import { useTestDatabase } from '../support/database'
import { type PageScript, pageScripts } from '../support/page-scripts'
import { sessionCookieFor } from '../support/requests'

const database = useTestDatabase()
const app = useAppServer()

const LESSON = '/courses/service-culture-foundations/precise-commitments'
// Issue 14: the lesson page downloaded 196 kB of gzipped JavaScript, 93 kB of it zod.
const LESSON_PAGE_BUDGET = 150_000

// The runtime dependencies a page may ship to the browser; every other one is server-only
// (zod, drizzle, pdfkit, …), and a new dependency reaches the browser only by joining this list.
const browserPackages = [
  /^react$/,
  /^react-dom$/,
  /^@remix-run\/react$/,
  /^recharts$/,
  /^codemirror$/,
  /^@codemirror\//,
]
const dependencies = Object.keys(
  (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> }).dependencies,
)
const serverOnly = dependencies.filter((name) => !browserPackages.some((p) => p.test(name)))

// esbuild's record of the client build (remix build writes it): which modules each chunk holds.
interface Metafile {
  outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>
}
const metafile = JSON.parse(fs.readFileSync('build/metafile.js.json', 'utf8')) as Metafile

/** The packages whose code is in a built chunk ('public/build/…'), by name. */
function packagesIn(output: string) {
  const inputs = metafile.outputs[output]?.inputs
  if (!inputs) throw new Error(`${output} is not in the client build's metafile`)
  return new Set(
    Object.entries(inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .flatMap(([path]) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? []),
  )
}

const serverOnlyIn = (output: string) => [...packagesIn(output)].filter((name) => serverOnly.includes(name))

let lessonScripts: PageScript[] = []
beforeAll(async () => {
  await seedDemoOrganisation(database.handle.db)
  await syncContent(database.handle.db, path.resolve('content'))
  lessonScripts = await pageScripts(app.url, LESSON, await sessionCookieFor('learner@example.com'))
})

describe('the browser gets no server-only code', () => {
  it('knows zod, the database and the PDF writer as server-only', () => {
    expect(serverOnly).toEqual(expect.arrayContaining(['zod', 'drizzle-orm', 'postgres', 'pdfkit', 'mdx-bundler']))
  })

  it('ships no server-only package in the scripts of the lesson page', () => {
    expect(lessonScripts.map((s) => s.path)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^\/build\/routes\/courses\.\$course\.\$lesson-/)]),
    )
    // The route manifest is the one script esbuild did not build: Remix writes it, as data.
    const built = lessonScripts.filter((s) => !/^\/build\/manifest-\w+\.js$/.test(s.path))
    expect(built.length).toBe(lessonScripts.length - 1)
    for (const script of built) expect(serverOnlyIn(`public${script.path}`), script.path).toEqual([])
  })

  it('ships no server-only package in any chunk of the client build', () => {
    const found = Object.keys(metafile.outputs)
      .filter((output) => output.endsWith('.js'))
      .flatMap((output) => serverOnlyIn(output).map((name) => `${name} in ${output}`))
    expect(found).toEqual([])
  })

  it('keeps the lesson page under 150 kB of gzipped JavaScript', () => {
    const gzipBytes = lessonScripts.reduce((sum, s) => sum + gzipSync(s.body).length, 0)
    expect(gzipBytes).toBeLessThan(LESSON_PAGE_BUDGET)
  })
})
