import { Form, Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { type TreeElement, type TreeNode, isTreeElement, splitQuestion, treeText } from '~/domain/lesson-tree'
import { Alert, SubmitButton, buttonClass } from '../ui/forms'
import { useActionErrorFor, useLessonContext } from './lesson-context'

/**
 * A quiz as the learner sees it before answering: question text and choice labels.
 * It posts to the lesson's action, which scores it on the server; it works without
 * JavaScript. In the author preview it renders read-only.
 */
export function QuizView({
  node,
  renderNodes,
}: {
  node: TreeElement
  /** The lesson's renderer, for the prose inside questions (passed in: the renderer renders this view). */
  renderNodes: (nodes: readonly TreeNode[] | undefined) => ReactNode
}) {
  const { versionId, assessments } = useLessonContext()
  const id = String(node.props?.id ?? '')
  const title = typeof node.props?.title === 'string' ? node.props.title : 'Check your understanding'
  const passMark = typeof node.props?.passMark === 'number' ? node.props.passMark : 80
  const state = assessments?.quizzes.find((q) => q.id === id)
  // A learner sees the questions drawn for their attempt; the preview shows the whole pool.
  const questions = collect(node, 'Question').filter((q) => !state || state.questionIds.includes(String(q.props?.id)))
  const error = useActionErrorFor('quiz', id)
  const interactive = Boolean(state && versionId)

  return (
    <section
      id={`quiz-${id}`}
      className="not-prose my-10 scroll-mt-6 rounded-xl border border-slate-200 bg-white p-6 shadow-sm"
      aria-labelledby={`quiz-${id}-title`}
    >
      <h2 id={`quiz-${id}-title`} className="text-xl font-semibold">
        {title}
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        {questions.length} question{questions.length === 1 ? '' : 's'} · pass mark {passMark}%
      </p>
      {state?.latest ? (
        <p className="mt-3 text-sm" data-testid={`quiz-${id}-latest`}>
          {state.passedEver ? (
            <>
              <span className="font-semibold text-brand-800">Passed.</span> Retakes are practice: your score stays. Your
              last attempt scored {state.latest.percent}%.{' '}
            </>
          ) : (
            <>
              <span className="font-semibold text-amber-800">Not passed yet</span> on your last attempt (
              {state.latest.percent}%).{' '}
            </>
          )}
          <Link to={`attempts/${state.latest.attemptId}`} relative="path" className="text-brand-700 underline">
            See your answers and feedback
          </Link>
          {state.passedEver ? '' : '. Try again below.'}
        </p>
      ) : null}
      {error?.error ? (
        <div className="mt-4">
          <Alert>{error.error}</Alert>
        </div>
      ) : null}
      <Form method="post" className="mt-6" aria-label={title}>
        {interactive && state && versionId ? (
          <>
            <input type="hidden" name="intent" value="submit-quiz" />
            <input type="hidden" name="quizId" value={id} />
            <input type="hidden" name="versionId" value={versionId} />
            <input type="hidden" name="attemptNumber" value={state.nextAttemptNumber} />
            <input type="hidden" name="idempotencyKey" value={state.idempotencyKey} />
          </>
        ) : null}
        <ol className="space-y-8">
          {questions.map((q, qi) => {
            const qid = String(q.props?.id ?? qi)
            const multiple = q.props?.type === 'multiple'
            const { stem, choices: written } = splitQuestion(q)
            const order = state?.choiceOrder[qid]
            const choices = order ? inOrder(written, order) : written
            return (
              <li key={qid}>
                <fieldset disabled={!interactive}>
                  <legend className="prose prose-slate max-w-none font-medium">
                    <span className="sr-only">Question {qi + 1}: </span>
                    {renderNodes(stem)}
                  </legend>
                  <p className="mt-1 text-sm text-slate-600">{multiple ? 'Choose all that apply.' : 'Choose one.'}</p>
                  <div className="mt-3 space-y-2">
                    {choices.map((c) => {
                      const cid = String(c.props?.id ?? '')
                      return (
                        <label
                          key={cid}
                          className="flex cursor-pointer items-start gap-3 rounded-md border border-slate-200 px-3 py-2 text-slate-800 hover:border-brand-600 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
                        >
                          <input
                            type={multiple ? 'checkbox' : 'radio'}
                            name={`q:${qid}`}
                            value={cid}
                            required={!multiple}
                            className="mt-1 accent-brand-700"
                          />
                          <span>{treeText(c.children)}</span>
                        </label>
                      )
                    })}
                  </div>
                </fieldset>
              </li>
            )
          })}
        </ol>
        {interactive ? (
          <SubmitButton className={`${buttonClass()} mt-8`} pendingLabel="Scoring…">
            {state?.passedEver
              ? 'Practice again — your score stays'
              : state?.attempts
                ? 'Submit a new attempt'
                : 'Submit answers'}
          </SubmitButton>
        ) : (
          <p className="mt-6 rounded-md bg-slate-50 px-4 py-3 text-sm text-slate-700">
            Preview: learners answer this quiz on the lesson page.
          </p>
        )}
      </Form>
    </section>
  )
}

function collect(node: TreeElement, tag: string): TreeElement[] {
  const out: TreeElement[] = []
  for (const child of node.children ?? []) {
    if (!isTreeElement(child)) continue
    if (child.tag === tag) out.push(child)
    else out.push(...collect(child, tag))
  }
  return out
}

/** The choices in the order the server chose for this learner; any it did not name keep their place at the end. */
function inOrder(choices: TreeElement[], order: readonly string[]) {
  const rank = (c: TreeElement) => {
    const i = order.indexOf(String(c.props?.id ?? ''))
    return i < 0 ? order.length : i
  }
  return [...choices].sort((a, b) => rank(a) - rank(b))
}
