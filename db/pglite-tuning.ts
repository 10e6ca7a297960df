import type { PGlite, QueryOptions, Results, Transaction } from '@electric-sql/pglite'
import { types } from '@electric-sql/pglite'

// Two costs of the embedded database that PostgreSQL does not have (docs/decisions/006).
//
// Drizzle asks PGlite to leave dates, intervals and numeric arrays as text, with every statement;
// PGlite then copies its table of parsers (one per type, hundreds) to merge the request in. The
// same parsers are set on the client once, and drizzle's copy of them is dropped.
//
// PGlite plans every statement again, and planning there (file lookups through WebAssembly) costs
// several times the execution: 1.7 ms against 0.25 ms for a learner's assignments. postgres.js keeps
// a named statement per connection; here a statement that comes again is PREPAREd once and then
// EXECUTEd, which keeps its plan.

const asText = (value: string) => value
const drizzleParsers = {
  [types.TIMESTAMP]: asText,
  [types.TIMESTAMPTZ]: asText,
  [types.INTERVAL]: asText,
  [types.DATE]: asText,
  1231: asText, // numeric[]
  1115: asText, // timestamp[]
  1185: asText, // timestamptz[]
  1187: asText, // interval[]
  1182: asText, // date[]
}

// PREPARE takes these; a statement seen once (a seed's insert, a migration) is not worth a plan.
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i
const SEEN_BEFORE_KEEPING = 2
// The app's statements are a fixed set, but lists inlined as $1…$n vary in length.
const MAX_KEPT = 2000
const MAX_COUNTED = 5000

type Query = PGlite['query']

export interface TunedPGlite {
  client: PGlite
  /** Drops every kept plan: after migrations, whose changes could alter a statement's result. */
  forgetPlans(): Promise<void>
}

/** Sets drizzle's parsers once and keeps the plans of repeated statements, on a client PGlite.create made. */
export function tunedForDrizzle(client: PGlite): TunedPGlite {
  // After PGlite.create: it derives array parsers from element parsers then, which would replace
  // drizzle's text for the arrays above.
  Object.assign(client.parsers, drizzleParsers)
  const plans = new KeptPlans(client.query.bind(client) as Query)
  client.query = plans.wrap(client.query.bind(client) as Query, { inTransaction: false }) as PGlite['query']
  const transaction = client.transaction.bind(client)
  client.transaction = async (run) => {
    try {
      return await transaction((tx) => {
        tx.query = plans.wrap(tx.query.bind(tx) as Query, { inTransaction: true }) as Transaction['query']
        return run(tx)
      })
    } finally {
      // A PREPARE that fails inside a transaction would abort it: those seen there are kept after.
      await plans.keepPending()
    }
  }
  return { client, forgetPlans: () => plans.forget() }
}

class KeptPlans {
  private kept = new Map<string, string>()
  private seen = new Map<string, number>()
  private refused = new Set<string>()
  private pending = new Set<string>()
  private next = 1

  constructor(private readonly baseQuery: Query) {}

  wrap(query: Query, where: { inTransaction: boolean }) {
    return async <T>(text: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> => {
      const own = options?.parsers ? { ...options, parsers: undefined } : options
      const args = own?.paramTypes ? undefined : literals(params)
      const name = args && this.kept.get(text)
      if (name && args)
        return query<T>(args.length ? `EXECUTE ${name}(${args.join(', ')})` : `EXECUTE ${name}`, [], own)
      const result = await query<T>(text, params, own)
      if (args && this.isWorthKeeping(text)) {
        if (where.inTransaction) this.pending.add(text)
        else await this.keep(text)
      }
      return result
    }
  }

  private isWorthKeeping(text: string) {
    if (this.kept.has(text) || this.refused.has(text) || this.kept.size >= MAX_KEPT || !PREPARABLE.test(text))
      return false
    if (this.seen.size >= MAX_COUNTED) this.seen.clear()
    const count = (this.seen.get(text) ?? 0) + 1
    this.seen.set(text, count)
    return count >= SEEN_BEFORE_KEEPING
  }

  async keepPending() {
    const texts = [...this.pending]
    this.pending.clear()
    for (const text of texts) await this.keep(text)
  }

  private async keep(text: string) {
    if (this.kept.has(text)) return
    const name = `kept_${this.next++}`
    try {
      await this.baseQuery(`PREPARE ${name} AS ${text}`)
      this.kept.set(text, name)
    } catch {
      // PREPARE refuses what a plain statement may still run: leave it unkept.
      this.refused.add(text)
    }
    this.seen.delete(text)
  }

  async forget() {
    if (this.kept.size > 0) await this.baseQuery('DEALLOCATE ALL')
    this.kept.clear()
    this.seen.clear()
    this.pending.clear()
  }
}

/**
 * The parameters as SQL literals for EXECUTE, which takes no bound parameters; undefined when one
 * is not a plain scalar (arrays, objects, dates and bytes keep PGlite's own serialising). A quoted
 * literal is typed by the prepared parameter, as a bound text value would be.
 */
function literals(params: readonly unknown[]): string[] | undefined {
  const out: string[] = []
  for (const value of params) {
    if (value === null || value === undefined) out.push('NULL')
    else if (typeof value === 'string') out.push(quoted(value))
    else if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
      out.push(quoted(String(value)))
    else return undefined
  }
  return out
}

// As libpq's PQescapeLiteral: quotes doubled, and with a backslash the E'' form with backslashes
// doubled, so the literal means the same whatever standard_conforming_strings says.
function quoted(value: string) {
  const body = value.replace(/'/g, "''")
  return value.includes('\\') ? ` E'${body.replace(/\\/g, '\\\\')}'` : `'${body}'`
}
