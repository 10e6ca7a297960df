import { Link } from '@remix-run/react'
import type { RecentWork } from '~/models/person-work.server'
import { moodLabel } from './lesson/mood-meter'
import { DateTime } from '~/components/ui/date-time'

const outcomeTone: Record<string, string> = {
  good: 'bg-brand-50 text-brand-800 ring-brand-100',
  mixed: 'bg-amber-50 text-amber-900 ring-amber-200',
  poor: 'bg-red-50 text-red-800 ring-red-200',
}

function Mark({ correct }: { correct: boolean }) {
  return (
    <span className={correct ? 'text-brand-800' : 'text-red-800'}>
      <span aria-hidden="true">{correct ? '✓' : '✗'}</span>
      <span className="sr-only">{correct ? 'right' : 'not right'}</span>
    </span>
  )
}

/** A person's latest attempts, each opening onto what they answered (a manager's view, not the key). */
export function RecentWorkList({ work }: { work: RecentWork }) {
  if (work.length === 0) return <p className="text-slate-700">No quizzes or role-plays yet.</p>
  return (
    <ul className="space-y-2" data-testid="recent-work">
      {work.map((w) => (
        <li key={w.id}>
          <details className="group rounded-lg border border-slate-200 bg-white">
            <summary className="flex cursor-pointer flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600">
              <span className="text-xs font-semibold uppercase tracking-wider text-brand-700">
                {w.kind === 'quiz' ? 'Quiz' : 'Role-play'}
              </span>
              <span className="min-w-0 break-words font-medium">
                {w.lessonTitle}
                {w.title && w.title !== w.lessonTitle ? `: ${w.title}` : ''}
              </span>
              {w.kind === 'quiz' ? (
                <span className={`text-sm font-semibold ${w.passed ? 'text-brand-800' : 'text-red-800'}`}>
                  {w.percent === null ? '' : `${w.percent}% · `}
                  {w.passed ? 'passed' : 'not passed'}
                </span>
              ) : w.ending ? (
                <span
                  className={`rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ${outcomeTone[w.ending.outcome] ?? ''}`}
                >
                  {w.ending.title} · {w.ending.outcome}
                </span>
              ) : (
                <span className="text-sm text-slate-600">not finished</span>
              )}
              <span className="text-sm text-slate-600">
                attempt {w.attemptNumber}
                {w.graded ? '' : ' (practice)'} · <DateTime value={w.at} />
              </span>
            </summary>
            <div className="border-t border-slate-100 px-4 py-3 text-sm">
              {w.kind === 'quiz' ? (
                <ol className="space-y-3">
                  {w.questions.map((q) => (
                    <li key={q.id}>
                      <p className="font-medium text-slate-900">
                        <Mark correct={q.correct} /> {q.stem}
                      </p>
                      <ul className="ml-5 mt-1 list-disc text-slate-700">
                        {q.picked.length === 0 ? <li>No answer</li> : null}
                        {q.picked.map((c) => (
                          <li key={c.id}>
                            Picked: {c.label} <Mark correct={c.correct} />
                          </li>
                        ))}
                      </ul>
                    </li>
                  ))}
                </ol>
              ) : (
                <ol className="space-y-3" aria-label="Their path, scene by scene">
                  {w.steps.length === 0 ? <li className="text-slate-700">No reply chosen yet.</li> : null}
                  {w.steps.map((step, i) => (
                    <li key={step.step} className="space-y-1">
                      <p className="text-slate-700">
                        <span className="font-semibold">Scene {i + 1}. Customer: </span>
                        {step.customer}
                      </p>
                      <p className="text-slate-900">
                        <span className="font-semibold">They replied: </span>
                        {step.reply}
                      </p>
                      <p className="text-slate-700">
                        <span className="font-semibold">Coach: </span>
                        {step.feedback}{' '}
                        <span className="text-slate-600">
                          (mood {moodLabel(step.moodBefore)} → {moodLabel(step.moodAfter)})
                        </span>
                      </p>
                    </li>
                  ))}
                </ol>
              )}
              <p className="mt-3">
                <Link to={w.href} className="text-brand-700 hover:underline">
                  Open the lesson
                </Link>
              </p>
            </div>
          </details>
        </li>
      ))}
    </ul>
  )
}
