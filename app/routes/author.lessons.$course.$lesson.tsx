import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, SerializeFrom } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import {
  Form,
  Link,
  type ShouldRevalidateFunction,
  useActionData,
  useFetcher,
  useLoaderData,
  useSearchParams,
} from '@remix-run/react'
import { useEffect, useMemo, useState } from 'react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { LessonPreview, type PreviewData, type Problem, ProblemList } from '~/components/studio/lesson-preview'
import { SourceEditor } from '~/components/studio/source-editor'
import { Alert, SubmitButton } from '~/components/ui/forms'
import { previewLesson } from '~/content/preview.server'
import { loadCatalog } from '~/models/catalog.server'
import { UnpublishableDraft, openLesson, publishDraft, requestReview, saveDraft } from '~/models/studio.server'
import { draftPublishSchema, draftSaveSchema } from '~/forms/studio.server'
import { formValues } from '~/utils/form.server'
import { studioLessonParams } from '~/utils/params.server'
import { refusalAsPageError, refusalResponse } from '~/utils/responses.server'
import { requireUser } from '~/utils/require-user.server'
import { DateTime, useDateTime } from '~/components/ui/date-time'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Edit ${data?.slug ?? 'lesson'} · Studio · Servewell` },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'content:author' })
  const { course, lesson } = studioLessonParams(params)
  const opened = await openLesson(user.id, course, lesson).catch(refusalAsPageError)
  const checked = await previewLesson(opened.source, await loadCatalog(), `${lesson}.mdx`)
  return json({ course, slug: lesson, ...opened, ...checked })
}

interface SaveResult {
  intent: 'save'
  revision: number
  savedAt: string
  problems: Problem[]
  preview: PreviewData | null
}
type ActionData = SaveResult | { intent: 'publish' | 'request-review' | 'save'; error: string; problems?: Problem[] }

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'content:author' })
  const { course, lesson } = studioLessonParams(params)
  const fields = await formValues(request, ['intent', 'source', 'revision'])
  const at = { courseSlug: course, lessonSlug: lesson }
  if (fields.intent === 'publish' || fields.intent === 'request-review') {
    const parsed = draftPublishSchema.safeParse(fields)
    if (!parsed.success)
      return json<ActionData>({ intent: 'publish', error: 'Save the draft before publishing.' }, { status: 400 })
    try {
      if (parsed.data.intent === 'request-review') {
        await requestReview(user.id, at, parsed.data)
        return redirect(`/author/lessons/${course}/${lesson}`)
      }
      const published = await publishDraft(user.id, at, parsed.data)
      return redirect(`/author/lessons/${course}/${lesson}?published=${published.version}`)
    } catch (error) {
      return refusalResponse(error, (refusal): ActionData => ({
        intent: 'publish',
        error: refusal.message,
        problems: refusal instanceof UnpublishableDraft ? refusal.problems : undefined,
      }))
    }
  }
  const parsed = draftSaveSchema.safeParse(fields)
  if (!parsed.success)
    return json<ActionData>(
      {
        intent: 'save',
        error: parsed.error.issues[0]?.message ?? 'That save could not be understood. Reload the page.',
      },
      { status: 400 },
    )
  const checked = await previewLesson(parsed.data.source, await loadCatalog(), `${lesson}.mdx`)
  try {
    const saved = await saveDraft(user.id, at, { ...parsed.data, problemCount: checked.problems.length })
    return json<ActionData>({ intent: 'save', ...saved, ...checked })
  } catch (error) {
    return refusalResponse(error, (refusal): ActionData => ({ intent: 'save', error: refusal.message }))
  }
}

const AUTOSAVE_MS = 800

// An autosave answers with its own check and preview; reloading the page's data too would compile twice.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get('intent') === 'save' ? false : defaultShouldRevalidate

export default function LessonEditorPage() {
  const data = useLoaderData<typeof loader>()
  // A publish starts a new draft: the editor starts afresh from the new version.
  return <LessonEditor key={data.published?.version ?? 0} data={data} />
}

function LessonEditor({ data }: { data: SerializeFrom<typeof loader> }) {
  const dateTime = useDateTime()
  const [searchParams] = useSearchParams()
  const saver = useFetcher<ActionData>()
  const published = useActionData<typeof action>()
  const publishError = published && 'error' in published ? published.error : null
  const [source, setSource] = useState(data.source)
  const [dirty, setDirty] = useState(false)
  const [jumpTo, setJumpTo] = useState<{ line: number; column: number; at: number } | null>(() => {
    const line = Number(searchParams.get('line'))
    return Number.isInteger(line) && line > 0 ? { line, column: 1, at: 0 } : null
  })
  const saved = saver.data && 'revision' in saver.data ? saver.data : null
  // The revision the next save follows: the newest this page has seen.
  const revision = Math.max(data.revision, saved?.revision ?? 0)
  const saveError = saver.data && 'error' in saver.data ? saver.data.error : null
  const problems = saved?.problems ?? data.problems
  const preview = saved ? saved.preview : data.preview

  // Saves a moment after typing stops, one save at a time (each follows the revision the last
  // one returned); the response carries the checker's problems and the preview.
  const idle = saver.state === 'idle'
  const submit = saver.submit
  useEffect(() => {
    if (!dirty || !idle) return
    const timer = setTimeout(() => {
      setDirty(false)
      submit({ intent: 'save', source, revision: String(revision) }, { method: 'post' })
    }, AUTOSAVE_MS)
    return () => clearTimeout(timer)
  }, [dirty, idle, source, revision, submit])

  const status = saveError
    ? saveError
    : saver.state !== 'idle'
      ? 'Saving…'
      : dirty
        ? 'Unsaved changes'
        : saved
          ? `Draft saved ${dateTime(saved.savedAt)}`
          : data.draftSavedAt
            ? `Draft saved ${dateTime(data.draftSavedAt)}`
            : 'No changes yet'
  const canPublish = revision > 0 && !dirty && saver.state === 'idle' && problems.length === 0
  // A save after asking withdraws the request, so only a draft untouched since is still waiting.
  const requested = data.reviewRequestedAt
  const waitingForReview = requested && !dirty && (!saved || saved.savedAt < requested) ? requested : null
  const onSelect = useMemo(() => (p: Problem) => setJumpTo({ line: p.line, column: p.column, at: Date.now() }), [])

  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/author/lessons" className="text-brand-700 underline hover:text-brand-800">
          Lessons
        </Link>{' '}
        · {data.courseTitle}
      </p>
      <PageHeader
        title={preview?.title ?? data.published?.title ?? data.slug}
        description={
          data.published
            ? `Published version ${data.published.version}. Your draft is private until you publish it.`
            : 'Not published yet: learners see this lesson once you publish it.'
        }
      />
      {searchParams.get('published') ? (
        <Alert tone="success">Published version {searchParams.get('published')}. Learners get it from now on.</Alert>
      ) : null}
      {data.others.length ? (
        <Alert>
          {data.others.map((o) => `${o.author} (saved ${dateTime(o.updatedAt)})`).join(', ')}{' '}
          {data.others.length === 1 ? 'also has' : 'also have'} a draft of this lesson. Whoever publishes second
          replaces the first: agree who publishes.
        </Alert>
      ) : null}
      {publishError ? <Alert>{publishError}</Alert> : null}
      {waitingForReview ? (
        <Alert tone="success">
          You asked for a review <DateTime value={waitingForReview} />: another trainer or an admin approves and
          publishes it. Editing the draft withdraws the request.
        </Alert>
      ) : null}
      {data.reviews.length ? (
        <Alert tone="success">
          Waiting for your review:{' '}
          {data.reviews.map((r, i) => (
            <span key={r.authorId}>
              {i ? ', ' : ''}
              <Link
                to={`/author/lessons/${data.course}/${data.slug}/review/${r.authorId}`}
                className="font-medium underline"
              >
                {r.author}’s draft
              </Link>{' '}
              (asked <DateTime value={r.requestedAt} />)
            </span>
          ))}
        </Alert>
      ) : null}
      {data.publishedSinceDraft ? (
        <Alert>Someone published this lesson after you started your draft; check the history before you publish.</Alert>
      ) : null}
      <div className="mt-4 grid gap-6 xl:grid-cols-2">
        <section aria-labelledby="source-heading" className="min-w-0 space-y-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="source-heading" className="text-lg font-semibold">
              Source (MDX)
            </h2>
            <p className="text-sm text-slate-600" role="status" data-testid="save-status">
              {status}
            </p>
          </div>
          <SourceEditor
            id="source"
            name="source"
            label="Lesson source (MDX)"
            defaultValue={data.source}
            problems={problems}
            jumpTo={jumpTo}
            onChange={(next) => {
              setSource(next)
              setDirty(true)
            }}
          />
          <div className="flex flex-wrap items-center gap-3">
            <Form method="post">
              <input type="hidden" name="intent" value={data.needsReview ? 'request-review' : 'publish'} />
              <input type="hidden" name="revision" value={revision} />
              <SubmitButton
                disabled={!canPublish || Boolean(waitingForReview)}
                pendingLabel={data.needsReview ? 'Asking…' : 'Publishing…'}
              >
                {data.needsReview ? 'Ask for review' : 'Publish'}
              </SubmitButton>
            </Form>
            <Link
              to={`/author/lessons/${data.course}/${data.slug}/history`}
              className="text-sm font-medium text-brand-700 hover:underline"
            >
              History
            </Link>
            {data.published ? (
              <Link
                to={`/courses/${data.course}/${data.slug}`}
                className="text-sm font-medium text-brand-700 hover:underline"
              >
                Open as a learner
              </Link>
            ) : null}
          </div>
          <p className="text-sm text-slate-600">
            Type <kbd>&lt;</kbd> for the lesson components. A draft with problems cannot be published
            {data.needsReview ? '; publishing needs another trainer’s or an admin’s approval' : ''}.
          </p>
        </section>
        <section aria-labelledby="preview-heading" className="min-w-0 space-y-3" aria-live="polite">
          <h2 id="preview-heading" className="text-lg font-semibold">
            Check and preview
          </h2>
          <ProblemList problems={problems} onSelect={onSelect} />
          {preview ? <LessonPreview preview={preview} /> : null}
        </section>
      </div>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
