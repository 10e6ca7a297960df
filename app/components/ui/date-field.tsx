import { type InputHTMLAttributes, useState } from 'react'
import { formatDate } from '~/domain/calendar'
import { Field } from './forms'

/**
 * A date input whose hint reads the chosen day the way every page writes dates ("15 Dec 2026"),
 * whatever order the browser's own date picker shows it in.
 */
export function DateField({
  label,
  errors,
  defaultValue,
  ...input
}: { label: string; errors?: string[]; defaultValue?: string } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'type' | 'defaultValue'
>) {
  const [value, setValue] = useState(defaultValue ?? '')
  return (
    <Field
      label={label}
      type="date"
      errors={errors}
      defaultValue={defaultValue}
      onChange={(event) => setValue(event.currentTarget.value)}
      hint={<span aria-live="polite">{/^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value) : 'No date chosen'}</span>}
      {...input}
    />
  )
}
