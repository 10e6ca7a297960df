export type FormUser = 'anonymous' | 'learner' | 'manager' | 'trainer' | 'admin'

export interface AppForm {
  path: string
  as: FormUser
  /** Every field the form sends; the reader refuses a control character in any of them. */
  fields: string[]
  multipart?: boolean
}

export const demoEmails: Record<Exclude<FormUser, 'anonymous'>, string> = {
  learner: 'learner@example.com',
  manager: 'manager@example.com',
  trainer: 'trainer@example.com',
  admin: 'admin@example.com',
}

/** Every form of the app that takes input (sign-out takes none), with the user who submits it. */
export function appForms(ids: { learner: string }): AppForm[] {
  return [
    { path: '/login', as: 'anonymous', fields: ['email', 'password', 'redirectTo'] },
    { path: '/admin/teams', as: 'admin', fields: ['name'] },
    {
      path: '/admin/users/new',
      as: 'admin',
      fields: ['name', 'email', 'password', 'role', 'teamId', 'managerId', 'hiredAt'],
    },
    {
      path: `/admin/users/${ids.learner}`,
      as: 'admin',
      fields: ['intent', 'name', 'role', 'teamId', 'managerId', 'hiredAt', 'password', 'confirm'],
    },
    { path: '/admin/users/import', as: 'admin', fields: ['intent', 'csv', 'lines'], multipart: true },
    { path: '/admin/users/import/problems.csv', as: 'admin', fields: ['csv'], multipart: true },
    { path: '/admin/onboarding', as: 'admin', fields: ['intent', 'courseId', 'teamId', 'dueDays', 'itemId'] },
    { path: '/admin/mission', as: 'admin', fields: ['intent', 'text', 'revisionId'] },
    { path: '/admin/outbox', as: 'admin', fields: ['intent'] },
    {
      path: '/team?index',
      as: 'manager',
      fields: ['intent', 'assignmentId', 'competencyId', 'courseId', 'lessonId', 'teamId'],
    },
    {
      path: '/team/assign',
      as: 'manager',
      fields: ['intent', 'item', 'teamId', 'dueDate', 'note', 'teamAssignmentId', 'userIds'],
    },
    { path: '/team/coaching', as: 'manager', fields: ['reflectionId', 'reply', 'competencyId', 'levelId'] },
    { path: `/team/people/${ids.learner}`, as: 'manager', fields: ['intent', 'assignmentId'] },
    { path: '/courses/demo-course?index', as: 'learner', fields: ['score', 'comment'] },
    {
      path: '/courses/demo-course/welcome',
      as: 'learner',
      fields: [
        'intent',
        'versionId',
        'reflectionId',
        'body',
        'quizId',
        'attemptNumber',
        'idempotencyKey',
        'rolePlayId',
        'attemptId',
        'sceneId',
        'optionId',
        'step',
        'q:when',
      ],
    },
    { path: '/author/preview', as: 'trainer', fields: ['source'] },
    { path: '/admin?index', as: 'admin', fields: ['publishNeedsReview'] },
    {
      path: '/author/lessons?index',
      as: 'trainer',
      fields: ['intent', 'module', 'slug', 'course', 'kind', 'direction'],
    },
    { path: '/author/lessons/demo-course/welcome', as: 'trainer', fields: ['intent', 'source', 'revision'] },
    { path: '/author/lessons/demo-course/welcome/history', as: 'trainer', fields: ['versionId'] },
  ]
}

/** Posts the form's values as a browser would, signed in by `cookie`; returns the answer and the body sent. */
export async function submitForm(baseUrl: string, form: AppForm, values: Record<string, string>, cookie: string) {
  const { body, headers } = formBody(form, values)
  const response = await fetch(`${baseUrl}${form.path}`, {
    method: 'POST',
    headers: { ...headers, Cookie: cookie },
    body,
    redirect: 'manual',
  })
  return { response, body }
}

/** A form body as a browser sends it: URL-encoded, or multipart for file forms. */
function formBody(form: AppForm, values: Record<string, string>): { body: BodyInit; headers: Record<string, string> } {
  if (!form.multipart) {
    return {
      body: new URLSearchParams(values).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    }
  }
  const data = new FormData()
  for (const [k, v] of Object.entries(values)) data.append(k, v)
  return { body: data, headers: {} }
}
