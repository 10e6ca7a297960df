import { useId } from 'react'

/** The organisation's mission on the learner home; absent until an admin has written one. */
export function MissionStatementCard({ text }: { text: string | null | undefined }) {
  const headingId = useId()
  if (!text?.trim()) return null
  return (
    <section aria-labelledby={headingId} className="rounded-xl border border-brand-100 bg-brand-50 px-6 py-5 shadow-sm">
      <h2 id={headingId} className="text-xs font-semibold uppercase tracking-wider text-brand-700">
        Our service mission
      </h2>
      <blockquote className="mt-2 border-l-4 border-brand-600 pl-4">
        <p className="whitespace-pre-line leading-relaxed text-slate-900">{text}</p>
      </blockquote>
    </section>
  )
}
