import fc from 'fast-check'
import {
  CODE_LENGTH,
  formatCertificateCode,
  newCertificateCode,
  normaliseCertificateCode,
} from '~/domain/certificate-code'

describe('certificate codes', () => {
  it('are 12 characters of Crockford base32, never the misread letters I, L, O or U', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: CODE_LENGTH, maxLength: CODE_LENGTH }), (bytes) => {
        expect(newCertificateCode(bytes)).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/)
      }),
    )
  })

  it('differ from one issue to the next', () => {
    const codes = new Set(Array.from({ length: 2000 }, () => newCertificateCode()))
    expect(codes.size).toBe(2000)
  })

  it('use every character about as often, so no position is easier to guess', () => {
    const counts = new Map<string, number>()
    for (let i = 0; i < 2000; i++) for (const c of newCertificateCode()) counts.set(c, (counts.get(c) ?? 0) + 1)
    expect(counts.size).toBe(32)
    for (const n of counts.values()) expect(n / (2000 * CODE_LENGTH)).toBeGreaterThan(0.02)
  })

  it('are shown in groups of four', () => {
    expect(formatCertificateCode('7K3M9QXZ2B4P')).toBe('7K3M-9QXZ-2B4P')
  })

  it('read back whatever way they are typed: any case, with or without dashes or spaces', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: CODE_LENGTH, maxLength: CODE_LENGTH }), (bytes) => {
        const code = newCertificateCode(bytes)
        expect(normaliseCertificateCode(code)).toBe(code)
        expect(normaliseCertificateCode(formatCertificateCode(code).toLowerCase())).toBe(code)
        expect(normaliseCertificateCode(` ${formatCertificateCode(code).replace(/-/g, ' ')} `)).toBe(code)
      }),
    )
  })

  it('read O as zero and I or L as one, as Crockford intends', () => {
    expect(normaliseCertificateCode('OK3M-9QXZ-2B4I')).toBe('0K3M9QXZ2B41')
    expect(normaliseCertificateCode('lk3m9qxz2b4p')).toBe('1K3M9QXZ2B4P')
  })

  it('refuse anything that cannot be a code', () => {
    for (const input of [
      '',
      '7K3M-9QXZ',
      '7K3M-9QXZ-2B4P-0',
      'UUUU-UUUU-UUUU',
      '7K3M_9QXZ_2B4P',
      "'; drop table--",
      'é'.repeat(12),
    ])
      expect(normaliseCertificateCode(input), input).toBeNull()
  })
})
