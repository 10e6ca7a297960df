import { connectDatabase, disconnectDatabase } from '../../app/utils/db.server'

try {
  const handle = await connectDatabase()
  console.log(`Migrations applied (${handle.kind}).`)
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
} finally {
  await disconnectDatabase()
}
