import { LessonContextProvider } from '~/components/lesson/lesson-context'
import { LessonBody } from '~/components/lesson/lesson-body'
import type { TreeNode } from '~/domain/lesson-tree'
import type { PublicRolePlayStart } from '~/content/public-views'
import { Alert } from '~/components/ui/forms'
import { AssessmentWalkthrough, type WalkthroughData } from './assessment-walkthrough'

export interface PreviewData {
  title: string
  summary: string
  tree: TreeNode[]
  rolePlays: PublicRolePlayStart[]
  assessments: { kind: string; id: string; detail: string }[]
  walkthrough: WalkthroughData
}

export interface Problem {
  line: number
  column: number
  message: string
}

/** The problems the checker found, each with its line (a button when the editor can jump there). */
export function ProblemList({ problems, onSelect }: { problems: Problem[]; onSelect?: (p: Problem) => void }) {
  if (problems.length === 0) return <Alert tone="success">The lesson passes every check.</Alert>
  return (
    <Alert>
      <p className="font-semibold">
        {problems.length} problem{problems.length === 1 ? '' : 's'} to fix
      </p>
      <ul className="mt-2 space-y-1" data-testid="preview-problems">
        {problems.map((p, i) => (
          <li key={i}>
            {onSelect ? (
              <button type="button" className="font-mono underline" onClick={() => onSelect(p)}>
                line {p.line}:{p.column}
              </button>
            ) : (
              <span className="font-mono">
                line {p.line}:{p.column}
              </span>
            )}{' '}
            {p.message}
          </li>
        ))}
      </ul>
    </Alert>
  )
}

/** A lesson rendered through the learners' renderer, with the shape of its assessments. */
export function LessonPreview({ preview }: { preview: PreviewData }) {
  return (
    <LessonContextProvider value={{ missionStatement: null, organisationName: '', rolePlays: preview.rolePlays }}>
      <ul className="mt-4 space-y-1 text-sm text-slate-700">
        {preview.assessments.map((a) => (
          <li key={a.id}>
            <span className="font-medium">{a.kind}</span> “{a.id}”: {a.detail}
          </li>
        ))}
      </ul>
      <article className="mt-6 rounded-xl border border-slate-200 bg-white p-6">
        <h2 className="text-2xl font-bold">{preview.title}</h2>
        <p className="mt-2 text-slate-700">{preview.summary}</p>
        <div className="mt-6">
          <LessonBody tree={preview.tree} />
        </div>
      </article>
      <div className="mt-6">
        <AssessmentWalkthrough data={preview.walkthrough} />
      </div>
    </LessonContextProvider>
  )
}
