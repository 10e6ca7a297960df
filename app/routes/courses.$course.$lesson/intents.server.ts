import { json, redirect } from '@remix-run/node'
import { z } from 'zod'
import type { ActionResult } from '~/components/lesson/lesson-context'
import { chooseRolePlayOption, startRolePlay, submitQuiz } from '~/models/attempts.server'
import { markLessonComplete } from '~/models/courses.server'
import { saveReflection } from '~/models/reflections.server'
import { refusalResponse } from '~/utils/responses.server'

const itemId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/)

export interface LessonIntent {
  userId: string
  course: string
  lesson: string
  form: FormData
  /** The form's text fields, one value each. */
  fields: Record<string, string>
}

type Target = ActionResult['target']

const refuse = (target: Target, error: string, status = 400) =>
  json<ActionResult>({ target, error, saved: false }, { status })

/** The model's refusal, shown on the widget the form came from. */
const refusedAt = (target: Target) => (error: unknown) =>
  refusalResponse(error, (refusal): ActionResult => ({ target, error: refusal.message, saved: false }))

const here = ({ course, lesson }: LessonIntent) => `/courses/${course}/${lesson}`

const completeSchema = z.object({ versionId: z.uuid() })

async function complete(input: LessonIntent) {
  const target: Target = { kind: 'completion', id: '' }
  const parsed = completeSchema.safeParse(input.fields)
  if (!parsed.success) return refuse(target, 'That request could not be understood. Reload the page and try again.')
  try {
    await markLessonComplete(input.userId, input.course, input.lesson, parsed.data.versionId)
    return redirect(here(input))
  } catch (error) {
    return refusedAt(target)(error)
  }
}

const quizSchema = z.object({
  quizId: itemId,
  versionId: z.uuid(),
  attemptNumber: z.coerce.number().int().min(1).max(10_000),
  idempotencyKey: z.uuid(),
})

/** Answers from a quiz form: fields named "q:<question id>", several values for multiple choice. */
function quizResponses(form: FormData) {
  const responses: Record<string, string[]> = {}
  for (const [key, value] of form.entries()) {
    if (!key.startsWith('q:') || typeof value !== 'string') continue
    ;(responses[key.slice(2)] ??= []).push(value)
  }
  return responses
}

async function submitQuizIntent(input: LessonIntent) {
  const target: Target = { kind: 'quiz', id: input.fields.quizId ?? '' }
  const parsed = quizSchema.safeParse(input.fields)
  if (!parsed.success)
    return refuse(target, 'That quiz submission could not be understood. Reload the page and try again.')
  try {
    const result = await submitQuiz(input.userId, {
      courseSlug: input.course,
      lessonSlug: input.lesson,
      ...parsed.data,
      responses: quizResponses(input.form),
    })
    return redirect(`${here(input)}/attempts/${result.attemptId}`)
  } catch (error) {
    return refusedAt(target)(error)
  }
}

const startSchema = z.object({ rolePlayId: itemId, versionId: z.uuid() })

function startRolePlayIntent(restart: boolean) {
  return async (input: LessonIntent) => {
    const target: Target = { kind: 'roleplay', id: input.fields.rolePlayId ?? '' }
    const parsed = startSchema.safeParse(input.fields)
    if (!parsed.success) return refuse(target, 'That request could not be understood. Reload the page and try again.')
    try {
      await startRolePlay(input.userId, { courseSlug: input.course, lessonSlug: input.lesson, ...parsed.data, restart })
      return redirect(`${here(input)}#roleplay-${parsed.data.rolePlayId}`)
    } catch (error) {
      return refusedAt(target)(error)
    }
  }
}

const chooseSchema = z.object({
  rolePlayId: itemId,
  attemptId: z.uuid(),
  sceneId: itemId,
  optionId: itemId,
  step: z.coerce.number().int().min(0).max(1000),
})

async function choose(input: LessonIntent) {
  const target: Target = { kind: 'roleplay', id: input.fields.rolePlayId ?? '' }
  const parsed = chooseSchema.safeParse(input.fields)
  if (!parsed.success) return refuse(target, 'That choice could not be understood. Reload the page and try again.')
  try {
    await chooseRolePlayOption(input.userId, { courseSlug: input.course, lessonSlug: input.lesson, ...parsed.data })
    return redirect(`${here(input)}#roleplay-${parsed.data.rolePlayId}`)
  } catch (error) {
    return refusedAt(target)(error)
  }
}

const reflectionSchema = z.object({
  reflectionId: itemId,
  versionId: z.uuid(),
  body: z.string().max(10_000, 'Keep your reflection under 10,000 characters.'),
})

function reflectionIntent(submit: boolean) {
  return async (input: LessonIntent) => {
    const target: Target = { kind: 'reflection', id: input.fields.reflectionId ?? '' }
    const parsed = reflectionSchema.safeParse(input.fields)
    if (!parsed.success) return refuse(target, parsed.error.issues[0]?.message ?? 'That reflection could not be saved.')
    try {
      await saveReflection(input.userId, { courseSlug: input.course, lessonSlug: input.lesson, ...parsed.data, submit })
      return json<ActionResult>({ target, error: null, saved: true })
    } catch (error) {
      return refusedAt(target)(error)
    }
  }
}

const handlers: Record<string, (input: LessonIntent) => Promise<Response>> = {
  complete,
  'submit-quiz': submitQuizIntent,
  'start-roleplay': startRolePlayIntent(false),
  'restart-roleplay': startRolePlayIntent(true),
  choose,
  'save-reflection': reflectionIntent(false),
  'submit-reflection': reflectionIntent(true),
}

/** One handler per intent of the lesson page's forms: a schema, then one model call. */
export function handleLessonIntent(input: LessonIntent) {
  const handler = handlers[input.fields.intent ?? '']
  return handler ? handler(input) : Promise.resolve(refuse({ kind: 'completion', id: '' }, 'Unknown action.'))
}
