import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { CourseFeedbackForm } from '~/components/course-feedback-form'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { ProgressBar } from '~/components/progress-bar'
import { myCourseFeedback, saveCourseFeedback } from '~/models/course-feedback.server'
import { getCourseOutline } from '~/models/courses.server'
import { courseFeedbackSchema } from '~/forms/learner.server'
import { formValues } from '~/utils/form.server'
import { courseParam } from '~/utils/params.server'
import { requireUser } from '~/utils/require-user.server'
import { invariantResponse, refusalResponse } from '~/utils/responses.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.course.title ?? 'Course'} · Servewell` },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'learn' })
  const outline = await getCourseOutline(courseParam(params), user.id)
  invariantResponse(outline, 'No such course.')
  return json({ ...outline, feedback: await myCourseFeedback(user.id, outline.course.slug) })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'learn' })
  const course = courseParam(params)
  const parsed = courseFeedbackSchema.safeParse(
    await formValues(request, ['score', 'comment']).then((v) => ({ ...v, comment: v.comment ?? '' })),
  )
  if (!parsed.success)
    return json({ error: parsed.error.issues[0]?.message ?? 'Check your answer.', saved: false }, { status: 400 })
  try {
    const saved = await saveCourseFeedback(user.id, course, parsed.data)
    invariantResponse(saved, 'No such course.')
  } catch (error) {
    return refusalResponse(error, (refusal) => ({ error: refusal.message, saved: false }))
  }
  return json({ error: null, saved: true })
}

export default function CourseOutline() {
  const { course, modules, progress, feedback } = useLoaderData<typeof loader>()
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
          <CourseFeedbackForm courseSlug={course.slug} feedback={feedback} />
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

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
