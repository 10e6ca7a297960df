import { Form } from '@remix-run/react'
import { type ReactNode, useId } from 'react'
import { Alert, SubmitButton, buttonClass } from '../ui/forms'
import { useActionErrorFor, useLessonContext } from './lesson-context'
import { DateTime } from '~/components/ui/date-time'

/** A free-text reflection: saved as a draft until the learner submits it to their manager. */
export function ReflectionView({ id, prompt, children }: { id: string; prompt: string; children?: ReactNode }) {
  const fieldId = useId()
  const { versionId, reflections } = useLessonContext()
  const saved = reflections?.find((r) => r.reflectionId === id)
  const result = useActionErrorFor('reflection', id)
  const submitted = saved?.status === 'submitted'
  return (
    <section
      className="not-prose my-8 rounded-xl border border-violet-200 bg-violet-50 p-6"
      aria-labelledby={`${fieldId}-label`}
    >
      <p className="text-xs font-semibold uppercase tracking-wider text-violet-800">Reflection</p>
      <label id={`${fieldId}-label`} htmlFor={fieldId} className="mt-1 block text-lg font-semibold text-slate-900">
        {prompt}
      </label>
      {children ? <div className="prose prose-slate mt-2 max-w-none prose-p:my-2">{children}</div> : null}
      {result?.error ? (
        <div className="mt-3">
          <Alert>{result.error}</Alert>
        </div>
      ) : null}
      {versionId ? (
        <Form method="post" className="mt-3" preventScrollReset>
          <input type="hidden" name="reflectionId" value={id} />
          <input type="hidden" name="versionId" value={versionId} />
          <textarea
            id={fieldId}
            name="body"
            rows={5}
            maxLength={10_000}
            defaultValue={saved?.body ?? ''}
            readOnly={submitted}
            className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/40"
          />
          {submitted ? (
            <>
              <p className="mt-2 text-sm text-violet-900">
                Submitted <DateTime value={saved.updatedAt} />. Your manager can read it and reply.
              </p>
              {saved.reply ? (
                <div
                  className="mt-3 rounded-md border border-violet-200 bg-white p-3 text-sm"
                  data-testid="manager-reply"
                >
                  <p className="font-semibold text-violet-900">
                    {saved.reply.reviewerName ?? 'Your manager'} replied on <DateTime value={saved.reply.at} />
                  </p>
                  <p className="mt-1 whitespace-pre-wrap text-slate-800">{saved.reply.text}</p>
                </div>
              ) : null}
            </>
          ) : (
            <div className="mt-3 flex flex-wrap items-center gap-3">
              <SubmitButton
                name="intent"
                value="save-reflection"
                className={buttonClass('secondary')}
                pendingLabel="Saving…"
              >
                Save draft
              </SubmitButton>
              <SubmitButton name="intent" value="submit-reflection" pendingLabel="Submitting…">
                Submit to my manager
              </SubmitButton>
              {saved ? (
                <span className="text-sm text-slate-600">
                  Draft saved <DateTime value={saved.updatedAt} />
                </span>
              ) : null}
            </div>
          )}
        </Form>
      ) : (
        <textarea
          id={fieldId}
          rows={4}
          disabled
          className="mt-3 w-full rounded-md border border-slate-300 bg-white px-3 py-2"
          placeholder="Learners write their answer here."
        />
      )}
    </section>
  )
}
