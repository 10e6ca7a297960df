import { InvalidEnvironmentError, parseEnv, remixMode } from '~/utils/env.server'

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

  it('shows error details only under npm run dev, never under npm start (NODE_ENV unset)', () => {
    expect(remixMode(parseEnv({}))).toBe('production')
    expect(remixMode(parseEnv({ NODE_ENV: 'test' }))).toBe('production')
    expect(remixMode(parseEnv({ NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40) }))).toBe('production')
    expect(remixMode(parseEnv({ NODE_ENV: 'development' }))).toBe('development')
  })

  it('names the bad variable', () => {
    expect(() => parseEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/)
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/PORT/)
  })

  describe('reminder emails', () => {
    it('queue without sending by default, every five minutes', () => {
      const env = parseEnv({})
      expect(env.SMTP_URL).toBeUndefined()
      expect(env.APP_URL).toBeUndefined()
      expect(env.MAIL_FROM).toBe('Servewell <no-reply@servewell.local>')
      expect(env.REMINDER_INTERVAL_SECONDS).toBe(300)
    })

    it('takes an smtp:// or smtps:// URL, a sender and the public app address', () => {
      const env = parseEnv({
        SMTP_URL: 'smtps://mailer:secret@smtp.example.com:465',
        MAIL_FROM: 'Harbour Training <training@harbour.example>',
        APP_URL: 'https://learn.harbour.example',
        REMINDER_INTERVAL_SECONDS: '60',
      })
      expect(env.SMTP_URL).toBe('smtps://mailer:secret@smtp.example.com:465')
      expect(env.MAIL_FROM).toBe('Harbour Training <training@harbour.example>')
      expect(env.APP_URL).toBe('https://learn.harbour.example')
      expect(env.REMINDER_INTERVAL_SECONDS).toBe(60)
      expect(parseEnv({ SMTP_URL: 'smtp://localhost:1025' }).SMTP_URL).toBe('smtp://localhost:1025')
    })

    it('treats empty values as unset, and 0 as "no worker"', () => {
      const env = parseEnv({ SMTP_URL: '', MAIL_FROM: ' ', APP_URL: '', REMINDER_INTERVAL_SECONDS: '' })
      expect(env.SMTP_URL).toBeUndefined()
      expect(env.MAIL_FROM).toBe('Servewell <no-reply@servewell.local>')
      expect(env.APP_URL).toBeUndefined()
      expect(env.REMINDER_INTERVAL_SECONDS).toBe(300)
      expect(parseEnv({ REMINDER_INTERVAL_SECONDS: '0' }).REMINDER_INTERVAL_SECONDS).toBe(0)
    })

    it('names each bad reminder setting', () => {
      expect(() => parseEnv({ SMTP_URL: 'http://smtp.example.com' })).toThrow(/SMTP_URL/)
      expect(() => parseEnv({ APP_URL: 'learn.example.com' })).toThrow(/APP_URL/)
      expect(() => parseEnv({ APP_URL: 'ftp://learn.example.com' })).toThrow(/APP_URL/)
      expect(() => parseEnv({ REMINDER_INTERVAL_SECONDS: '-5' })).toThrow(/REMINDER_INTERVAL_SECONDS/)
      expect(() => parseEnv({ REMINDER_INTERVAL_SECONDS: 'often' })).toThrow(/REMINDER_INTERVAL_SECONDS/)
      expect(() => parseEnv({ REMINDER_INTERVAL_SECONDS: '604800' })).toThrow(/REMINDER_INTERVAL_SECONDS/)
    })

    it('keeps the SMTP password out of the error message', () => {
      expect(() => parseEnv({ SMTP_URL: 'http://mailer:hunter2@smtp.example.com' })).toThrow(
        expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
      )
    })
  })
})
