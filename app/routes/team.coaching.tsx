import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useState } from 'react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { EmptyState, PageHeader } from '~/components/page-header'
import { Alert, buttonClass, controlClassFor, ErrorList, SubmitButton } from '~/components/ui/forms'
import { coachingQueue, reviewReflection } from '~/models/coaching.server'
import { reflectionReviewSchema } from '~/forms/team.server'
import { fieldErrorsOf, formValues } from '~/utils/form.server'
import { uuidOrNull } from '~/utils/params.server'
import { TEAM_VIEW } from '~/domain/permissions'
import { requireUser } from '~/utils/require-user.server'
import { refusalResponse } from '~/utils/responses.server'
import { DateTime } from '~/components/ui/date-time'

export const meta: MetaFunction = () => [{ title: 'Coaching queue · Team · Servewell' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: TEAM_VIEW })
  const show = new URL(request.url).searchParams.get('show') === 'reviewed' ? 'reviewed' : 'waiting'
  return json({ show, ...(await coachingQueue(user, show)) })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: TEAM_VIEW })
  const values = await formValues(request, ['reflectionId', 'reply', 'competencyId', 'levelId'])
  const parsed = reflectionReviewSchema.safeParse(values)
  if (!parsed.success) {
    // Errors show on the reflection's own form when the form said which one it was.
    return json(
      {
        ok: false as const,
        reflectionId: uuidOrNull(values.reflectionId),
        errors: fieldErrorsOf(parsed.error),
        message: null,
      },
      { status: 400 },
    )
  }
  const { reflectionId, ...review } = parsed.data
  try {
    const result = await reviewReflection(user, reflectionId, review)
    return json({
      ok: true as const,
      reflectionId,
      errors: null,
      message: result.rated ? 'Reply sent; the rating is now evidence on their record.' : 'Reply sent.',
    })
  } catch (error) {
    return refusalResponse(error, (refusal) => ({
      ok: false as const,
      reflectionId,
      errors: refusal.fieldErrors,
      message: null,
    }))
  }
}

export default function CoachingQueue() {
  const { show, items, levels, competencies } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <>
      <PageHeader
        title="Coaching queue"
        description="Reflections your people submitted. Reply to each, and rate it against a competency's level descriptors: a rating becomes evidence on their record, marked as manager-rated."
      />
      <div className="mb-6 flex gap-2" role="group" aria-label="Show">
        <Link
          to="?show=waiting"
          className={buttonClass(show === 'waiting' ? 'primary' : 'secondary')}
          aria-current={show === 'waiting' ? 'page' : undefined}
        >
          Waiting for you
        </Link>
        <Link
          to="?show=reviewed"
          className={buttonClass(show === 'reviewed' ? 'primary' : 'secondary')}
          aria-current={show === 'reviewed' ? 'page' : undefined}
        >
          Reviewed
        </Link>
      </div>
      {result?.ok ? (
        <div className="mb-6">
          <Alert tone="success">{result.message}</Alert>
        </div>
      ) : null}
      {result && !result.ok && !result.reflectionId ? (
        <div className="mb-6">
          <Alert>
            {Object.values(result.errors ?? {})
              .flat()
              .join(' ') || 'Check the form.'}
          </Alert>
        </div>
      ) : null}
      {items.length === 0 ? (
        <EmptyState title={show === 'waiting' ? 'Nothing waiting' : 'Nothing reviewed yet'}>
          {show === 'waiting'
            ? 'When your people submit a reflection it lands here.'
            : 'Reflections you reply to are kept here.'}
        </EmptyState>
      ) : (
        <ul className="space-y-6">
          {items.map((item) => (
            <li key={item.id} className="rounded-lg border border-slate-200 bg-white p-6" data-testid="reflection">
              <p className="text-sm text-slate-600">
                <Link to={`/team/people/${item.userId}`} className="font-semibold text-brand-700 hover:underline">
                  {item.personName}
                </Link>{' '}
                · {item.lessonTitle} · submitted {item.submittedAt ? <DateTime value={item.submittedAt} /> : ''}
              </p>
              <p className="mt-3 font-medium">{item.prompt}</p>
              <blockquote className="mt-2 whitespace-pre-wrap border-l-4 border-slate-200 pl-4 text-slate-800">
                {item.body}
              </blockquote>
              {item.reviewedAt ? <ReviewSummary item={item} levels={levels} competencies={competencies} /> : null}
              <ReviewForm
                item={item}
                levels={levels}
                competencies={competencies}
                errors={result && !result.ok && result.reflectionId === item.id ? result.errors : null}
              />
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

/** Whether a reviewed reflection was rated, and how, before its form: a reply alone adds no evidence. */
function ReviewSummary({
  item,
  levels,
  competencies,
}: {
  item: {
    ratedCompetencyId: string | null
    ratedLevelId: string | null
    reviewerName: string | null
    reviewedAt: string | null
  }
  levels: { id: string; name: string }[]
  competencies: { id: string; name: string }[]
}) {
  const competency = competencies.find((c) => c.id === item.ratedCompetencyId)
  const level = levels.find((l) => l.id === item.ratedLevelId)
  return (
    <p className="mt-3 flex flex-wrap items-center gap-2 text-sm text-slate-700" data-testid="review-summary">
      {competency && level ? (
        <span className="rounded-full bg-brand-50 px-2.5 py-0.5 font-semibold text-brand-800 ring-1 ring-brand-100">
          Rated {competency.name}: {level.name}
        </span>
      ) : (
        <span className="rounded-full bg-slate-100 px-2.5 py-0.5 font-semibold text-slate-700 ring-1 ring-slate-200">
          Not rated: reply only
        </span>
      )}
      <span>
        {item.reviewerName ? `by ${item.reviewerName}, ` : ''}
        {item.reviewedAt ? <DateTime value={item.reviewedAt} /> : ''}
      </span>
    </p>
  )
}

function ReviewForm({
  item,
  levels,
  competencies,
  errors,
}: {
  item: {
    id: string
    reply: string | null
    ratedCompetencyId: string | null
    ratedLevelId: string | null
    lessonCompetencies: string[]
  }
  levels: { id: string; name: string }[]
  competencies: { id: string; name: string; descriptors: Record<string, string> }[]
  errors: Record<string, string[] | undefined> | null
}) {
  // Reply only unless already rated: a preselected competency would ask for a level the manager never meant to give.
  const [competencyId, setCompetencyId] = useState(item.ratedCompetencyId ?? '')
  const chosen = competencies.find((c) => c.id === competencyId)
  const ordered = [
    ...competencies.filter((c) => item.lessonCompetencies.includes(c.id)),
    ...competencies.filter((c) => !item.lessonCompetencies.includes(c.id)),
  ]
  return (
    <Form method="post" className="mt-4 space-y-4 border-t border-slate-100 pt-4">
      <input type="hidden" name="reflectionId" value={item.id} />
      {errors?.form ? <Alert>{errors.form.join(' ')}</Alert> : null}
      <div>
        <label htmlFor={`reply-${item.id}`} className="block text-sm font-medium text-slate-800">
          Your reply
        </label>
        <textarea
          id={`reply-${item.id}`}
          name="reply"
          rows={3}
          required
          maxLength={2000}
          defaultValue={item.reply ?? ''}
          className={`mt-1 ${controlClassFor(errors?.reply)}`}
        />
        <ErrorList errors={errors?.reply} />
      </div>
      <div className="grid gap-4 md:grid-cols-[16rem_1fr]">
        <div>
          <label htmlFor={`competency-${item.id}`} className="block text-sm font-medium text-slate-800">
            Rate against
          </label>
          <select
            id={`competency-${item.id}`}
            name="competencyId"
            value={competencyId}
            onChange={(e) => setCompetencyId(e.target.value)}
            className={`mt-1 ${controlClassFor(errors?.competencyId)}`}
          >
            <option value="">No rating, reply only</option>
            {ordered.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <ErrorList errors={errors?.competencyId} />
        </div>
        {chosen ? (
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">Level shown in this reflection</legend>
            <div className="mt-1 space-y-2">
              {levels.map((level) => (
                <label key={level.id} className="flex gap-2 rounded-md border border-slate-200 p-2 hover:bg-slate-50">
                  <input
                    type="radio"
                    name="levelId"
                    value={level.id}
                    defaultChecked={item.ratedLevelId === level.id}
                    className="mt-1 h-4 w-4 text-brand-700 focus:ring-brand-600"
                  />
                  <span className="text-sm">
                    <span className="font-semibold">{level.name}: </span>
                    {chosen.descriptors[level.id] ?? ''}
                  </span>
                </label>
              ))}
            </div>
            <ErrorList errors={errors?.levelId} />
          </fieldset>
        ) : null}
      </div>
      <SubmitButton pendingLabel="Sending…">{item.reply ? 'Update reply' : 'Send reply'}</SubmitButton>
    </Form>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
