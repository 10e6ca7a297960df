// npm run content:pull: write studio versions back to content/ (see app/content/pull.server.ts).
import path from 'node:path'
import { pullContent } from '../app/content/pull.server'
import { connectDatabase, disconnectDatabase } from '../app/utils/db.server'

try {
  const handle = await connectDatabase()
  const report = await pullContent(handle.db, path.resolve(process.env.CONTENT_DIR ?? 'content'))
  for (const lesson of report.written)
    console.log(`  wrote ${lesson}${report.listed.includes(lesson) ? ' (added to course.yml)' : ''}`)
  console.log(`Content pulled: ${report.written.length} lesson file(s) written from the studio.`)
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
} finally {
  await disconnectDatabase()
}
