// npm run content:sync [-- --prefer-files]: load content/ into the database (see app/content/sync.server.ts).
import path from 'node:path'
import { formatProblem } from '../app/content/problems'
import { syncContent } from '../app/content/sync.server'
import { connectDatabase, disconnectDatabase } from '../app/utils/db.server'

try {
  const handle = await connectDatabase()
  const report = await syncContent(handle.db, path.resolve(process.env.CONTENT_DIR ?? 'content'), {
    preferFiles: process.argv.includes('--prefer-files'),
  })
  for (const p of report.problems) console.error(formatProblem(p))
  for (const f of report.failed) {
    console.error(`Kept the published version of ${f.lesson}; the new file has problems:`)
    for (const p of f.problems) console.error(`  ${formatProblem(p)}`)
  }
  for (const lesson of report.conflicts)
    console.error(
      `Published nothing for ${lesson}: its file and its studio version both changed since the last sync. Run \`npm run content:pull\` to take the studio version into the file, or \`npm run content:sync -- --prefer-files\` to publish the file over it.`,
    )
  console.log(
    `Content synced: ${report.newVersions.length} new version(s), ${report.unchanged.length} unchanged, ${report.conflicts.length} in conflict, ${report.failed.length} failed.`,
  )
  for (const lesson of report.newVersions) console.log(`  new version: ${lesson}`)
  if (report.failed.length || report.conflicts.length || report.problems.length) process.exitCode = 1
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
} finally {
  await disconnectDatabase()
}
