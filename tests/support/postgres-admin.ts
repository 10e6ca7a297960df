import crypto from 'node:crypto'
import postgres from 'postgres'
import { openDatabase } from '#db/client'

function adminConnection(url: string) {
  return postgres(url, { max: 1, onnotice: () => {} })
}

export function databaseUrlFor(url: string, database: string) {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`

export async function createTemplateDatabase(url: string) {
  const name = `servewell_tpl_${crypto.randomBytes(4).toString('hex')}`
  const admin = adminConnection(url)
  try {
    await admin.unsafe(`create database ${ident(name)}`)
  } finally {
    await admin.end()
  }
  const handle = await openDatabase({ kind: 'postgres', url: databaseUrlFor(url, name), maxConnections: 1 })
  try {
    await handle.migrate()
  } finally {
    await handle.close()
  }
  return name
}

export async function createDatabaseFrom(url: string, template: string | null, prefix = 'servewell_test') {
  const name = `${prefix}_${crypto.randomBytes(6).toString('hex')}`
  const admin = adminConnection(url)
  try {
    await admin.unsafe(`create database ${ident(name)}${template ? ` template ${ident(template)}` : ''}`)
  } finally {
    await admin.end()
  }
  return name
}

export async function dropDatabase(url: string, name: string) {
  const admin = adminConnection(url)
  try {
    await admin.unsafe(`drop database if exists ${ident(name)} with (force)`)
  } finally {
    await admin.end()
  }
}
