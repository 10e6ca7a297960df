import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { LessonContextProvider } from '~/components/lesson/lesson-context'
import { LessonBody } from '~/components/lesson/render-lesson'
import { Alert, buttonClass } from '~/components/ui/forms'
import { AssessmentRefused, chooseRolePlayOption, startRolePlay, submitQuiz } from '~/models/attempts.server'
import { CompletionRefused, getLessonPage, markLessonComplete } from '~/models/courses.server'
import { saveReflection } from '~/models/reflections.server'
import { formatDate } from '~/utils/dates'
import { readForm } from '~/utils/form.server'
import { requireUser } from '~/utils/require-user.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.lesson.title ?? 'Lesson'} · ${data?.course.title ?? ''} · Servewell` },
]

const slug = z.string().regex(/^[a-z0-9-]{1,64}$/)
const paramsSchema = z.object({ course: slug, lesson: slug })
const itemId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/)

function parseParams(params: unknown) {
  const parsed = paramsSchema.safeParse(params)
  if (!parsed.success) throw new Response('No such lesson.', { status: 404 })
  return parsed.data
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'learn' })
  const { course, lesson } = parseParams(params)
  const page = await getLessonPage(course, lesson, user)
  if (!page) throw new Response('No such lesson.', { status: 404 })
  return json(page)
}

const intents = {
  complete: z.object({ intent: z.literal('complete'), versionId: z.uuid() }),
  submitQuiz: z.object({
    intent: z.literal('submit-quiz'),
    quizId: itemId,
    versionId: z.uuid(),
    attemptNumber: z.coerce.number().int().min(1).max(10_000),
    idempotencyKey: z.uuid(),
  }),
  startRolePlay: z.object({
    intent: z.enum(['start-roleplay', 'restart-roleplay']),
    rolePlayId: itemId,
    versionId: z.uuid(),
  }),
  choose: z.object({
    intent: z.literal('choose'),
    rolePlayId: itemId,
    attemptId: z.uuid(),
    sceneId: itemId,
    optionId: itemId,
    step: z.coerce.number().int().min(0).max(1000),
  }),
  reflection: z.object({
    intent: z.enum(['save-reflection', 'submit-reflection']),
    reflectionId: itemId,
    versionId: z.uuid(),
    body: z.string().max(10_000, 'Keep your reflection under 10,000 characters.'),
  }),
}

type ActionTarget = { kind: 'quiz' | 'roleplay' | 'reflection' | 'completion'; id: string }
const refuse = (target: ActionTarget, error: string, status: number) => json({ target, error, saved: false }, { status })

/** Answers from a quiz form: fields named "q:<question id>", several values for multiple choice. */
function quizResponses(form: FormData) {
  const responses: Record<string, string[]> = {}
  for (const [key, value] of form.entries()) {
    if (!key.startsWith('q:') || typeof value !== 'string') continue
    ;(responses[key.slice(2)] ??= []).push(value)
  }
  return responses
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'learn' })
  const { course, lesson } = parseParams(params)
  const form = await readForm(request)
  const fields = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string'))
  const here = `/courses/${course}/${lesson}`

  try {
    switch (fields.intent) {
      case 'complete': {
        const parsed = intents.complete.safeParse(fields)
        if (!parsed.success) return refuse({ kind: 'completion', id: '' }, 'That request could not be understood. Reload the page and try again.', 400)
        const done = await markLessonComplete(user.id, course, lesson, parsed.data.versionId)
        if (!done) throw new Response('No such lesson.', { status: 404 })
        return redirect(here)
      }
      case 'submit-quiz': {
        const parsed = intents.submitQuiz.safeParse(fields)
        const target = { kind: 'quiz' as const, id: String(fields.quizId ?? '') }
        if (!parsed.success) return refuse(target, 'That quiz submission could not be understood. Reload the page and try again.', 400)
        const result = await submitQuiz(user.id, {
          courseSlug: course,
          lessonSlug: lesson,
          quizId: parsed.data.quizId,
          versionId: parsed.data.versionId,
          attemptNumber: parsed.data.attemptNumber,
          idempotencyKey: parsed.data.idempotencyKey,
          responses: quizResponses(form),
        })
        return redirect(`${here}/attempts/${result.attemptId}`)
      }
      case 'start-roleplay':
      case 'restart-roleplay': {
        const parsed = intents.startRolePlay.safeParse(fields)
        const target = { kind: 'roleplay' as const, id: String(fields.rolePlayId ?? '') }
        if (!parsed.success) return refuse(target, 'That request could not be understood. Reload the page and try again.', 400)
        await startRolePlay(user.id, {
          courseSlug: course,
          lessonSlug: lesson,
          rolePlayId: parsed.data.rolePlayId,
          versionId: parsed.data.versionId,
          restart: parsed.data.intent === 'restart-roleplay',
        })
        return redirect(`${here}#roleplay-${parsed.data.rolePlayId}`)
      }
      case 'choose': {
        const parsed = intents.choose.safeParse(fields)
        const target = { kind: 'roleplay' as const, id: String(fields.rolePlayId ?? '') }
        if (!parsed.success) return refuse(target, 'That choice could not be understood. Reload the page and try again.', 400)
        await chooseRolePlayOption(user.id, { courseSlug: course, lessonSlug: lesson, ...parsed.data })
        return redirect(`${here}#roleplay-${parsed.data.rolePlayId}`)
      }
      case 'save-reflection':
      case 'submit-reflection': {
        const parsed = intents.reflection.safeParse(fields)
        const target = { kind: 'reflection' as const, id: String(fields.reflectionId ?? '') }
        if (!parsed.success) return refuse(target, parsed.error.issues[0]?.message ?? 'That reflection could not be saved.', 400)
        await saveReflection(user.id, {
          courseSlug: course,
          lessonSlug: lesson,
          reflectionId: parsed.data.reflectionId,
          versionId: parsed.data.versionId,
          body: parsed.data.body,
          submit: parsed.data.intent === 'submit-reflection',
        })
        return json({ target, error: null, saved: true })
      }
      default:
        return refuse({ kind: 'completion', id: '' }, 'Unknown action.', 400)
    }
  } catch (error) {
    if (error instanceof AssessmentRefused) {
      if (error.status === 404) throw new Response(error.message, { status: 404 })
      const kind = fields.intent === 'submit-quiz' ? 'quiz' : String(fields.intent).includes('reflection') ? 'reflection' : 'roleplay'
      return refuse({ kind, id: String(fields.quizId ?? fields.rolePlayId ?? fields.reflectionId ?? '') }, error.message, error.status)
    }
    if (error instanceof CompletionRefused) return refuse({ kind: 'completion', id: '' }, error.message, 409)
    throw error
  }
}

export default function LessonPage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
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
          <Link to={`/courses/${course.slug}`} className="text-brand-700 hover:underline">
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
          <LessonBody tree={data.tree} />
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
              <button type="submit" name="intent" value="complete" className={buttonClass()} disabled={navigation.state === 'submitting'}>
                Mark as complete
              </button>
            </Form>
          ) : (
            <p className="mt-2 text-slate-700">This lesson completes when its quiz is passed and its role-play finished.</p>
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
