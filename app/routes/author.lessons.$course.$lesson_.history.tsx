import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { DiffTable } from '~/components/studio/diff-table'
import { Alert, SubmitButton, buttonClass } from '~/components/ui/forms'
import { sideBySide } from '~/domain/side-by-side'
import { lessonHistory, restoreVersion } from '~/models/studio.server'
import { versionRestoreSchema } from '~/forms/studio.server'
import { formValues } from '~/utils/form.server'
import { studioLessonParams } from '~/utils/params.server'
import { refusalAsPageError, refusalResponse } from '~/utils/responses.server'
import { requireUser } from '~/utils/require-user.server'
import { DateTime } from '~/components/ui/date-time'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `History of ${data?.slug ?? 'a lesson'} · Studio · Servewell` },
]

/** Every version, and the chosen one (`?v=N`, else the newest) beside the one before it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { permission: 'content:author' })
  const { course, lesson } = studioLessonParams(params)
  const history = await lessonHistory(course, lesson).catch(refusalAsPageError)
  const asked = Number(new URL(request.url).searchParams.get('v'))
  const index = Math.max(
    0,
    history.versions.findIndex((v) => v.version === asked),
  )
  const shown = history.versions[index]
  const before = history.versions[index + 1]
  return json({
    course,
    slug: lesson,
    courseTitle: history.courseTitle,
    publishedVersionId: history.publishedVersionId,
    versions: history.versions.map(({ source: _source, ...v }) => v),
    compared: shown ? { version: shown.version, against: before?.version ?? null } : null,
    rows: shown ? sideBySide(before?.source ?? '', shown.source) : [],
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'content:author' })
  const { course, lesson } = studioLessonParams(params)
  const parsed = versionRestoreSchema.safeParse(await formValues(request, ['versionId']))
  if (!parsed.success) return json({ error: 'Choose a version to restore.' }, { status: 400 })
  try {
    const restored = await restoreVersion(user.id, { courseSlug: course, lessonSlug: lesson }, parsed.data.versionId)
    return redirect(`/author/lessons/${course}/${lesson}/history?v=${restored.version}`)
  } catch (error) {
    return refusalResponse(error, (refusal) => ({ error: refusal.message }))
  }
}

export default function LessonHistoryPage() {
  const data = useLoaderData<typeof loader>()
  const error = useActionData<typeof action>()?.error
  // The first version has nothing before it: its text alone, not a diff against nothing.
  const both = Boolean(data.compared?.against)
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/author/lessons" className="text-brand-700 hover:underline">
          Lessons
        </Link>{' '}
        ·{' '}
        <Link to={`/author/lessons/${data.course}/${data.slug}`} className="text-brand-700 hover:underline">
          Edit {data.slug}
        </Link>
      </p>
      <PageHeader
        title={`History of ${data.slug}`}
        description="Every published version. Restoring one publishes its text again as a new version; attempts stay on the version they were taken on."
      />
      {error ? <Alert>{error}</Alert> : null}
      <div className="grid gap-6 lg:grid-cols-[18rem_1fr]">
        <ol className="space-y-2" aria-label="Versions">
          {data.versions.map((v) => (
            <li
              key={v.id}
              className={`rounded-lg border bg-white p-3 text-sm ${v.version === data.compared?.version ? 'border-brand-600' : 'border-slate-200'}`}
            >
              <Link to={`?v=${v.version}`} className="font-medium text-brand-700 hover:underline">
                Version {v.version}
              </Link>
              {v.id === data.publishedVersionId ? (
                <span className="ml-2 rounded bg-brand-50 px-1.5 py-0.5 text-xs font-medium text-brand-800">
                  published
                </span>
              ) : null}
              <p className="text-slate-600">
                <DateTime value={v.createdAt} /> · {v.origin === 'studio' ? (v.author ?? 'studio') : 'from its file'}
              </p>
              {v.id !== data.publishedVersionId ? (
                <Form method="post" className="mt-2">
                  <input type="hidden" name="versionId" value={v.id} />
                  <SubmitButton className={buttonClass('secondary')} pendingLabel="Restoring…">
                    Restore version {v.version}
                  </SubmitButton>
                </Form>
              ) : null}
            </li>
          ))}
        </ol>
        <section aria-labelledby="diff-heading" className="min-w-0">
          <h2 id="diff-heading" className="mb-2 text-lg font-semibold">
            {data.compared
              ? data.compared.against
                ? `Version ${data.compared.against} → version ${data.compared.version}`
                : `Version ${data.compared.version} (the first)`
              : 'No versions yet'}
          </h2>
          <DiffTable
            rows={data.rows}
            label="Changes between the two versions"
            before={both ? 'Before' : null}
            after={both ? 'After' : 'The version’s text'}
            testId="version-diff"
          />
        </section>
      </div>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
