import { Link } from '@remix-run/react'
import { NOT_YET_EVIDENCED } from '~/domain/competency-record'
import { DateTime } from '~/components/ui/date-time'

const levelStyles: Record<string, string> = {
  exemplary: 'bg-brand-800 text-white',
  proficient: 'bg-brand-100 text-brand-800',
  developing: 'bg-amber-100 text-amber-900',
  [NOT_YET_EVIDENCED]: 'bg-slate-100 text-slate-700',
}

export interface CompetencyRecordEntry {
  id: string
  name: string
  description: string
  descriptors: Record<string, string>
  earned: number
  possible: number
  items: number
  score: number | null
  level: string
  evidence: {
    id: string
    source: 'quiz' | 'roleplay' | 'manager'
    itemId: string
    /** What the evidence was for, in words (the question, the scene, the reflection). */
    itemName: string
    points: number
    maxPoints: number
    createdAt: string
    attemptId: string | null
    lessonTitle: string | null
    lessonSlug: string | null
    courseSlug: string | null
    counted: boolean
    /** From a practice attempt (after a pass, or a scenario played again): shown, never counted. */
    practice: boolean
  }[]
}

const sourceLabels = { quiz: 'Quiz', roleplay: 'Role-play', manager: 'Manager rating' } as const

/**
 * A person's record per competency with the evidence behind each. `linkAttempts` links quiz
 * evidence to the attempt's result page, which only the learner themself may open.
 */
export function CompetencyRecordList({
  framework,
  competencies,
  open,
  linkAttempts = false,
}: {
  framework: { levels: { id: string; name: string }[] }
  competencies: CompetencyRecordEntry[]
  open: string | null
  linkAttempts?: boolean
}) {
  const levelName = (id: string) =>
    id === NOT_YET_EVIDENCED ? 'Not yet evidenced' : (framework.levels.find((l) => l.id === id)?.name ?? id)
  return (
    <ul className="mt-8 space-y-4">
      {competencies.map((c) => (
        <li key={c.id} className="rounded-xl border border-slate-200 bg-white" data-testid={`competency-${c.id}`}>
          <details open={open === c.id}>
            <summary className="flex cursor-pointer flex-wrap items-center gap-3 px-6 py-4">
              <span className="text-lg font-semibold">{c.name}</span>
              <span
                className={`rounded-full px-3 py-0.5 text-sm font-medium ${levelStyles[c.level] ?? levelStyles[NOT_YET_EVIDENCED]}`}
                data-testid="level"
              >
                {levelName(c.level)}
              </span>
              <span className="ml-auto text-sm text-slate-600" data-testid="score">
                {c.score === null
                  ? 'no evidence yet'
                  : `${Math.round(c.score * 100)}% · ${c.earned}/${c.possible} points · ${c.items} item${c.items === 1 ? '' : 's'}`}
              </span>
            </summary>
            <div className="border-t border-slate-100 px-6 py-4">
              <p className="text-slate-700">{c.description}</p>
              {c.level !== NOT_YET_EVIDENCED && c.descriptors[c.level] ? (
                <p className="mt-2 text-sm text-slate-700">
                  <span className="font-semibold">{levelName(c.level)} looks like: </span>
                  {c.descriptors[c.level]}
                </p>
              ) : null}
              {c.evidence.length === 0 ? (
                <p className="mt-4 text-sm text-slate-600">
                  No evidence yet: quizzes and role-plays tagged with this competency add it.
                </p>
              ) : (
                <>
                  <EvidenceTable
                    caption={`Evidence for ${c.name}`}
                    rows={c.evidence.filter((e) => e.counted)}
                    linkAttempts={linkAttempts}
                  />
                  {c.evidence.some((e) => !e.counted) ? (
                    <details className="mt-3">
                      <summary className="cursor-pointer text-sm font-medium text-brand-700">
                        {c.evidence.filter((e) => !e.counted).length} earlier or practice answers that do not count
                      </summary>
                      <EvidenceTable
                        caption={`Earlier and practice answers for ${c.name}`}
                        rows={c.evidence.filter((e) => !e.counted)}
                        linkAttempts={linkAttempts}
                      />
                    </details>
                  ) : null}
                </>
              )}
            </div>
          </details>
        </li>
      ))}
    </ul>
  )
}

type EvidenceRow = CompetencyRecordEntry['evidence'][number]

function EvidenceTable({
  caption,
  rows,
  linkAttempts,
}: {
  caption: string
  rows: EvidenceRow[]
  linkAttempts: boolean
}) {
  if (rows.length === 0) return null
  return (
    <table className="mt-4 w-full text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="text-slate-600">
        <tr>
          <th scope="col" className="py-1">
            From
          </th>
          <th scope="col" className="py-1">
            When
          </th>
          <th scope="col" className="py-1 text-right">
            Points
          </th>
          <th scope="col" className="py-1 text-right">
            Counts
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((e) => (
          <tr key={e.id} className="border-t border-slate-100 align-top">
            <td className="py-1.5 pr-2">
              {e.courseSlug && e.lessonSlug ? (
                <Link
                  to={
                    linkAttempts && e.source === 'quiz' && e.attemptId
                      ? `/courses/${e.courseSlug}/${e.lessonSlug}/attempts/${e.attemptId}`
                      : `/courses/${e.courseSlug}/${e.lessonSlug}`
                  }
                  className="text-brand-700 hover:underline"
                >
                  {sourceLabels[e.source]} · {e.lessonTitle}
                </Link>
              ) : (
                sourceLabels[e.source]
              )}
              <span className="block break-words text-xs text-slate-600">{e.itemName}</span>
            </td>
            <td className="py-1.5 pr-2">
              <DateTime value={e.createdAt} />
            </td>
            <td className="py-1.5 text-right">
              {e.points}/{e.maxPoints}
            </td>
            <td className="py-1.5 text-right">{e.counted ? 'yes' : e.practice ? 'practice' : 'superseded'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
