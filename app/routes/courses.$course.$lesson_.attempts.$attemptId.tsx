import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { CourseFeedbackForm } from '~/components/course-feedback-form'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { buttonClass } from '~/components/ui/forms'
import { getQuizResult } from '~/models/attempts.server'
import { stepAfterQuiz } from '~/models/courses.server'
import { uuidOrNull } from '~/utils/params.server'
import { requireUser } from '~/utils/require-user.server'
import { useDateTime } from '~/components/ui/date-time'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Quiz result · ${data?.lesson.title ?? ''} · Servewell` },
]

/** A learner's own stored quiz result: scored once at submission, never re-scored. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'learn' })
  const attemptId = uuidOrNull(params.attemptId)
  const result = attemptId ? await getQuizResult(user.id, attemptId) : null
  if (!result || result.lesson.slug !== params.lesson || result.lesson.courseSlug !== params.course)
    throw new Response('No such quiz result.', { status: 404 })
  const next = result.passed ? await stepAfterQuiz(result.lesson.courseSlug, result.lesson.slug, user.id) : null
  return json({ ...result, next })
}

export default function QuizResultPage() {
  const dateTime = useDateTime()
  const r = useLoaderData<typeof loader>()
  const lessonUrl = `/courses/${r.lesson.courseSlug}/${r.lesson.slug}`
  return (
    <article className="mx-auto max-w-3xl">
      <p className="text-sm">
        <Link to={lessonUrl} className="text-brand-700 hover:underline">
          ← Back to {r.lesson.title}
        </Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">{r.quiz.title ?? 'Quiz result'}</h1>
      <div
        className={`mt-6 rounded-xl border-l-4 px-6 py-5 ${r.passed ? 'border-brand-600 bg-brand-50' : 'border-amber-400 bg-amber-50'}`}
        role="status"
      >
        <p className="text-2xl font-bold" data-testid="quiz-verdict">
          {r.passed ? 'Passed' : 'Not passed yet'}: {r.percent}%
        </p>
        <p className="mt-1 text-slate-700">
          {r.earned} of {r.possible} points · pass mark {r.quiz.passMark}% · attempt {r.attemptNumber}
          {r.submittedAt ? ` · ${dateTime(r.submittedAt)}` : ''}
        </p>
        {r.graded ? null : (
          <p className="mt-2 text-slate-700" data-testid="practice">
            A practice attempt: you had passed this quiz already, so your record keeps the score you had.
          </p>
        )}
        {!r.passed ? (
          <p className="mt-2">
            Read the feedback on your choices below, then{' '}
            <Link to={`${lessonUrl}#quiz-${r.quiz.id}`} className="font-medium text-brand-700 underline">
              try the quiz again
            </Link>
            .{r.keyShown ? '' : ' The right answers appear here once you have passed.'}
          </p>
        ) : null}
        {r.next?.kind === 'next-lesson' ? (
          <p className="mt-4">
            <Link to={`/courses/${r.lesson.courseSlug}/${r.next.slug}`} className={buttonClass()}>
              Next lesson: {r.next.title}
            </Link>
          </p>
        ) : null}
      </div>
      {r.next?.kind === 'course-complete' ? (
        <section
          aria-labelledby="course-complete"
          className="mt-6 space-y-4 rounded-xl border border-brand-100 bg-white p-6"
          data-testid="course-complete"
        >
          <h2 id="course-complete" className="text-2xl font-bold tracking-tight">
            Congratulations, you have completed {r.next.courseTitle}
          </h2>
          <p className="text-slate-700">
            Every lesson is done. Your certificate is ready to print or download, with a code anyone can check.
          </p>
          <p>
            <Link to={`/learn/certificates/${r.lesson.courseSlug}`} className={buttonClass()}>
              See your certificate
            </Link>
          </p>
          <CourseFeedbackForm courseSlug={r.lesson.courseSlug} feedback={r.next.feedback} />
        </section>
      ) : null}
      <ol className="mt-8 space-y-8">
        {r.questions.map((q, i) => (
          <li key={q.id} className="rounded-xl border border-slate-200 bg-white p-6">
            <p className="text-sm font-semibold text-slate-600">
              Question {i + 1} · {q.correct ? 'correct' : 'not quite'}
            </p>
            <p className="mt-1 font-medium">{q.stem}</p>
            {!q.correct && q.choices.every((c) => !c.selected || c.correct) ? (
              <p className="mt-2 text-sm text-slate-700">
                What you picked is right, but not all of it: a right answer is missing.
              </p>
            ) : null}
            <ul className="mt-4 space-y-3">
              {q.choices.map((c) => (
                <li
                  key={c.id}
                  className={`rounded-md border px-4 py-3 ${
                    c.correct === true
                      ? 'border-brand-600/50 bg-brand-50'
                      : c.correct === false && c.selected
                        ? 'border-red-300 bg-red-50'
                        : 'border-slate-200'
                  }`}
                >
                  <p className="font-medium">
                    {c.label}
                    <span className="ml-2 text-sm font-normal text-slate-600">{choiceNote(c)}</span>
                  </p>
                  {c.feedback ? <p className="mt-1 text-sm text-slate-700">{c.feedback}</p> : null}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </article>
  )
}

/** What a choice was: the learner's pick, right or not (their picks are always marked), and the key once shown. */
function choiceNote(c: { selected: boolean; correct: boolean | null }) {
  if (c.selected) return c.correct ? 'your choice · right' : 'your choice · not right'
  return c.correct ? 'correct answer' : ''
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
