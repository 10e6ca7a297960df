export type CsvValue = string | number | boolean | null | undefined

/**
 * One CSV line (RFC 4180). Cells that a spreadsheet would run as a formula get a leading
 * apostrophe: exports carry learners' free text and must not become an attack on whoever opens them.
 */
export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`
}

function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return ''
  let text = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}
