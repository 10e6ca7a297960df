import { useFetcher } from '@remix-run/react'
import { SubmitButton, buttonClass } from './ui/forms'

/**
 * "Would you recommend this course?", once every lesson is complete: on the course page and at the
 * course-complete moment after the last quiz. It posts to the course page's action through a
 * fetcher, so the learner stays where they are.
 */
export function CourseFeedbackForm({
  courseSlug,
  feedback,
}: {
  courseSlug: string
  feedback: { score: number; comment: string | null } | null
}) {
  const fetcher = useFetcher<{ error: string | null; saved: boolean }>()
  const error = fetcher.data?.error ?? null
  const saved = fetcher.data?.saved ?? false
  return (
    <fetcher.Form
      method="post"
      action={`/courses/${courseSlug}?index`}
      className="rounded-xl border border-slate-200 bg-white p-5"
      preventScrollReset
    >
      <fieldset>
        <legend className="font-semibold">How likely are you to recommend this course to a colleague?</legend>
        <p className="text-sm text-slate-600">0 means not at all likely, 10 extremely likely.</p>
        <div className="mt-3 flex flex-wrap gap-1">
          {Array.from({ length: 11 }, (_, n) => (
            <label key={n} className="cursor-pointer">
              <input
                type="radio"
                name="score"
                value={n}
                defaultChecked={feedback?.score === n}
                className="peer sr-only"
                required
              />
              <span className="inline-flex h-9 w-9 items-center justify-center rounded-md border border-slate-300 text-sm peer-checked:border-brand-700 peer-checked:bg-brand-700 peer-checked:text-white peer-focus-visible:ring-2 peer-focus-visible:ring-brand-600">
                {n}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <label htmlFor="course-comment" className="mt-4 block text-sm font-medium">
        What should the trainers know? (optional)
      </label>
      <textarea
        id="course-comment"
        name="comment"
        rows={3}
        maxLength={2000}
        defaultValue={feedback?.comment ?? ''}
        className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2"
      />
      {error ? (
        <p className="mt-2 text-sm text-red-700" role="alert">
          {error}
        </p>
      ) : null}
      {saved ? (
        <p className="mt-2 text-sm text-brand-800" role="status">
          Thank you, your rating is saved.
        </p>
      ) : null}
      <SubmitButton className={`mt-3 ${buttonClass()}`} pendingLabel="Sending…">
        {feedback ? 'Update my rating' : 'Send my rating'}
      </SubmitButton>
    </fetcher.Form>
  )
}
