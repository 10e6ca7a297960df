import type { ReactNode } from 'react'
import { useLessonContext } from './lesson-context'

const tones = {
  note: { box: 'border-sky-300 bg-sky-50', label: 'Note' },
  tip: { box: 'border-brand-600/40 bg-brand-50', label: 'Tip' },
  warning: { box: 'border-amber-400 bg-amber-50', label: 'Watch out' },
} as const

export function Callout({ tone, title, children }: { tone?: string; title?: string; children: ReactNode }) {
  const style = tones[(tone as keyof typeof tones) ?? 'note'] ?? tones.note
  return (
    <aside className={`not-prose my-6 rounded-lg border-l-4 px-5 py-4 ${style.box}`} aria-label={title ?? style.label}>
      <p className="font-semibold text-slate-900">{title ?? style.label}</p>
      <div className="prose prose-slate mt-1 max-w-none prose-p:my-2">{children}</div>
    </aside>
  )
}

export function KeyIdea({ title, children }: { title?: string; children: ReactNode }) {
  return (
    <aside className="not-prose my-8 rounded-xl bg-brand-800 px-6 py-5 text-white" aria-label="Key idea">
      <p className="text-xs font-semibold uppercase tracking-wider text-brand-100">Key idea</p>
      {title ? <p className="mt-1 text-lg font-semibold">{title}</p> : null}
      <div className="prose prose-invert mt-2 max-w-none prose-p:my-2">{children}</div>
    </aside>
  )
}

export function Example({ title, children }: { title?: string; children: ReactNode }) {
  return (
    <figure className="not-prose my-6 rounded-lg border border-slate-200 bg-white px-5 py-4 shadow-sm">
      <figcaption className="text-sm font-semibold text-slate-600">Example{title ? `: ${title}` : ''}</figcaption>
      <div className="prose prose-slate mt-2 max-w-none prose-p:my-2">{children}</div>
    </figure>
  )
}

export function MissionStatement() {
  const { missionStatement, organisationName } = useLessonContext()
  return (
    <blockquote className="not-prose my-6 rounded-lg border border-brand-100 bg-white px-6 py-5">
      <p className="text-xs font-semibold uppercase tracking-wider text-brand-700">
        {organisationName ? `${organisationName}’s service mission` : 'Our service mission'}
      </p>
      <p className="mt-2 text-lg leading-relaxed text-slate-900">
        {missionStatement ??
          'Your organisation has not written its service mission statement yet. Ask your manager what it should say.'}
      </p>
    </blockquote>
  )
}
