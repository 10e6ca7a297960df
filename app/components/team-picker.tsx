import { Form, useSearchParams, useSubmit } from '@remix-run/react'
import { buttonClass, controlClassFor } from './ui/forms'

/** An admin's choice of which team a team page shows; it reloads the page with `?team=`. */
export function TeamPicker({ teams, teamId }: { teams: { id: string; name: string }[]; teamId: string | null }) {
  const [params] = useSearchParams()
  const submit = useSubmit()
  return (
    <Form method="get" className="mb-6 flex items-end gap-2" onChange={(e) => submit(e.currentTarget)}>
      <div>
        <label htmlFor="team" className="block text-sm font-medium text-slate-800">
          Team
        </label>
        <select
          id="team"
          name="team"
          defaultValue={params.get('team') ?? teamId ?? ''}
          className={`mt-1 ${controlClassFor()}`}
        >
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
      <noscript>
        <button type="submit" className={buttonClass('secondary')}>
          Show
        </button>
      </noscript>
    </Form>
  )
}
