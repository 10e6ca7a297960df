import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { type ActionResult, LessonContextProvider } from '~/components/lesson/lesson-context'
import { LessonSegments } from '~/components/lesson/lesson-body'
import { Alert, SubmitButton, buttonClass } from '~/components/ui/forms'
import { getLessonPage } from '~/models/courses.server'
import { formatDate } from '~/domain/calendar'
import { readForm } from '~/utils/form.server'
import { requireUser } from '~/utils/require-user.server'
import { lessonParams } from '~/utils/params.server'
import { invariantResponse } from '~/utils/responses.server'
import { segmentsForResponse } from '~/utils/segment-html.server'
import { handleLessonIntent } from './intents.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.lesson.title ?? 'Lesson'} · ${data?.course.title ?? ''} · Servewell` },
]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'learn' })
  const { course, lesson } = lessonParams(params)
  const page = await getLessonPage(course, lesson, user)
  invariantResponse(page, 'No such lesson.')
  return json({ ...page, body: segmentsForResponse(page.body, context) })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'learn' })
  const { course, lesson } = lessonParams(params)
  const form = await readForm(request)
  const fields = Object.fromEntries([...form.entries()].flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])))
  return handleLessonIntent({ userId: user.id, course, lesson, form, fields })
}

export default function LessonPage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<ActionResult>()
  const { course, lesson, completion, previous, next, position } = data
  const completionError = actionData?.target.kind === 'completion' ? actionData.error : null
  return (
    <LessonContextProvider
      value={{
        missionStatement: data.organisation.missionStatement,
        organisationName: data.organisation.name,
        rolePlays: data.rolePlays,
        versionId: lesson.versionId,
        assessments: data.assessments,
        reflections: data.reflections,
        actionResult: actionData ?? null,
      }}
    >
      <article className="mx-auto max-w-3xl">
        <p className="text-sm text-slate-600">
          <Link to={`/courses/${course.slug}`} className="text-brand-700 underline hover:text-brand-800">
            {course.title}
          </Link>{' '}
          · Lesson {position.index} of {position.total} · {lesson.minutes} min
        </p>
        <h1 className="mt-2 text-3xl font-bold tracking-tight sm:text-4xl">{lesson.title}</h1>
        <p className="mt-3 text-lg text-slate-700">{lesson.summary}</p>
        {lesson.objectives.length ? (
          <div className="mt-6 rounded-lg border border-slate-200 bg-white px-5 py-4">
            <h2 className="text-sm font-semibold uppercase tracking-wider text-slate-600">By the end you will</h2>
            <ul className="mt-2 list-disc space-y-1 pl-5 text-slate-800">
              {lesson.objectives.map((o) => (
                <li key={o}>{o}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="mt-8">
          <LessonSegments segments={data.body} />
        </div>

        <section className="mt-12 rounded-xl border border-slate-200 bg-white p-6" aria-labelledby="completion-title">
          <h2 id="completion-title" className="text-lg font-semibold">
            {completion ? 'Lesson completed' : 'Finished reading?'}
          </h2>
          {completionError ? (
            <div className="mt-3">
              <Alert>{completionError}</Alert>
            </div>
          ) : null}
          {completion ? (
            <p className="mt-2 text-slate-700" data-testid="lesson-completed">
              You completed this lesson on {formatDate(completion.completedAt)}
              {completion.onThisVersion ? '.' : ' (an earlier version; it has been updated since).'}
            </p>
          ) : data.assessments.requirementsMet ? (
            <Form method="post" className="mt-3">
              <input type="hidden" name="versionId" value={lesson.versionId} />
              <SubmitButton name="intent" value="complete" pendingLabel="Saving…">
                Mark as complete
              </SubmitButton>
            </Form>
          ) : (
            <p className="mt-2 text-slate-700">
              This lesson completes when its quiz is passed and its role-play finished.
            </p>
          )}
        </section>

        <nav aria-label="Lessons" className="mt-8 flex justify-between gap-4">
          {previous ? (
            <Link to={`/courses/${course.slug}/${previous.slug}`} className={buttonClass('secondary')} rel="prev">
              ← {previous.title}
            </Link>
          ) : (
            <span />
          )}
          {next ? (
            <Link to={`/courses/${course.slug}/${next.slug}`} className={buttonClass('secondary')} rel="next">
              {next.title} →
            </Link>
          ) : null}
        </nav>
      </article>
    </LessonContextProvider>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
