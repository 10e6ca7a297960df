import { Form } from '@remix-run/react'
import { forwardRef, useEffect, useRef, useState } from 'react'
import type { RunView } from '~/models/attempts.server'
import { Alert, SubmitButton, buttonClass } from '../ui/forms'
import { useActionErrorFor, useLessonContext } from './lesson-context'
import { MoodCurve, MoodMeter, moodLabel } from './mood-meter'

/**
 * A branching conversation played one scene at a time. Each reply is posted to the
 * server, which knows the branches and scores; the page only ever holds the current
 * scene and the feedback for replies already chosen.
 */
export function RolePlayView({ id, title }: { id: string; title: string }) {
  const { rolePlays, assessments, versionId } = useLessonContext()
  const opening = rolePlays.find((r) => r.id === id)
  const state = assessments?.rolePlays.find((r) => r.id === id)
  const run = state?.run ?? null
  const error = useActionErrorFor('roleplay', id)
  return (
    <section
      id={`roleplay-${id}`}
      className="not-prose my-10 scroll-mt-6 rounded-xl border border-slate-200 bg-white p-6 shadow-sm"
      aria-labelledby={`roleplay-${id}-title`}
    >
      <p className="text-xs font-semibold uppercase tracking-wider text-brand-700">Role-play</p>
      <h2 id={`roleplay-${id}-title`} className="mt-1 text-xl font-semibold">
        {title}
      </h2>
      {error?.error ? (
        <div className="mt-4">
          <Alert>{error.error}</Alert>
        </div>
      ) : null}
      {!versionId || !state ? (
        <Preview opening={opening} />
      ) : run ? (
        <Run rolePlayId={id} run={run} versionId={versionId} />
      ) : (
        <>
          <p className="mt-2 text-slate-700">
            A customer is waiting. Choose your replies; the customer’s mood moves with each one, and you get coaching
            after every choice.
          </p>
          <StartForm rolePlayId={id} versionId={versionId} label="Start the scenario" />
        </>
      )}
    </section>
  )
}

function Preview({
  opening,
}: {
  opening?: { mood: number; scene: { customer: string; options: { id: string; label: string }[] } | null }
}) {
  if (!opening?.scene) return null
  return (
    <>
      <MoodMeter mood={opening.mood} />
      <CustomerLine text={opening.scene.customer} />
      <ul className="mt-4 space-y-2" aria-label="Possible replies">
        {opening.scene.options.map((o) => (
          <li key={o.id} className="rounded-md border border-slate-200 px-4 py-2 text-slate-700">
            {o.label}
          </li>
        ))}
      </ul>
    </>
  )
}

function StartForm({
  rolePlayId,
  versionId,
  label,
  restart = false,
}: {
  rolePlayId: string
  versionId: string
  label: string
  restart?: boolean
}) {
  return (
    <Form method="post" className="mt-4" preventScrollReset>
      <input type="hidden" name="rolePlayId" value={rolePlayId} />
      <input type="hidden" name="versionId" value={versionId} />
      <SubmitButton
        name="intent"
        value={restart ? 'restart-roleplay' : 'start-roleplay'}
        className={buttonClass(restart ? 'secondary' : 'primary')}
        pendingLabel="Starting…"
      >
        {label}
      </SubmitButton>
    </Form>
  )
}

const CustomerLine = forwardRef<HTMLDivElement, { text: string; focusable?: boolean }>(function CustomerLine(
  { text, focusable = false },
  ref,
) {
  return (
    <div
      ref={ref}
      tabIndex={focusable ? -1 : undefined}
      className="mt-4 scroll-mt-20 rounded-lg bg-slate-100 px-4 py-3 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
    >
      <p className="text-sm font-semibold text-slate-600">Customer</p>
      <p className="mt-1 whitespace-pre-line text-slate-900">{text}</p>
    </div>
  )
})

/**
 * After each reply: the page keeps the learner at what happened next (the customer's new line,
 * or the ending), focused so the keyboard carries on from there, and the coach's note and the
 * customer's answer are announced. Nothing moves on first load.
 */
function useFollowTheConversation(run: RunView) {
  const next = useRef<HTMLDivElement>(null)
  const seen = useRef(run.step)
  const [announcement, setAnnouncement] = useState('')
  useEffect(() => {
    if (run.step === seen.current) return
    seen.current = run.step
    const last = run.history[run.history.length - 1]
    const then = run.scene ? `Customer: ${run.scene.customer}` : run.ending ? `Ending: ${run.ending.title}.` : ''
    setAnnouncement(
      [last ? `Coach: ${last.feedback} Mood now ${moodLabel(last.moodAfter)}.` : '', then].filter(Boolean).join(' '),
    )
    const target = next.current
    if (!target) return
    const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches
    target.scrollIntoView({ block: 'start', behavior: still ? 'auto' : 'smooth' })
    target.focus({ preventScroll: true })
  }, [run])
  return { next, announcement }
}

function Run({ rolePlayId, run, versionId }: { rolePlayId: string; run: RunView; versionId: string }) {
  const { next, announcement } = useFollowTheConversation(run)
  return (
    <div className="mt-2">
      {/* Stays in view while the learner reads the scene and chooses a reply. */}
      <div className="sticky top-0 z-10 -mx-6 border-b border-slate-100 bg-white/95 px-6 py-2 backdrop-blur">
        <MoodMeter mood={run.mood} className="" />
      </div>
      <p className="sr-only" aria-live="polite" role="status">
        {announcement}
      </p>
      <ol className="mt-4 space-y-4" aria-label="The conversation so far">
        {run.history.map((h) => (
          <li key={h.step} className="space-y-2">
            <CustomerLine text={h.customer} />
            <div className="ml-8 rounded-lg bg-brand-50 px-4 py-3">
              <p className="text-sm font-semibold text-brand-800">You</p>
              <p className="mt-1 text-slate-900">{h.reply}</p>
            </div>
            <p className="ml-8 rounded-md border-l-4 border-amber-400 bg-amber-50 px-4 py-2 text-sm text-slate-800">
              <span className="font-semibold">Coach: </span>
              {h.feedback}{' '}
              <span className="text-slate-600">
                (mood {moodLabel(h.moodBefore)} → {moodLabel(h.moodAfter)})
              </span>
            </p>
          </li>
        ))}
      </ol>
      {run.scene ? (
        <div className="mt-6">
          <CustomerLine text={run.scene.customer} ref={next} focusable />
          <Form method="post" className="mt-4" preventScrollReset>
            <input type="hidden" name="intent" value="choose" />
            <input type="hidden" name="rolePlayId" value={rolePlayId} />
            <input type="hidden" name="attemptId" value={run.attemptId} />
            <input type="hidden" name="sceneId" value={run.scene.id} />
            <input type="hidden" name="step" value={run.step} />
            <fieldset>
              <legend className="text-sm font-semibold text-slate-700">How do you reply?</legend>
              <div className="mt-2 space-y-2">
                {run.scene.options.map((o) => (
                  <SubmitButton
                    key={o.id}
                    name="optionId"
                    value={o.id}
                    className="block w-full rounded-md border border-slate-300 bg-white px-4 py-3 text-left text-slate-900 hover:border-brand-600 hover:bg-brand-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 aria-disabled:opacity-60"
                    pendingLabel="Sending your reply…"
                  >
                    {o.label}
                  </SubmitButton>
                ))}
              </div>
            </fieldset>
          </Form>
        </div>
      ) : null}
      {run.ending && run.summary ? <Ending run={run} ref={next} /> : null}
      {run.status === 'submitted' ? (
        <StartForm
          rolePlayId={rolePlayId}
          versionId={versionId}
          label="Play it again — practice, your score stays"
          restart
        />
      ) : null}
    </div>
  )
}

const Ending = forwardRef<HTMLDivElement, { run: RunView }>(function Ending({ run }, ref) {
  if (!run.ending || !run.summary) return null
  const tone =
    run.ending.outcome === 'good'
      ? 'border-brand-600 bg-brand-50'
      : run.ending.outcome === 'mixed'
        ? 'border-amber-400 bg-amber-50'
        : 'border-red-400 bg-red-50'
  return (
    <div className="mt-6 space-y-6" data-testid="roleplay-ending">
      <div
        ref={ref}
        tabIndex={-1}
        className={`scroll-mt-20 rounded-lg border-l-4 px-5 py-4 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 ${tone}`}
      >
        <p className="text-sm font-semibold uppercase tracking-wider text-slate-700">Ending · {run.ending.outcome}</p>
        <p className="mt-1 text-lg font-semibold">{run.ending.title}</p>
        <p className="mt-2 whitespace-pre-line text-slate-800">{run.ending.text}</p>
        {run.graded ? null : (
          <p className="mt-2 text-sm text-slate-700" data-testid="practice">
            A practice run: your record keeps your first run of this scenario.
          </p>
        )}
      </div>
      <div>
        <h3 className="font-semibold">Your points against the best possible path</h3>
        <table className="mt-2 w-full text-left text-sm">
          <thead className="text-slate-600">
            <tr>
              <th scope="col" className="py-1">
                Competency
              </th>
              <th scope="col" className="py-1 text-right">
                You
              </th>
              <th scope="col" className="py-1 text-right">
                Best path
              </th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(run.summary.best).map(([competency, best]) => (
              <tr key={competency} className="border-t border-slate-100">
                <td className="py-1">{run.summary?.names[competency] ?? competency}</td>
                <td className="py-1 text-right">{run.summary?.earned[competency] ?? 0}</td>
                <td className="py-1 text-right">{best}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div>
        <h3 className="font-semibold">The customer’s mood</h3>
        <MoodCurve points={run.summary.moodCurve} />
      </div>
      <div>
        <h3 className="font-semibold">What an experienced colleague would say</h3>
        <ol className="mt-2 list-decimal space-y-2 pl-5 text-slate-800">
          {run.history.map((h) => (h.expert ? <li key={h.step}>{h.expert}</li> : null))}
        </ol>
      </div>
    </div>
  )
})
