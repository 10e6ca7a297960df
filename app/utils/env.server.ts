import { z } from 'zod'

const DEV_SESSION_SECRET = 'servewell-development-secret-not-for-production'

const envSchema = z
  .object({
    // Unset is how `npm start` runs: demo seeding and a development secret are allowed, but
    // error details stay hidden; only `npm run dev` (which sets "development") shows them.
    NODE_ENV: z.enum(['development', 'production', 'test']).optional(),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// or postgresql:// URL')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    DATA_DIR: z.string().default('./data'),
    SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
    CONTENT_SYNC_ON_START: z
      .enum(['true', 'false', '1', '0', ''])
      .default('true')
      .transform((v) => v !== 'false' && v !== '0'),
    TRUST_PROXY: z
      .enum(['true', 'false', '1', '0', ''])
      .default('false')
      .transform((v) => v === 'true' || v === '1'),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/[^/]/, 'SMTP_URL must be an smtp:// or smtps:// URL')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    MAIL_FROM: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
      z.string().trim().default('Servewell <no-reply@servewell.local>'),
    ),
    APP_URL: z
      .url({ protocol: /^https?$/, message: 'APP_URL must be an http:// or https:// URL' })
      .optional()
      .or(z.literal('').transform(() => undefined)),
    REMINDER_INTERVAL_SECONDS: z.preprocess(
      (v) => (v === '' ? undefined : v),
      // More than a day between checks could let a due-soon reminder miss its three-day window.
      z.coerce.number().int().min(0).max(86_400, 'REMINDER_INTERVAL_SECONDS is at most 86400 (a day)').default(300),
    ),
  })
  .transform((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SESSION_SECRET'],
        message: 'SESSION_SECRET is required in production (32+ random characters)',
      })
      return z.NEVER
    }
    return { ...env, SESSION_SECRET: env.SESSION_SECRET ?? DEV_SESSION_SECRET }
  })

export type Env = z.infer<typeof envSchema>

export class InvalidEnvironmentError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source)
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || 'env'}: ${i.message}`)
    throw new InvalidEnvironmentError(`Invalid environment:\n${lines.join('\n')}`)
  }
  return result.data
}

let cached: Env | undefined

/** The validated environment; the server calls this at start-up so bad config fails fast. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env)
  return cached
}

export const isProduction = () => getEnv().NODE_ENV === 'production'

/** How Remix answers errors: with stack traces under `npm run dev` only, otherwise never. */
export function remixMode(env: Pick<Env, 'NODE_ENV'>): 'development' | 'production' {
  return env.NODE_ENV === 'development' ? 'development' : 'production'
}
