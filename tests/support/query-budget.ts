// Counts the statements the app sends while a test runs one request: a page's query budget.
// Every test database reports its statements here (tests/support/database.ts).

let current: string[] | null = null

export function noteQuery(query: string) {
  current?.push(query)
}

/** Runs `fn` and returns what it returned with the statements it sent, in order. */
export async function countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; queries: string[] }> {
  if (current) throw new Error('countQueries does not nest')
  const queries: string[] = []
  current = queries
  try {
    return { result: await fn(), queries }
  } finally {
    current = null
  }
}
