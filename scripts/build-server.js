import { build } from 'esbuild'

// The HTTP server is bundled apart from the Remix build; packages stay external
// so both load the same node_modules at run time.
await build({
  entryPoints: ['server/index.ts'],
  outfile: 'build/server.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
})
