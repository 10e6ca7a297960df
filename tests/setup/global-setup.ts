import type { TestProject } from 'vitest/node'
import { createTemplateDatabase, dropDatabase } from '../support/postgres-admin'

// On PostgreSQL, migrate one template database once; every test file then gets a
// fresh copy of it (CREATE DATABASE … TEMPLATE), so files never share state.
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL
  if (!url) {
    project.provide('templateDatabase', '')
    return
  }
  const template = await createTemplateDatabase(url)
  project.provide('templateDatabase', template)
  return async () => {
    await dropDatabase(url, template)
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string
  }
}
