import { sql } from 'drizzle-orm'
import nodemailer from 'nodemailer'
import type { DatabaseHandle } from '#db/client'
import { type MailTransport, deliverOutbox, queueReminders } from '~/models/outbox.server'
import type { DbOrTx } from '#db/client'
import { rowsOf } from '~/utils/db.server'

// Any constant unique to this job; content sync uses 4242001.
const ROUND_LOCK_KEY = 4242002

/**
 * nodemailer waits up to ten minutes on a silent server by default; a round holds
 * its claimed messages meanwhile. Query parameters in SMTP_URL still override these.
 */
export function createMailTransport(smtpUrl: string | undefined): MailTransport | null {
  if (!smtpUrl) return null
  return nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  })
}

export interface ReminderRoundOptions {
  now: Date
  transport: MailTransport | null
  from: string
  appUrl?: string | null
  /** Only this organisation's reminders: an admin's "check now". */
  organisationId?: string
  /** The most messages this round tries to send. */
  limit?: number
  signal?: AbortSignal
}

export type ReminderRoundResult = { ran: false } | { ran: true; queued: number; sent: number; failed: number }

type RoundDatabase = Pick<DatabaseHandle, 'db' | 'kind'>

// Shared through globalThis because the HTTP server (the worker) and the Remix build (an admin's
// "check now") are bundled apart, each with its own copy of this module.
const roundKey = Symbol.for('servewell.reminderRoundRunning')
const store = globalThis as typeof globalThis & { [roundKey]?: boolean }

/**
 * One round: queue what is due, then send what is queued. Only one round runs at a
 * time, and a round that finds another running is skipped, not queued behind it.
 */
export async function runReminderRound(
  database: RoundDatabase,
  options: ReminderRoundOptions,
): Promise<ReminderRoundResult> {
  if (database.kind === 'postgres') {
    // A transaction-level advisory lock spans app servers and goes with the transaction if a server dies.
    return database.db.transaction(async (tx) => {
      const result = await tx.execute(
        sql`select pg_try_advisory_xact_lock(${sql.raw(String(ROUND_LOCK_KEY))}) as locked`,
      )
      if (!firstRow<{ locked: boolean }>(result)?.locked) return { ran: false }
      return { ran: true, ...(await queueAndDeliver(tx, options, true)) }
    })
  }
  // The embedded database is one process with one connection: a transaction held open while SMTP
  // answers would stall every request, and there is no other server to keep out.
  if (store[roundKey]) return { ran: false }
  store[roundKey] = true
  try {
    return { ran: true, ...(await queueAndDeliver(database.db, options, false)) }
  } finally {
    store[roundKey] = false
  }
}

async function queueAndDeliver(db: DbOrTx, options: ReminderRoundOptions, rowLocks: boolean) {
  const { now, transport, from, appUrl, organisationId, limit, signal } = options
  const queued = await queueReminders(db, now, { appUrl, organisationId })
  const { sent, failed } = await deliverOutbox(db, transport, { from, organisationId, limit, signal, rowLocks })
  return { queued, sent, failed }
}

function firstRow<T>(result: unknown): T | undefined {
  return rowsOf<T>(result)[0]
}

export interface ReminderWorkerOptions extends Omit<ReminderRoundOptions, 'now' | 'signal' | 'organisationId'> {
  /** Asked each round, so the worker always uses the database that is open now. */
  getDatabase: () => RoundDatabase
  intervalMs: number
  now?: () => Date
  log?: Pick<Console, 'log' | 'error'>
}

/**
 * Runs a round now and then every `intervalMs` after the previous one ends, so
 * rounds never overlap. An error is logged and the next round tries again: email
 * trouble must not take the app down. `stop()` lets the current round record what
 * it sent, then resolves.
 */
export function startReminderWorker(options: ReminderWorkerOptions) {
  const { getDatabase, intervalMs, now = () => new Date(), log = console, ...round } = options
  const abort = new AbortController()
  let timer: NodeJS.Timeout | undefined
  let current: Promise<void> = Promise.resolve()

  const tick = () => {
    current = Promise.resolve()
      .then(() => runReminderRound(getDatabase(), { ...round, now: now(), signal: abort.signal }))
      .then((result) => {
        if (result.ran && (result.queued || result.sent || result.failed)) {
          log.log(`Reminders: ${result.queued} queued, ${result.sent} sent, ${result.failed} failed to send.`)
        }
      })
      .catch((error: unknown) => log.error('Reminder round failed:', error))
      .finally(() => {
        if (abort.signal.aborted) return
        timer = setTimeout(tick, intervalMs)
        // The HTTP server keeps the process alive; a pending reminder round should not.
        timer.unref()
      })
  }
  tick()

  return {
    stop: async () => {
      abort.abort()
      clearTimeout(timer)
      await current
    },
  }
}
