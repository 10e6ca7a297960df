import { useLessonContext } from './lesson-context'
import { MoodMeter } from './mood-meter'

/** The role-play's opening, read-only: the customer's first line and the replies on offer. */
export function RolePlayView({ id, title }: { id: string; title: string }) {
  const rolePlay = useLessonContext().rolePlays.find((r) => r.id === id)
  return (
    <section className="not-prose my-10 rounded-xl border border-slate-200 bg-white p-6 shadow-sm" aria-labelledby={`roleplay-${id}`}>
      <p className="text-xs font-semibold uppercase tracking-wider text-brand-700">Role-play</p>
      <h2 id={`roleplay-${id}`} className="mt-1 text-xl font-semibold">
        {title}
      </h2>
      {rolePlay?.scene ? (
        <>
          <MoodMeter mood={rolePlay.mood} />
          <div className="mt-4 rounded-lg bg-slate-100 px-4 py-3">
            <p className="text-sm font-semibold text-slate-600">Customer</p>
            <p className="mt-1 whitespace-pre-line text-slate-900">{rolePlay.scene.customer}</p>
          </div>
          <ul className="mt-4 space-y-2" aria-label="Your possible replies">
            {rolePlay.scene.options.map((o) => (
              <li key={o.id} className="rounded-md border border-slate-200 px-4 py-2 text-slate-700">
                {o.label}
              </li>
            ))}
          </ul>
          <p className="mt-6 rounded-md bg-slate-50 px-4 py-3 text-sm text-slate-700">
            Playing the scenario opens when assessments are switched on for this course.
          </p>
        </>
      ) : null}
    </section>
  )
}
