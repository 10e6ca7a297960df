import type { TreeElement } from '~/domain/lesson-tree'
import { isTreeElement, treeText } from '~/domain/lesson-tree'
import { renderNodes, splitQuestion } from './render-lesson'

/** The quiz as a learner sees it before answering: questions and choice labels only. */
export function QuizView({ node }: { node: TreeElement }) {
  const id = String(node.props?.id ?? '')
  const title = typeof node.props?.title === 'string' ? node.props.title : 'Check your understanding'
  const passMark = typeof node.props?.passMark === 'number' ? node.props.passMark : 80
  const questions = collect(node, 'Question')
  return (
    <section className="not-prose my-10 rounded-xl border border-slate-200 bg-white p-6 shadow-sm" aria-labelledby={`quiz-${id}`}>
      <h2 id={`quiz-${id}`} className="text-xl font-semibold">
        {title}
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        {questions.length} question{questions.length === 1 ? '' : 's'} · pass mark {passMark}%
      </p>
      <ol className="mt-6 space-y-8">
        {questions.map((q, qi) => {
          const qid = String(q.props?.id ?? qi)
          const multiple = q.props?.type === 'multiple'
          const { stem, choices } = splitQuestion(q)
          return (
            <li key={qid}>
              <fieldset disabled>
                <legend className="prose prose-slate max-w-none font-medium">{renderNodes(stem)}</legend>
                {multiple ? <p className="mt-1 text-sm text-slate-600">Choose all that apply.</p> : null}
                <div className="mt-3 space-y-2">
                  {choices.map((c) => {
                    const cid = String(c.props?.id ?? '')
                    return (
                      <label key={cid} className="flex items-start gap-3 rounded-md border border-slate-200 px-3 py-2 text-slate-700">
                        <input type={multiple ? 'checkbox' : 'radio'} name={`${id}-${qid}`} value={cid} className="mt-1" />
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
      <p className="mt-6 rounded-md bg-slate-50 px-4 py-3 text-sm text-slate-700">
        Answering opens when assessments are switched on for this course.
      </p>
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
