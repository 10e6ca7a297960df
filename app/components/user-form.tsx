import { Form } from '@remix-run/react'
import { roleLabels, roles } from '~/domain/permissions'
import { Alert, Field, SelectField, buttonClass, SubmitButton } from './ui/forms'
import { DateField } from './ui/date-field'

export interface UserFormValues {
  name?: string
  email?: string
  role?: string
  teamId?: string | null
  managerId?: string | null
  hiredAt?: string | null
}

interface Props {
  mode: 'create' | 'edit'
  values: UserFormValues
  teams: { id: string; name: string }[]
  managers: { id: string; name: string }[]
  errors?: Record<string, string[] | undefined>
}

export function UserForm({ mode, values, teams, managers, errors = {} }: Props) {
  return (
    <Form method="post" className="max-w-xl space-y-5" noValidate>
      <input type="hidden" name="intent" value="save" />
      {errors.form ? <Alert>{errors.form.join(' ')}</Alert> : null}
      <Field label="Name" name="name" defaultValue={values.name} required autoComplete="off" errors={errors.name} />
      {mode === 'create' ? (
        <>
          <Field label="Email" name="email" type="email" defaultValue={values.email} required errors={errors.email} />
          <Field
            label="Starting password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            hint="At least 8 characters; common passwords are refused. Share it with the person privately."
            errors={errors.password}
          />
        </>
      ) : null}
      <SelectField
        label="Role"
        name="role"
        defaultValue={values.role ?? 'learner'}
        options={roles.map((r) => ({ value: r, label: roleLabels[r] }))}
        errors={errors.role}
      />
      <SelectField
        label="Team"
        name="teamId"
        defaultValue={values.teamId ?? ''}
        options={[{ value: '', label: 'No team' }, ...teams.map((t) => ({ value: t.id, label: t.name }))]}
        errors={errors.teamId}
      />
      <SelectField
        label="Manager"
        name="managerId"
        defaultValue={values.managerId ?? ''}
        options={[{ value: '', label: 'No manager' }, ...managers.map((m) => ({ value: m.id, label: m.name }))]}
        errors={errors.managerId}
      />
      <DateField label="Hire date" name="hiredAt" defaultValue={values.hiredAt ?? ''} errors={errors.hiredAt} />
      <SubmitButton pendingLabel={mode === 'create' ? 'Adding…' : 'Saving…'} className={buttonClass()}>
        {mode === 'create' ? 'Add person' : 'Save changes'}
      </SubmitButton>
    </Form>
  )
}
