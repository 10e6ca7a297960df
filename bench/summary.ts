// The figures issue 14 asked for, gathered from each part of `npm run bench` (they run as
// separate processes) into one file, then printed as one table at the end of the run.
import fs from 'node:fs'
import path from 'node:path'

export interface SummaryRow {
  what: string
  /** The figure measured, as printed: a ratio, milliseconds, kilobytes. */
  now: string
  target: string
  met: boolean
}

const FILE = path.resolve(process.env.BENCH_SUMMARY ?? 'build/bench-summary.jsonl')

export function recordSummary(row: SummaryRow) {
  fs.mkdirSync(path.dirname(FILE), { recursive: true })
  fs.appendFileSync(FILE, `${JSON.stringify(row)}\n`)
}

export function forgetSummary() {
  fs.rmSync(FILE, { force: true })
}

export function printSummary() {
  const rows = fs.existsSync(FILE)
    ? fs
        .readFileSync(FILE, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as SummaryRow)
    : []
  const database = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite (embedded)'
  console.log(`\nIssue 14's table, this run, ${database} (ratios against baselines measured in the same run)\n`)
  console.log('| what | now | target | |')
  console.log('| --- | ---: | ---: | --- |')
  for (const r of rows) console.log(`| ${r.what} | ${r.now} | ${r.target} | ${r.met ? 'met' : 'NOT MET'} |`)
  if (rows.length === 0) console.log('(no figures: did the benchmarks run?)')
}

// `tsx bench/summary.ts forget` before the parts, `tsx bench/summary.ts` after them.
if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv[2] === 'forget') forgetSummary()
  else printSummary()
}
