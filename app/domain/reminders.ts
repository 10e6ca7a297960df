/**
 * When assigned work earns a reminder email, and what the email says. Dates are
 * calendar days ("2026-03-01") in UTC, so a reminder never depends on the server's
 * time zone.
 */
import { daysBetween } from './calendar'

export type ReminderKind = 'due_soon' | 'overdue'

/** Work due within this many days (today included) gets a due-soon reminder. */
export const DUE_SOON_DAYS = 3

/** A message that failed this many times is left alone, for an admin to look at. */
export const MAX_DELIVERY_TRIES = 5

export interface ReminderState {
  dueDate: string | null
  completedAt: Date | string | null
}

export function reminderFor(today: string, { dueDate, completedAt }: ReminderState): ReminderKind | null {
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
  dueDate: string
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
  const due = formatDueDate(input.dueDate)

  const subject =
    input.kind === 'overdue' ? `Overdue: ${title}` : `Due ${whenDue(input.today, input.dueDate)}: ${title}`
  const message =
    input.kind === 'overdue'
      ? `${capitalise(item)} was due on ${due} and is not finished yet. ` +
        'Please complete it as soon as you can, or tell your manager if something is in the way.'
      : `A reminder that ${item} is due ${whenDue(input.today, input.dueDate)}, ${due}.`
  const body = [
    `Hi ${firstNameOf(input.personName)},`,
    message,
    `${input.appUrl ? 'Open it here' : 'Open it in Servewell'}: ${link}`,
    'You are receiving this because the work was assigned to you in Servewell.',
  ].join('\n\n')
  return { subject, body }
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
