import { sql } from 'drizzle-orm'
import type { Db } from '#db/client'

// Touched by merely using the app: sessions record when they were last seen, and failed
// sign-ins are counted on purpose.
const volatile = new Set(['sessions', 'login_failures'])

/** A fingerprint of every row of every table, to assert that a refused request changed nothing. */
export async function snapshotRows(db: Db): Promise<Record<string, string>> {
  const tables = await db.execute(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  )
  const out: Record<string, string> = {}
  for (const { table_name: table } of rowsOf<{ table_name: string }>(tables)) {
    if (volatile.has(table)) continue
    const [row] = rowsOf<{ digest: string }>(
      await db.execute(
        sql`select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as digest from ${sql.identifier(table)} t`,
      ),
    )
    out[table] = row?.digest ?? ''
  }
  return out
}

// PGlite answers { rows }, postgres.js an array of rows.
function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? [])
}
