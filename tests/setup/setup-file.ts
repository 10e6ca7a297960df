import { format } from 'node:util'
import { afterEach, beforeEach, vi } from 'vitest'

// An unexpected console.error is a failure, as in the Epic Stack: a test that expects one
// spies on console.error itself (vi.spyOn(console, 'error').mockImplementation(() => {})).
let unexpectedErrors: string[] = []

beforeEach(() => {
  unexpectedErrors = []
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    unexpectedErrors.push(format(...args))
  })
})

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
  if (unexpectedErrors.length > 0) throw new Error(`console.error was called:\n${unexpectedErrors.join('\n---\n')}`)
})
