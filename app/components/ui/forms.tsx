import {
  type ButtonHTMLAttributes,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react'
import { offerResult, useBusy } from './submission'

export function ErrorList({ id, errors }: { id?: string; errors?: readonly string[] | null }) {
  if (!errors?.length) return null
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-sm text-red-700">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  )
}

const controlClass =
  'block w-full rounded-md border bg-white px-3 py-2 text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/40'

/** The look of every text input, select and textarea; red-bordered while it has errors. */
export function controlClassFor(errors?: readonly string[] | null) {
  return `${controlClass} ${errors?.length ? 'border-red-600' : 'border-slate-300'}`
}

function describedBy(errorId: string, hintId: string, errors?: readonly string[], hint?: ReactNode) {
  return [errors?.length ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined
}

export function Field({
  label,
  errors,
  hint,
  ...input
}: { label: string; errors?: string[]; hint?: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId()
  const errorId = `${id}-error`
  const hintId = `${id}-hint`
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(errorId, hintId, errors, hint)}
        className={`mt-1 ${controlClassFor(errors)}`}
        {...input}
      />
      <ErrorList id={errorId} errors={errors} />
    </div>
  )
}

export function SelectField({
  label,
  errors,
  options,
  ...select
}: {
  label: string
  errors?: string[]
  options: { value: string; label: string }[]
} & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId()
  const errorId = `${id}-error`
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={id}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? errorId : undefined}
        className={`mt-1 ${controlClassFor(errors)}`}
        {...select}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorList id={errorId} errors={errors} />
    </div>
  )
}

/** A form's outcome. Shown in answer to a submission, it takes the focus (see `NavigationFeedback`). */
export function Alert({ tone = 'error', children }: { tone?: 'error' | 'success'; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (ref.current) offerResult(ref.current)
  }, [children])
  const styles =
    tone === 'error' ? 'border-red-300 bg-red-50 text-red-800' : 'border-brand-100 bg-brand-50 text-brand-800'
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role={tone === 'error' ? 'alert' : 'status'}
      className={`rounded-md border px-4 py-3 text-sm ${styles}`}
    >
      {children}
    </div>
  )
}

export function buttonClass(variant: 'primary' | 'secondary' | 'danger' = 'primary') {
  const base =
    'inline-flex items-center justify-center rounded-md px-4 py-2 text-sm font-semibold shadow-sm disabled:opacity-60 aria-disabled:opacity-60'
  if (variant === 'secondary') return `${base} border border-slate-300 bg-white text-slate-800 hover:bg-slate-50`
  if (variant === 'danger') return `${base} bg-red-700 text-white hover:bg-red-800`
  return `${base} bg-brand-700 text-white hover:bg-brand-800`
}

/**
 * A submit button that shows its own form is on its way (a navigation or a fetcher): the button
 * pressed reads `pendingLabel`, and the form's buttons refuse a second press. They stay focusable
 * (aria-disabled, not disabled), so the focus is not dropped while the form is sent.
 */
export function SubmitButton({
  pendingLabel,
  children,
  className = buttonClass(),
  onClick,
  ...button
}: { pendingLabel: string } & ButtonHTMLAttributes<HTMLButtonElement>) {
  const ref = useRef<HTMLButtonElement>(null)
  const busy = useBusy()
  const [sent, setSent] = useState<'by-this' | 'by-another' | null>(null)
  useEffect(() => {
    const form = ref.current?.form
    if (!form) return
    const onSubmit = (event: SubmitEvent) => setSent(event.submitter === ref.current ? 'by-this' : 'by-another')
    form.addEventListener('submit', onSubmit)
    return () => form.removeEventListener('submit', onSubmit)
  }, [])
  // Once the app is idle again, the submission is over (adjusting state while rendering, as React advises).
  const [wasBusy, setWasBusy] = useState(busy)
  if (busy !== wasBusy) {
    setWasBusy(busy)
    if (!busy) setSent(null)
  }
  const pending = busy && sent !== null
  return (
    <button
      ref={ref}
      type="submit"
      aria-disabled={pending || undefined}
      className={className}
      onClick={(event) => {
        if (pending) event.preventDefault()
        else onClick?.(event)
      }}
      {...button}
    >
      {pending && sent === 'by-this' ? pendingLabel : children}
    </button>
  )
}
