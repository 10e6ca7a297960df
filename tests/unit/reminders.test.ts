import { isoDate as isoDateUTC } from '~/domain/calendar'
import { addDays } from '~/domain/calendar'
import { firstNameOf, itemPath, outboxStatus, reminderEmail, reminderFor } from '~/domain/reminders'

const TODAY = '2026-03-10'
const open = (dueDate: string | null) => reminderFor(TODAY, { dueDate, completedAt: null })

describe('which reminder applies', () => {
  it('is due soon from today up to exactly three days ahead', () => {
    expect(open('2026-03-10')).toBe('due_soon')
    expect(open('2026-03-11')).toBe('due_soon')
    expect(open('2026-03-13')).toBe('due_soon')
  })

  it('is nothing yet four days ahead', () => {
    expect(open('2026-03-14')).toBeNull()
  })

  it('is overdue from yesterday back', () => {
    expect(open('2026-03-09')).toBe('overdue')
    expect(open('2025-12-01')).toBe('overdue')
  })

  it('is nothing for completed work, overdue or not', () => {
    expect(reminderFor(TODAY, { dueDate: '2026-03-09', completedAt: new Date('2026-03-09T12:00:00Z') })).toBeNull()
    expect(reminderFor(TODAY, { dueDate: '2026-03-11', completedAt: '2026-03-10T08:00:00Z' })).toBeNull()
  })

  it('is nothing without a due date', () => {
    expect(open(null)).toBeNull()
  })

  it('counts calendar days across month and year ends', () => {
    expect(reminderFor('2026-02-27', { dueDate: '2026-03-02', completedAt: null })).toBe('due_soon')
    expect(reminderFor('2026-02-27', { dueDate: '2026-03-03', completedAt: null })).toBeNull()
    expect(reminderFor('2027-01-01', { dueDate: '2026-12-31', completedAt: null })).toBe('overdue')
  })
})

describe('UTC calendar dates', () => {
  it('takes the UTC day of an instant, whatever the local time zone', () => {
    expect(isoDateUTC(new Date('2026-03-10T23:59:59Z'))).toBe('2026-03-10')
    expect(isoDateUTC(new Date('2026-03-11T00:30:00+02:00'))).toBe('2026-03-10')
  })

  it('adds days across month ends and leap days', () => {
    expect(addDays('2026-02-27', 3)).toBe('2026-03-02')
    expect(addDays('2028-02-27', 3)).toBe('2028-03-01')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
  })
})

describe('reminder email', () => {
  const lessonReminder = {
    today: TODAY,
    personName: 'Lena Fischer',
    dueDate: '2026-03-12',
    courseTitle: 'Service Basics',
    courseSlug: 'service-basics',
    lesson: { title: 'Keeping promises', slug: 'promises' },
  }

  it('greets by first name and names the lesson, its course, the day and a link', () => {
    const { subject, body } = reminderEmail({
      ...lessonReminder,
      kind: 'due_soon',
      appUrl: 'https://learn.example.com/',
    })
    expect(subject).toBe('Due in 2 days: Keeping promises')
    expect(body).toMatch(/^Hi Lena,\n\n/)
    expect(body).toContain('“Keeping promises” (a lesson in Service Basics) is due in 2 days, Thursday, 12 March 2026.')
    expect(body).toContain('Open it here: https://learn.example.com/courses/service-basics/promises')
  })

  it('says today and tomorrow in words', () => {
    expect(reminderEmail({ ...lessonReminder, kind: 'due_soon', dueDate: TODAY }).subject).toBe(
      'Due today: Keeping promises',
    )
    expect(reminderEmail({ ...lessonReminder, kind: 'due_soon', dueDate: '2026-03-11' }).subject).toBe(
      'Due tomorrow: Keeping promises',
    )
  })

  it('links to the course for a whole-course assignment, as a path when APP_URL is not set', () => {
    const { subject, body } = reminderEmail({ ...lessonReminder, lesson: null, kind: 'overdue', dueDate: '2026-03-01' })
    expect(subject).toBe('Overdue: Service Basics')
    expect(body).toContain('The course “Service Basics” was due on Sunday, 1 March 2026 and is not finished yet.')
    expect(body).toContain('Open it in Servewell: /courses/service-basics\n')
  })

  it('keeps an APP_URL path prefix', () => {
    const { body } = reminderEmail({ ...lessonReminder, kind: 'due_soon', appUrl: 'https://example.com/learning' })
    expect(body).toContain('https://example.com/learning/courses/service-basics/promises')
  })

  it('copes with one-word and blank names', () => {
    expect(firstNameOf('Cher')).toBe('Cher')
    expect(firstNameOf('  Ada   Okoye ')).toBe('Ada')
    expect(firstNameOf('   ')).toBe('there')
  })

  it('builds item paths safely from slugs', () => {
    expect(itemPath('service-basics')).toBe('/courses/service-basics')
    expect(itemPath('service-basics', 'promises')).toBe('/courses/service-basics/promises')
    expect(itemPath('a b', 'c/d')).toBe('/courses/a%20b/c%2Fd')
  })
})

describe('outbox status', () => {
  it('is sent once sent, failed after five tries, queued otherwise', () => {
    expect(outboxStatus({ sentAt: null, tries: 0, stillApplies: true })).toBe('queued')
    expect(outboxStatus({ sentAt: null, tries: 4, stillApplies: true })).toBe('queued')
    expect(outboxStatus({ sentAt: null, tries: 5, stillApplies: true })).toBe('failed')
    expect(outboxStatus({ sentAt: '2026-03-10T09:00:00Z', tries: 3, stillApplies: true })).toBe('sent')
  })
  it('is withdrawn when an unsent reminder no longer applies, but a sent one stays sent', () => {
    expect(outboxStatus({ sentAt: null, tries: 0, stillApplies: false })).toBe('withdrawn')
    expect(outboxStatus({ sentAt: null, tries: 5, stillApplies: false })).toBe('withdrawn')
    expect(outboxStatus({ sentAt: '2026-03-10T09:00:00Z', tries: 1, stillApplies: false })).toBe('sent')
  })
})
