/**
 * When assigned work earns a reminder email, and what the email says. Dates are
 * calendar days ("2026-03-01") in UTC, so a reminder never depends on the server's
 * time zone.
 */
import { daysBetween } from './calendar'

/** Automatic reminders go once per assignment and kind; a nudge is a manager's, at most daily. */
export type ReminderKind = 'due_soon' | 'overdue' | 'nudge'
export type AutomaticReminderKind = Exclude<ReminderKind, 'nudge'>

/** Work due within this many days (today included) gets a due-soon reminder. */
export const DUE_SOON_DAYS = 3

/** A message that failed this many times is left alone, for an admin to look at. */
export const MAX_DELIVERY_TRIES = 5

export interface ReminderState {
  dueDate: string | null
  completedAt: Date | string | null
}

export function reminderFor(today: string, { dueDate, completedAt }: ReminderState): AutomaticReminderKind | null {
  if (!dueDate || completedAt) return null
  const daysLeft = daysBetween(today, dueDate)
  if (daysLeft < 0) return 'overdue'
  if (daysLeft <= DUE_SOON_DAYS) return 'due_soon'
  return null
}

export function itemPath(courseSlug: string, lessonSlug?: string | null) {
  const course = `/courses/${encodeURIComponent(courseSlug)}`
  return lessonSlug ? `${course}/${encodeURIComponent(lessonSlug)}` : course
}

export function firstNameOf(name: string) {
  return name.trim().split(/\s+/)[0] || 'there'
}

// One formatter for all: toLocaleDateString builds a new one per call, which dominates queueing a large backlog.
const dueDateFormat = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
})

/** "Tuesday, 3 March 2026": an email is read away from the app, so the weekday helps. */
export function formatDueDate(isoDate: string) {
  return dueDateFormat.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`))
}

function whenDue(today: string, dueDate: string) {
  const days = daysBetween(today, dueDate)
  if (days === 0) return 'today'
  if (days === 1) return 'tomorrow'
  return `in ${days} days`
}

export interface ReminderEmailInput {
  kind: ReminderKind
  today: string
  personName: string
  /** Null only for a nudge about work with no due date. */
  dueDate: string | null
  /** A nudge: the manager who sent it. */
  senderName?: string
  courseTitle: string
  courseSlug: string
  /** Absent when the whole course is assigned. */
  lesson?: { title: string; slug: string } | null
  /** The app's public address ("https://learn.example.com"); without it the email carries the path alone. */
  appUrl?: string | null
}

export function reminderEmail(input: ReminderEmailInput): { subject: string; body: string } {
  const title = input.lesson ? input.lesson.title : input.courseTitle
  const item = input.lesson
    ? `“${input.lesson.title}” (a lesson in ${input.courseTitle})`
    : `the course “${input.courseTitle}”`
  const path = itemPath(input.courseSlug, input.lesson?.slug)
  const link = input.appUrl ? `${input.appUrl.replace(/\/+$/, '')}${path}` : path
  const { subject, message } = reminderText(input, title, item)
  const body = [
    `Hi ${firstNameOf(input.personName)},`,
    message,
    `${input.appUrl ? 'Open it here' : 'Open it in Servewell'}: ${link}`,
    'You are receiving this because the work was assigned to you in Servewell.',
  ].join('\n\n')
  return { subject, body }
}

function reminderText(input: ReminderEmailInput, title: string, item: string) {
  const dueDate = input.dueDate
  if (input.kind === 'nudge') {
    const sender = input.senderName?.trim() || 'Your manager'
    const due = !dueDate
      ? ''
      : daysBetween(input.today, dueDate) < 0
        ? ` It was due on ${formatDueDate(dueDate)}.`
        : ` It is due ${whenDue(input.today, dueDate)}, ${formatDueDate(dueDate)}.`
    return {
      subject: `A reminder from ${sender}: ${title}`,
      message:
        `${sender} asked us to remind you about ${item}.${due} ` +
        'If something is in the way, tell them: they can help.',
    }
  }
  if (!dueDate) throw new Error(`A ${input.kind} reminder needs a due date`)
  if (input.kind === 'overdue')
    return {
      subject: `Overdue: ${title}`,
      message:
        `${capitalise(item)} was due on ${formatDueDate(dueDate)} and is not finished yet. ` +
        'Please complete it as soon as you can, or tell your manager if something is in the way.',
    }
  return {
    subject: `Due ${whenDue(input.today, dueDate)}: ${title}`,
    message: `A reminder that ${item} is due ${whenDue(input.today, dueDate)}, ${formatDueDate(dueDate)}.`,
  }
}

function capitalise(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

export type OutboxStatus = 'queued' | 'sent' | 'failed' | 'withdrawn'

/**
 * A reminder that waited (no SMTP, or a mail server down) is withdrawn once it no longer
 * applies: the work was completed or unassigned, or the person was deactivated.
 */
export function outboxStatus(message: {
  sentAt: Date | string | null
  tries: number
  stillApplies: boolean
}): OutboxStatus {
  if (message.sentAt) return 'sent'
  if (!message.stillApplies) return 'withdrawn'
  return message.tries >= MAX_DELIVERY_TRIES ? 'failed' : 'queued'
}
