import { type ReactNode, useId } from 'react'

/** A free-text reflection prompt; saving answers arrives with assessments. */
export function ReflectionView({ id, prompt, children }: { id: string; prompt: string; children?: ReactNode }) {
  const fieldId = useId()
  return (
    <section className="not-prose my-8 rounded-xl border border-violet-200 bg-violet-50 p-6" aria-labelledby={`${fieldId}-label`} data-reflection={id}>
      <p className="text-xs font-semibold uppercase tracking-wider text-violet-800">Reflection</p>
      <label id={`${fieldId}-label`} htmlFor={fieldId} className="mt-1 block text-lg font-semibold text-slate-900">
        {prompt}
      </label>
      {children ? <div className="prose prose-slate mt-2 max-w-none prose-p:my-2">{children}</div> : null}
      <textarea id={fieldId} rows={4} disabled className="mt-3 w-full rounded-md border border-slate-300 bg-white px-3 py-2" placeholder="Saving reflections opens with assessments." />
    </section>
  )
}
