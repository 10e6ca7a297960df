import { json } from '@remix-run/node'
import { getDatabase } from '~/utils/db.server'

export async function loader() {
  try {
    await getDatabase().ping()
    return json({ status: 'ok', db: 'ok' }, { headers: { 'Cache-Control': 'no-store' } })
  } catch {
    return json({ status: 'error', db: 'down' }, { status: 503, headers: { 'Cache-Control': 'no-store' } })
  }
}
