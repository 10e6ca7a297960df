const CONTROL = /[\u0000-\u001f\u007f]/g

/**
 * Free text typed into a search box, ready to compare: control characters (a NUL byte would
 * make PostgreSQL refuse the query) become spaces, runs of space collapse, and it is cut to
 * `max` characters. Empty means no search.
 */
export function searchText(raw: string | null, max = 100): string {
  return (raw ?? '').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim().slice(0, max)
}

/** A LIKE pattern that finds `text` anywhere, with LIKE's own wildcards taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}
