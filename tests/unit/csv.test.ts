import { parse } from 'csv-parse/sync'
import fc from 'fast-check'
import { csvLine } from '~/domain/csv'

describe('csvLine', () => {
  it('quotes commas, quotes and line breaks, and leaves plain cells alone', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'two\nlines', 3, null, undefined, true])).toBe(
      'a,"b,c","say ""hi""","two\nlines",3,,,true\r\n',
    )
  })
  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(csvLine(['=1+1', '+A1', '-2', '@SUM(A1)'])).toBe("'=1+1,'+A1,'-2,'@SUM(A1)\r\n")
    expect(csvLine([-2])).toBe('-2\r\n')
  })
  it('round-trips through a standard CSV parser', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 6 }), (cells) => {
        const [row] = parse(csvLine(cells), { relax_column_count: true }) as string[][]
        expect(row).toEqual(cells.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c)))
      }),
    )
  })
})
