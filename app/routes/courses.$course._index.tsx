import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { ProgressBar } from '~/components/progress-bar'
import { myCourseFeedback, saveCourseFeedback } from '~/models/course-feedback.server'
import { getCourseOutline } from '~/models/courses.server'
import { formValues } from '~/utils/form.server'
import { requireUser } from '~/utils/require-user.server'
import { invariantResponse, refusalResponse } from '~/utils/responses.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.course.title ?? 'Course'} · Servewell` },
]

const paramsSchema = z.object({ course: z.string().regex(/^[a-z0-9-]{1,64}$/) })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'learn' })
  const parsed = paramsSchema.safeParse(params)
  const outline = parsed.success ? await getCourseOutline(parsed.data.course, user.id) : null
  invariantResponse(outline, 'No such course.')
  return json({ ...outline, feedback: await myCourseFeedback(user.id, outline.course.slug) })
}

const feedbackSchema = z.object({
  score: z.coerce
    .number({ message: 'Choose a number from 0 to 10.' })
    .int()
    .min(0, 'Choose a number from 0 to 10.')
    .max(10, 'Choose a number from 0 to 10.'),
  comment: z
    .string()
    .trim()
    .max(2000, 'Keep the comment under 2,000 characters.')
    .transform((v) => (v === '' ? null : v)),
})

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'learn' })
  const course = paramsSchema.safeParse(params)
  invariantResponse(course.success, 'No such course.')
  const parsed = feedbackSchema.safeParse(
    await formValues(request, ['score', 'comment']).then((v) => ({ ...v, comment: v.comment ?? '' })),
  )
  if (!parsed.success)
    return json({ error: parsed.error.issues[0]?.message ?? 'Check your answer.', saved: false }, { status: 400 })
  try {
    const saved = await saveCourseFeedback(user.id, course.data.course, parsed.data)
    invariantResponse(saved, 'No such course.')
  } catch (error) {
    return refusalResponse(error, (refusal) => ({ error: refusal.message, saved: false }))
  }
  return json({ error: null, saved: true })
}

export default function CourseOutline() {
  const { course, modules, progress, feedback } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const nextLesson = modules.flatMap((m) => m.lessons).find((l) => !l.completed)
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/courses" className="text-brand-700 hover:underline">
          All courses
        </Link>
      </p>
      <PageHeader title={course.title} description={course.summary} />
      <div className="mb-10 max-w-xl space-y-4">
        <ProgressBar value={progress.completed} total={progress.total} label="Your progress" />
        <p className="text-sm text-slate-600">
          {course.audience} · {progress.total} lessons · about {progress.minutes} minutes of reading
        </p>
        {nextLesson ? (
          <Link
            to={nextLesson.slug}
            className="inline-flex rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
          >
            {progress.completed === 0 ? 'Start the course' : `Continue: ${nextLesson.title}`}
          </Link>
        ) : (
          <p className="font-medium text-brand-800">You have completed every lesson in this course.</p>
        )}
        {progress.total > 0 && progress.completed === progress.total ? (
          <CourseFeedbackForm
            feedback={feedback}
            error={actionData?.error ?? null}
            saved={actionData?.saved ?? false}
          />
        ) : null}
      </div>
      <ol className="space-y-8">
        {modules.map((m, mi) => (
          <li key={m.id}>
            <h2 className="text-lg font-semibold">
              Module {mi + 1}: {m.title}
            </h2>
            <ol className="mt-3 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
              {m.lessons.map((l) => (
                <li key={l.slug} className="flex items-start gap-4 px-4 py-3">
                  <span
                    className={`mt-1 inline-flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs ${
                      l.completed ? 'bg-brand-600 text-white' : 'border border-slate-300'
                    }`}
                    aria-hidden="true"
                  >
                    {l.completed ? '✓' : ''}
                  </span>
                  <div className="flex-1">
                    <Link to={l.slug} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                      {l.title}
                    </Link>
                    <p className="text-sm text-slate-600">{l.summary}</p>
                  </div>
                  <span className="whitespace-nowrap text-sm text-slate-600">
                    {l.minutes} min<span className="sr-only">{l.completed ? ', completed' : ', not completed'}</span>
                  </span>
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ol>
    </>
  )
}

function CourseFeedbackForm({
  feedback,
  error,
  saved,
}: {
  feedback: { score: number; comment: string | null } | null
  error: string | null
  saved: boolean
}) {
  return (
    <Form method="post" className="rounded-xl border border-slate-200 bg-white p-5" preventScrollReset>
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
      <button
        type="submit"
        className="mt-3 rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
      >
        {feedback ? 'Update my rating' : 'Send my rating'}
      </button>
    </Form>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
