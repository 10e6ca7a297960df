import { sideBySide } from '~/domain/side-by-side'

describe('a side-by-side diff', () => {
  it('pairs a changed line with its replacement and numbers both sides', () => {
    const rows = sideBySide('a\nb\nc\n', 'a\nB\nc\nd\n')
    expect(
      rows.map((r) => [
        r.kind,
        r.left?.line ?? null,
        r.left?.text ?? null,
        r.right?.line ?? null,
        r.right?.text ?? null,
      ]),
    ).toEqual([
      ['same', 1, 'a', 1, 'a'],
      ['changed', 2, 'b', 2, 'B'],
      ['same', 3, 'c', 3, 'c'],
      ['added', null, null, 4, 'd'],
    ])
  })

  it('shows a removed line on the left only', () => {
    expect(sideBySide('a\nb\n', 'a\n').map((r) => r.kind)).toEqual(['same', 'removed'])
  })
})
