import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { DiffTable } from '~/components/studio/diff-table'
import { LessonPreview, ProblemList } from '~/components/studio/lesson-preview'
import { Alert, SubmitButton } from '~/components/ui/forms'
import { previewLesson } from '~/content/preview.server'
import { sideBySide } from '~/domain/side-by-side'
import { loadCatalog } from '~/models/catalog.server'
import { approveDraft, draftForReview } from '~/models/studio.server'
import { draftApproveSchema } from '~/forms/studio.server'
import { formValues } from '~/utils/form.server'
import { studioLessonParams, uuidOrNull } from '~/utils/params.server'
import { refusalAsPageError, refusalResponse } from '~/utils/responses.server'
import { requireUser } from '~/utils/require-user.server'
import { useDateTime } from '~/components/ui/date-time'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Review ${data?.author ?? 'a draft'} · Studio · Servewell` },
]

/** Another trainer's draft waiting for review: what changed, what the checker says, how learners will see it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'content:author' })
  const { course, lesson } = studioLessonParams(params)
  const authorId = uuidOrNull(params.authorId)
  if (!authorId) throw new Response('No such draft.', { status: 404 })
  const draft = await draftForReview(user.id, { courseSlug: course, lessonSlug: lesson }, authorId).catch(
    refusalAsPageError,
  )
  const checked = await previewLesson(draft.source, await loadCatalog(), `${lesson}.mdx`)
  return json({
    course,
    slug: lesson,
    authorId,
    ...draft,
    ...checked,
    rows: sideBySide(draft.publishedSource, draft.source).filter((r) => r.kind !== 'same'),
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'content:author' })
  const { course, lesson } = studioLessonParams(params)
  const authorId = uuidOrNull(params.authorId)
  const parsed = draftApproveSchema.safeParse(await formValues(request, ['revision']))
  if (!parsed.success || !authorId)
    return json({ error: 'That approval could not be understood. Reload the page.' }, { status: 400 })
  try {
    const published = await approveDraft(
      user.id,
      { courseSlug: course, lessonSlug: lesson },
      {
        authorId,
        revision: parsed.data.revision,
      },
    )
    return redirect(`/author/lessons/${course}/${lesson}?published=${published.version}`)
  } catch (error) {
    return refusalResponse(error, (refusal) => ({ error: refusal.message }))
  }
}

export default function ReviewDraftPage() {
  const dateTime = useDateTime()
  const data = useLoaderData<typeof loader>()
  const error = useActionData<typeof action>()?.error
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to={`/author/lessons/${data.course}/${data.slug}`} className="text-brand-700 hover:underline">
          Edit {data.slug}
        </Link>
      </p>
      <PageHeader
        title={`Review ${data.author}’s draft`}
        description={`Asked ${dateTime(data.requestedAt)}. ${
          data.publishedVersion
            ? `Changes against version ${data.publishedVersion}.`
            : 'The lesson is not published yet.'
        } Approving publishes it to learners.`}
      />
      {error ? <Alert>{error}</Alert> : null}
      <Form method="post" className="mb-6">
        <input type="hidden" name="revision" value={data.revision} />
        <SubmitButton pendingLabel="Publishing…" disabled={data.problems.length > 0}>
          Approve and publish
        </SubmitButton>
      </Form>
      <div className="grid gap-6 xl:grid-cols-2">
        <section aria-labelledby="changes-heading" className="min-w-0">
          <h2 id="changes-heading" className="mb-2 text-lg font-semibold">
            Changed lines
          </h2>
          <DiffTable rows={data.rows} label="Changed lines" before="Published" after="Draft" testId="review-diff" />
        </section>
        <section aria-labelledby="check-heading" className="min-w-0 space-y-3">
          <h2 id="check-heading" className="text-lg font-semibold">
            Check and preview
          </h2>
          <ProblemList problems={data.problems} />
          {data.preview ? <LessonPreview preview={data.preview} /> : null}
        </section>
      </div>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
