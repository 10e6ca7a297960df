import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { DataTable } from '~/components/ui/data-table'
import { Alert, Field, SelectField, SubmitButton } from '~/components/ui/forms'
import type { FieldErrors } from '~/domain/refusal'
import { createLesson, moveInCourse, studioLessons, studioModules } from '~/models/studio.server'
import { lessonCreateSchema, lessonMoveSchema } from '~/forms/studio.server'
import { fieldErrorsOf, formValues } from '~/utils/form.server'
import { refusalResponse } from '~/utils/responses.server'
import { requireUser } from '~/utils/require-user.server'
import { DateTime, useDateTime } from '~/components/ui/date-time'

export const meta: MetaFunction = () => [{ title: 'Lessons · Studio · Servewell' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { permission: 'content:author' })
  const [lessons, modules] = await Promise.all([studioLessons(), studioModules()])
  return json({ lessons, modules })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'content:author' })
  const fields = await formValues(request, ['intent', 'module', 'slug', 'course', 'kind', 'direction'])
  if (fields.intent === 'move') {
    const move = lessonMoveSchema.safeParse(fields)
    if (!move.success)
      return json({ fieldErrors: { form: ['That move could not be understood. Reload the page.'] } }, { status: 400 })
    try {
      await moveInCourse({ courseSlug: move.data.course, ...move.data })
      return redirect('/author/lessons')
    } catch (error) {
      return refusalResponse(error, (refusal) => ({ fieldErrors: refusal.fieldErrors }))
    }
  }
  const parsed = lessonCreateSchema.safeParse(fields)
  if (!parsed.success)
    return json<{ fieldErrors: FieldErrors }>({ fieldErrors: fieldErrorsOf(parsed.error) }, { status: 400 })
  const [courseSlug = '', moduleSlug = ''] = parsed.data.module.split('/')
  try {
    const created = await createLesson(user.id, { courseSlug, moduleSlug, slug: parsed.data.slug })
    return redirect(`/author/lessons/${created.courseSlug}/${created.slug}`)
  } catch (error) {
    return refusalResponse(error, (refusal) => ({ fieldErrors: refusal.fieldErrors }))
  }
}

/** Up and down buttons for a lesson or module; each is a small form, so it works without JavaScript. */
function MoveButtons({
  course,
  kind,
  slug,
  name,
}: {
  course: string
  kind: 'lesson' | 'module'
  slug: string
  name: string
}) {
  return (
    <span className="inline-flex gap-1">
      {(['up', 'down'] as const).map((direction) => (
        <Form method="post" key={direction}>
          <input type="hidden" name="intent" value="move" />
          <input type="hidden" name="course" value={course} />
          <input type="hidden" name="kind" value={kind} />
          <input type="hidden" name="slug" value={slug} />
          <input type="hidden" name="direction" value={direction} />
          <SubmitButton
            aria-label={`Move ${name} ${direction}`}
            className="rounded border border-slate-300 px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-50 aria-disabled:opacity-60"
            pendingLabel="…"
          >
            {direction === 'up' ? '↑' : '↓'}
          </SubmitButton>
        </Form>
      ))}
    </span>
  )
}

const columns = [{ label: 'Lesson' }, { label: 'Published' }, { label: 'Last changed' }, { label: 'Drafts' }] as const

export default function StudioLessonsPage() {
  const dateTime = useDateTime()
  const { lessons, modules } = useLoaderData<typeof loader>()
  const errors: FieldErrors | undefined = useActionData<typeof action>()?.fieldErrors
  const courses = [...new Map(lessons.map((l) => [l.courseSlug, l.courseTitle])).entries()]
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/author" className="text-brand-700 hover:underline">
          Author
        </Link>
      </p>
      <PageHeader
        title="Lessons"
        description="Every lesson with its published version and open drafts. Open one to edit it with a live check and preview."
      />
      {errors?.form ? <Alert>{errors.form.join(' ')}</Alert> : null}
      <div className="space-y-8">
        {courses.map(([slug, title]) => (
          <section key={slug} aria-labelledby={`course-${slug}`}>
            <h2 id={`course-${slug}`} className="mb-2 text-lg font-semibold">
              {title}
            </h2>
            {/* A <p> cannot hold the move buttons' forms: the parser would close it early. */}
            <div className="mb-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-slate-700">
              Modules:
              {modules
                .filter((m) => m.courseSlug === slug)
                .map((m) => (
                  <span key={m.moduleSlug} className="inline-flex items-center gap-1">
                    {m.moduleTitle} <MoveButtons course={slug} kind="module" slug={m.moduleSlug} name={m.moduleTitle} />
                  </span>
                ))}
            </div>
            <DataTable caption={`Lessons of ${title}`} columns={columns} testId={`studio-lessons-${slug}`}>
              {lessons
                .filter((l) => l.courseSlug === slug)
                .map((l) => (
                  <tr key={l.lessonId} className="border-t border-slate-100 align-top">
                    <td className="px-4 py-3">
                      <Link
                        to={`/author/lessons/${l.courseSlug}/${l.slug}`}
                        className="font-medium text-brand-700 hover:underline"
                      >
                        {l.title ?? l.slug}
                      </Link>
                      <p className="text-xs text-slate-600">{l.moduleTitle ?? 'No module'}</p>
                    </td>
                    <td className="px-4 py-3">{l.version ? `Version ${l.version}` : 'Not published'}</td>
                    <td className="px-4 py-3">
                      {l.changedAt
                        ? `${dateTime(l.changedAt)} · ${l.origin === 'studio' ? (l.changedBy ?? 'studio') : 'from its file'}`
                        : '—'}
                    </td>
                    <td className="px-4 py-3">
                      {l.drafts.length === 0
                        ? '—'
                        : l.drafts.map((d, i) => (
                            <p key={i}>
                              {d.author} · <DateTime value={d.updatedAt} />
                              {d.problemCount ? (
                                <span className="ml-1 font-medium text-red-700">
                                  · {d.problemCount} problem{d.problemCount === 1 ? '' : 's'}
                                </span>
                              ) : null}
                            </p>
                          ))}
                    </td>
                    <td className="px-4 py-3">
                      <MoveButtons course={l.courseSlug} kind="lesson" slug={l.slug} name={l.title ?? l.slug} />
                    </td>
                  </tr>
                ))}
            </DataTable>
          </section>
        ))}
        <section aria-labelledby="new-lesson" className="max-w-xl rounded-xl border border-slate-200 bg-white p-6">
          <h2 id="new-lesson" className="text-lg font-semibold">
            New lesson
          </h2>
          <Form method="post" className="mt-3 space-y-4">
            <input type="hidden" name="intent" value="create" />
            <SelectField
              label="Module"
              name="module"
              errors={errors?.module}
              options={modules.map((m) => ({
                value: `${m.courseSlug}/${m.moduleSlug}`,
                label: `${m.courseTitle} · ${m.moduleTitle}`,
              }))}
            />
            <Field
              label="Name in the address"
              name="slug"
              required
              placeholder="handling-refunds"
              hint="Lower-case words joined by hyphens; it becomes the lesson’s address and file name."
              errors={errors?.slug}
            />
            <SubmitButton pendingLabel="Creating…">Create and edit</SubmitButton>
          </Form>
        </section>
      </div>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
