import { connectDatabase, disconnectDatabase } from '../../app/utils/db.server'
import { getEnv } from '../../app/utils/env.server'
import { seedDemoLearning, seedDemoOrganisation } from '../seed'

try {
  const env = getEnv()
  const handle = await connectDatabase()
  const result = await seedDemoOrganisation(handle.db, {
    nodeEnv: env.NODE_ENV,
    force: process.argv.includes('--force'),
  })
  const learning = await seedDemoLearning(handle.db)
  console.log(
    `Demo organisation ready (${result.usersCreated} new accounts, ${learning.assignmentsCreated} new assignments).`,
  )
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
} finally {
  await disconnectDatabase()
}
