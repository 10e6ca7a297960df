import { z } from 'zod'
import type { LessonComponentName } from '~/domain/lesson-tree'

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'use lowercase letters, digits and dashes (like "late-quote")')
const text = z.string().trim().min(1).max(2000)
const idList = z.array(z.string()).min(1, 'list at least one id')
const mood = z.number().int().min(-3).max(3)

export const moodBranch = z
  .object({ to: id, minMood: mood.optional(), maxMood: mood.optional() })
  .strict()

/**
 * The props each lesson component accepts. Anything else — an unknown prop, a
 * wrong type — is a content error, so a typo never silently does nothing.
 */
export const componentProps = {
  Callout: z.object({ tone: z.enum(['note', 'tip', 'warning']).default('note'), title: text.optional() }).strict(),
  KeyIdea: z.object({ title: text.optional() }).strict(),
  Example: z.object({ title: text.optional() }).strict(),
  MissionStatement: z.object({}).strict(),
  Reflection: z.object({ id, prompt: text }).strict(),
  Quiz: z
    .object({
      id,
      title: text.optional(),
      passMark: z.number().int().min(1).max(100).default(80),
      /** Ask this many of the quiz's questions per attempt (a pool); all of them when absent. */
      draw: z.number().int().min(1).max(50).optional(),
    })
    .strict(),
  Question: z
    .object({
      id,
      type: z.enum(['single', 'multiple']),
      competencies: idList,
      principles: idList,
      points: z.number().int().min(1).max(10).default(1),
    })
    .strict(),
  Choice: z.object({ id, correct: z.boolean().default(false), feedback: text, pin: z.boolean().default(false) }).strict(),
  RolePlay: z.object({ id, title: text, start: id, mood: mood.default(0) }).strict(),
  Scene: z.object({ id }).strict(),
  Customer: z.object({}).strict(),
  Expert: z.object({}).strict(),
  Option: z
    .object({
      id,
      next: z.union([id, z.array(moodBranch).min(1)]),
      mood: mood,
      points: z.record(z.string(), z.number().int().min(0).max(10)).default({}),
      principles: z.array(z.string()).default([]),
      feedback: text,
      pin: z.boolean().default(false),
    })
    .strict(),
  Ending: z.object({ id, title: text, outcome: z.enum(['good', 'mixed', 'poor']) }).strict(),
} satisfies Record<LessonComponentName, z.ZodType>

export type ComponentProps<N extends LessonComponentName> = z.infer<(typeof componentProps)[N]>

/** Where each component may appear: its parent component, or null for the lesson body. */
export const allowedParents: Record<LessonComponentName, readonly (LessonComponentName | null)[]> = {
  Callout: [null],
  KeyIdea: [null],
  Example: [null],
  MissionStatement: [null, 'Callout', 'KeyIdea', 'Example'],
  Reflection: [null],
  Quiz: [null],
  Question: ['Quiz'],
  Choice: ['Question'],
  RolePlay: [null],
  Scene: ['RolePlay'],
  Customer: ['Scene'],
  Expert: ['Scene'],
  Option: ['Scene'],
  Ending: ['RolePlay'],
}
