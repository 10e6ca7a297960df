import { InvalidEnvironmentError, parseEnv } from '~/utils/env.server'

describe('environment validation', () => {
  it('runs locally with defaults: embedded database, port 3000', () => {
    const env = parseEnv({})
    expect(env.PORT).toBe(3000)
    expect(env.DATABASE_URL).toBeUndefined()
    expect(env.SESSION_SECRET.length).toBeGreaterThanOrEqual(32)
  })

  it('refuses to start in production without SESSION_SECRET', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(InvalidEnvironmentError)
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET/)
  })

  it('accepts production with a long secret', () => {
    const env = parseEnv({ NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40) })
    expect(env.NODE_ENV).toBe('production')
  })

  it('names the bad variable', () => {
    expect(() => parseEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/)
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/PORT/)
  })
})
