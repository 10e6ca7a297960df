import { passwordProblem } from '~/domain/password-policy.server'

describe('password policy', () => {
  it('accepts a reasonable passphrase', () => {
    expect(passwordProblem('harbour lanterns at dawn')).toBeNull()
    expect(passwordProblem('servewell-demo')).toBeNull()
  })

  it('refuses passwords shorter than 8 characters', () => {
    expect(passwordProblem('a1b2c3d')).toMatch(/at least 8/)
  })

  it('allows at least 64 characters and refuses absurd lengths', () => {
    expect(passwordProblem('x7'.repeat(32))).toBeNull()
    expect(passwordProblem('q'.repeat(129))).toMatch(/at most 128/)
  })

  it.each(['password', 'Password1', '12345678', 'qwertyuiop', 'iloveyou'])('refuses the common password %s', (pw) => {
    expect(passwordProblem(pw)).toMatch(/most common passwords/)
  })

  it('refuses the email address as a password', () => {
    expect(passwordProblem('lena.fischer@example.com', { email: 'lena.fischer@example.com' })).toMatch(/email/)
    expect(passwordProblem('lena.fischer', { email: 'lena.fischer@example.com' })).toMatch(/email/)
  })
})
