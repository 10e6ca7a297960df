import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { LessonContextProvider } from '~/components/lesson/lesson-context'
import { LessonBody } from '~/components/lesson/render-lesson'
import { Alert, buttonClass } from '~/components/ui/forms'
import { MAX_LESSON_BYTES } from '~/content/compile.server'
import { type PreviewProblem, previewLesson } from '~/content/preview.server'
import { loadCatalog } from '~/models/catalog.server'
import { formValues } from '~/utils/form.server'
import { requireUser } from '~/utils/require-user.server'

export const meta: MetaFunction = () => [{ title: 'Preview a lesson · Author · Servewell' }]

const STARTER = `---
title: A new lesson
summary: One sentence on what the learner gains.
minutes: 5
objectives:
  - Something the learner can do afterwards
competencies: [ownership]
principles: [precise-commitments]
---

## A heading

Write the lesson here.
`

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { permission: 'content:author' })
  return json({ starter: STARTER })
}

const previewSchema = z.object({
  source: z
    .string({ message: 'Paste the lesson’s MDX source.' })
    .min(1, 'Paste the lesson’s MDX source.')
    .max(MAX_LESSON_BYTES, 'The lesson is larger than 1 MB; split it into several lessons.'),
})

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
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
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
            defaultValue={actionData?.source || STARTER}
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/40"
          />
          <button type="submit" className={buttonClass()} disabled={busy}>
            {busy ? 'Checking…' : 'Check and preview'}
          </button>
        </Form>
        <div aria-live="polite">
          {problems.length ? (
            <Alert>
              <p className="font-semibold">
                {problems.length} problem{problems.length === 1 ? '' : 's'} to fix
              </p>
              <ul className="mt-2 space-y-1" data-testid="preview-problems">
                {problems.map((p, i) => (
                  <li key={i}>
                    <span className="font-mono">
                      line {p.line}:{p.column}
                    </span>{' '}
                    {p.message}
                  </li>
                ))}
              </ul>
            </Alert>
          ) : null}
          {actionData?.preview ? (
            <LessonContextProvider
              value={{ missionStatement: null, organisationName: '', rolePlays: actionData.preview.rolePlays }}
            >
              <Alert tone="success">The lesson passes every check.</Alert>
              <ul className="mt-4 space-y-1 text-sm text-slate-700">
                {actionData.preview.assessments.map((a) => (
                  <li key={a.id}>
                    <span className="font-medium">{a.kind}</span> “{a.id}”: {a.detail}
                  </li>
                ))}
              </ul>
              <article className="mt-6 rounded-xl border border-slate-200 bg-white p-6">
                <h2 className="text-2xl font-bold">{actionData.preview.title}</h2>
                <p className="mt-2 text-slate-700">{actionData.preview.summary}</p>
                <div className="mt-6">
                  <LessonBody tree={actionData.preview.tree} />
                </div>
              </article>
            </LessonContextProvider>
          ) : null}
        </div>
      </div>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
