import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { LessonPreview, ProblemList } from '~/components/studio/lesson-preview'
import { SubmitButton } from '~/components/ui/forms'
import { type PreviewProblem, previewLesson } from '~/content/preview.server'
import { loadCatalog } from '~/models/catalog.server'
import { STARTER_LESSON } from '~/models/studio.server'
import { previewSchema } from '~/forms/studio.server'
import { formValues } from '~/utils/form.server'
import { requireUser } from '~/utils/require-user.server'

export const meta: MetaFunction = () => [{ title: 'Preview a lesson · Author · Servewell' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { permission: 'content:author' })
  return json({ starter: STARTER_LESSON })
}

/** Compiles pasted MDX under the same policy as published lessons; nothing is saved. */
export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request, { permission: 'content:author' })
  const parsed = previewSchema.safeParse(await formValues(request, ['source']))
  if (!parsed.success) {
    const problems: PreviewProblem[] = parsed.error.issues.map((i) => ({ line: 1, column: 1, message: i.message }))
    return json({ source: '', problems, preview: null }, { status: 400 })
  }
  const { source } = parsed.data
  const result = await previewLesson(source, await loadCatalog())
  return json({ source, ...result }, { status: result.preview ? 200 : 422 })
}

export default function PreviewPage() {
  const { starter } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const problems = actionData?.problems ?? []
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/author" className="text-brand-700 hover:underline">
          Author
        </Link>
      </p>
      <PageHeader
        title="Preview a lesson"
        description="Paste MDX to see it rendered and checked exactly as learners would get it. Nothing is saved."
      />
      <div className="grid gap-8 lg:grid-cols-2">
        <Form method="post" className="space-y-3">
          <label htmlFor="source" className="block text-sm font-medium text-slate-800">
            Lesson source (MDX)
          </label>
          <textarea
            id="source"
            name="source"
            rows={28}
            spellCheck={false}
            defaultValue={actionData?.source || starter}
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/40"
          />
          <SubmitButton pendingLabel="Checking…">Check and preview</SubmitButton>
        </Form>
        <div aria-live="polite">
          {actionData ? <ProblemList problems={problems} /> : null}
          {actionData?.preview ? <LessonPreview preview={actionData.preview} /> : null}
        </div>
      </div>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
