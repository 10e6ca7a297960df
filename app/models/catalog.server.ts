import { competencies, principles } from '#db/schema'
import type { Catalog } from '~/content/policy.server'
import { getDb } from '~/utils/db.server'

/** The competency and principle ids loaded by the last content sync. */
export async function loadCatalog(): Promise<Catalog> {
  const db = getDb()
  const [c, p] = await Promise.all([
    db.select({ id: competencies.id }).from(competencies),
    db.select({ id: principles.id }).from(principles),
  ])
  return { competencies: new Set(c.map((r) => r.id)), principles: new Set(p.map((r) => r.id)) }
}
