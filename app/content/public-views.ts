import type { RolePlayDefinition } from '~/domain/assessments'

/** What a learner sees of a role-play before choosing: the opening line and the replies, nothing that scores them. */
export function publicRolePlayStart(rp: RolePlayDefinition) {
  const scene = rp.scenes.find((s) => s.id === rp.start)
  return {
    id: rp.id,
    title: rp.title,
    mood: rp.mood,
    scene: scene
      ? { id: scene.id, customer: scene.customer, options: scene.options.map((o) => ({ id: o.id, label: o.label })) }
      : null,
  }
}

export type PublicRolePlayStart = ReturnType<typeof publicRolePlayStart>
