import { useState } from 'react'
import type { OptionDefinition, QuizDefinition, RolePlayDefinition } from '~/domain/assessments'
import { scoreQuiz } from '~/domain/quiz-scoring'
import { clampMood, endingOf, pointsTotal, resolveNext, sceneOf } from '~/domain/role-play-engine'
import { buttonClass } from '~/components/ui/forms'

export interface BlindResult {
  strategy: string
  outcome: string
}

export interface WalkthroughData {
  quizzes: (QuizDefinition & { blind: BlindResult[] })[]
  rolePlays: (RolePlayDefinition & { blind: BlindResult[]; best: number })[]
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n))
const pointsOf = (o: OptionDefinition) =>
  Object.entries(o.points)
    .map(([c, p]) => `${c} ${p}`)
    .join(', ') || 'no points'

/** Where an option leads: its target, or each mood branch in the order they are tried. */
function branchesOf(o: OptionDefinition) {
  if (typeof o.next === 'string') return o.next
  return o.next
    .map((b) =>
      b.minMood !== undefined || b.maxMood !== undefined
        ? `${b.to} if mood ${[b.minMood !== undefined ? `≥ ${b.minMood}` : null, b.maxMood !== undefined ? `≤ ${b.maxMood}` : null].filter(Boolean).join(' and ')}`
        : `else ${b.to}`,
    )
    .join(', ')
}

function Blind({ results }: { results: BlindResult[] }) {
  return (
    <p className="mt-2 text-xs text-slate-600">
      A learner who never reads:{' '}
      {results.map((r, i) => (
        <span key={r.strategy}>
          {i ? ' · ' : ''}always {r.strategy} → {r.outcome}
        </span>
      ))}
    </p>
  )
}

/** Answers the whole pool as a learner would, nothing recorded; then shows the score and the key. */
function QuizTry({ quiz }: { quiz: WalkthroughData['quizzes'][number] }) {
  const [answers, setAnswers] = useState<Record<string, string[]>>({})
  const [checked, setChecked] = useState<
    { percent: number; passed: boolean; right: Set<string> } | { error: string } | null
  >(null)
  const pick = (questionId: string, choiceId: string, single: boolean) =>
    setAnswers((now) => {
      const had = now[questionId] ?? []
      const next = single ? [choiceId] : had.includes(choiceId) ? had.filter((c) => c !== choiceId) : [...had, choiceId]
      return { ...now, [questionId]: next }
    })
  const check = () => {
    try {
      const result = scoreQuiz(quiz, answers)
      setChecked({
        percent: result.percent,
        passed: result.passed,
        right: new Set(result.questions.filter((q) => q.correct).map((q) => q.id)),
      })
    } catch (error) {
      setChecked({ error: error instanceof Error ? error.message : 'Answer every question first.' })
    }
  }
  const result = checked && 'percent' in checked ? checked : null
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-4" aria-label={`Try quiz ${quiz.id}`}>
      <h3 className="font-semibold">
        Quiz “{quiz.title ?? quiz.id}” ·{' '}
        {quiz.draw
          ? `${quiz.draw} of ${quiz.questions.length} questions per attempt`
          : `${quiz.questions.length} questions`}{' '}
        · pass mark {quiz.passMark}%
      </h3>
      <Blind results={quiz.blind} />
      <ol className="mt-3 space-y-4 text-sm">
        {quiz.questions.map((q) => (
          <li key={q.id}>
            <fieldset>
              <legend className="font-medium">
                {q.stem}{' '}
                {result ? (
                  <span className="font-normal">{result.right.has(q.id) ? '· right' : '· not right'}</span>
                ) : null}
              </legend>
              {q.choices.map((c) => (
                <label key={c.id} className="mt-1 flex items-start gap-2">
                  <input
                    type={q.type === 'single' ? 'radio' : 'checkbox'}
                    name={`try-${quiz.id}-${q.id}`}
                    checked={(answers[q.id] ?? []).includes(c.id)}
                    onChange={() => pick(q.id, c.id, q.type === 'single')}
                    className="mt-1"
                  />
                  <span>
                    {c.label}
                    {result ? (
                      <span className={`block text-xs ${c.correct ? 'text-brand-800' : 'text-slate-600'}`}>
                        {c.correct ? 'Correct. ' : ''}
                        {c.feedback}
                      </span>
                    ) : null}
                  </span>
                </label>
              ))}
            </fieldset>
          </li>
        ))}
      </ol>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <button type="button" className={buttonClass('secondary')} onClick={check}>
          Check answers
        </button>
        <p role="status" className="text-sm" data-testid="try-result">
          {checked
            ? 'error' in checked
              ? checked.error
              : `${checked.passed ? 'Passed' : 'Not passed'}: ${checked.percent}% of the whole pool`
            : ''}
        </p>
      </div>
    </section>
  )
}

/** Plays a role-play as a learner would, nothing recorded, with each reply's points and branches shown. */
function RolePlayWalk({ rp }: { rp: WalkthroughData['rolePlays'][number] }) {
  const [run, setRun] = useState({ at: rp.start, mood: clampMood(rp.mood), earned: 0, path: [] as string[] })
  const scene = sceneOf(rp, run.at)
  const ending = endingOf(rp, run.at)
  const choose = (o: OptionDefinition) => {
    const mood = clampMood(run.mood + o.mood)
    const earned = run.earned + pointsTotal(o.points)
    setRun({ at: resolveNext(o, mood), mood, earned, path: [...run.path, o.id] })
  }
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-4" aria-label={`Walk through role-play ${rp.id}`}>
      <h3 className="font-semibold">Role-play “{rp.title}”</h3>
      <Blind results={rp.blind} />
      <p className="mt-2 text-sm text-slate-700" data-testid="walk-state">
        Mood {signed(run.mood)} · {run.earned} of {rp.best} points{run.path.length ? ` · ${run.path.join(' → ')}` : ''}
      </p>
      {scene ? (
        <div className="mt-3 space-y-2 text-sm">
          <p className="rounded-md bg-slate-50 p-3">
            <span className="font-medium">{scene.id}:</span> {scene.customer}
          </p>
          {scene.options.map((o) => (
            <button
              key={o.id}
              type="button"
              onClick={() => choose(o)}
              className="block w-full rounded-md border border-slate-200 px-3 py-2 text-left hover:border-brand-600"
            >
              {o.label}
              <span className="mt-1 block text-xs text-slate-600">
                {o.id} · mood {signed(o.mood)} · {pointsOf(o)} · → {branchesOf(o)}
              </span>
            </button>
          ))}
        </div>
      ) : ending ? (
        <div className="mt-3 rounded-md bg-slate-50 p-3 text-sm">
          <p className="font-medium">
            Ending “{ending.title}” · {ending.outcome}
          </p>
          <p className="mt-1">{ending.text}</p>
        </div>
      ) : (
        <p className="mt-3 text-sm text-red-700">
          This path leads to “{run.at}”, which is neither a scene nor an ending.
        </p>
      )}
      {run.path.length ? (
        <button
          type="button"
          className={`mt-3 ${buttonClass('secondary')}`}
          onClick={() => setRun({ at: rp.start, mood: clampMood(rp.mood), earned: 0, path: [] })}
        >
          Start again
        </button>
      ) : null}
    </section>
  )
}

/** For the trainer: every quiz to try and every role-play to walk through, with keys, points and branches. */
export function AssessmentWalkthrough({ data }: { data: WalkthroughData }) {
  if (data.quizzes.length + data.rolePlays.length === 0) return null
  return (
    <div className="space-y-4">
      <h3 className="text-base font-semibold">Walk through the assessments (nothing is recorded)</h3>
      {data.rolePlays.map((rp) => (
        <RolePlayWalk key={rp.id} rp={rp} />
      ))}
      {data.quizzes.map((q) => (
        <QuizTry key={q.id} quiz={q} />
      ))}
    </div>
  )
}
