// Run after `npm install` changes package-lock.json (`npm run lockfile:fix`).
// The package mirror these machines use serves only linux-gnu builds of native
// packages, so npm leaves the other platforms' optional packages out of the lock
// file, and `npm ci` then refuses the lock as out of sync. Listing them as optional
// entries restores a lock file that `npm ci` accepts everywhere; a platform whose
// package cannot be fetched skips it, as npm does for any optional dependency.
import fs from 'node:fs'

const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8'))
const packages = lock.packages
let added = 0

function isResolvable(from, name) {
  let key = from
  for (;;) {
    if (packages[key ? `${key}/node_modules/${name}` : `node_modules/${name}`]) return true
    if (!key) return false
    const cut = key.lastIndexOf('/node_modules/')
    key = cut === -1 ? '' : key.slice(0, cut)
  }
}

for (const [key, meta] of Object.entries(packages)) {
  for (const [name, range] of Object.entries(meta.optionalDependencies ?? {})) {
    if (isResolvable(key, name)) continue
    packages[`node_modules/${name}`] = {
      version: range.replace(/^[\^~=]/, ''),
      ...(meta.dev ? { dev: true } : {}),
      optional: true,
    }
    added++
  }
}

fs.writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`)
console.log(`package-lock.json: listed ${added} optional platform package(s).`)
