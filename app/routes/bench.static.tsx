import { json } from '@remix-run/node'

// The baseline for `npm run bench`: the cheapest page Remix can serve through this
// app's server. Absent unless the benchmark starts the server with BENCH_ROUTES=1.
export async function loader() {
  if (process.env.BENCH_ROUTES !== '1') throw new Response('Not found', { status: 404 })
  return json({})
}

export default function BenchStatic() {
  return <p>Servewell benchmark baseline.</p>
}
