import {
  MOOD_MAX,
  MOOD_MIN,
  type EndingDefinition,
  type OptionDefinition,
  type RolePlayDefinition,
  type SceneDefinition,
} from '~/domain/assessments'
import type { EvidenceItem } from './quiz-scoring'
import { Refusal } from '~/domain/refusal'

export interface RunState {
  sceneId: string | null
  endingId: string | null
  mood: number
  step: number
}

export const clampMood = (mood: number) => Math.max(MOOD_MIN, Math.min(MOOD_MAX, mood))

export function startState(rp: RolePlayDefinition): RunState {
  return { sceneId: rp.start, endingId: null, mood: clampMood(rp.mood), step: 0 }
}

export function sceneOf(rp: RolePlayDefinition, id: string | null): SceneDefinition | undefined {
  return rp.scenes.find((s) => s.id === id)
}

export function endingOf(rp: RolePlayDefinition, id: string | null): EndingDefinition | undefined {
  return rp.endings.find((e) => e.id === id)
}

/** Where an option leads at a given mood: the first branch whose mood bounds hold. */
export function resolveNext(option: OptionDefinition, mood: number): string {
  if (typeof option.next === 'string') return option.next
  for (const branch of option.next) {
    if (branch.minMood !== undefined && mood < branch.minMood) continue
    if (branch.maxMood !== undefined && mood > branch.maxMood) continue
    return branch.to
  }
  return option.next[option.next.length - 1]?.to ?? ''
}

export interface Decision {
  step: number
  sceneId: string
  optionId: string
  moodBefore: number
  moodAfter: number
  points: Record<string, number>
  feedback: string
  next: { kind: 'scene' | 'ending'; id: string }
}

/**
 * Applies one choice to a run. Refuses a choice for any scene but the current one,
 * a step that is not the next one (a replayed or skipped form), or an option of
 * another scene.
 */
export function choose(
  rp: RolePlayDefinition,
  state: RunState,
  input: { sceneId: string; optionId: string; step: number },
): { decision: Decision; state: RunState } {
  if (state.endingId) throw new Refusal('This scenario has already ended. Start it again to replay it.', 409)
  if (input.step !== state.step || input.sceneId !== state.sceneId)
    throw new Refusal('That choice belongs to an earlier point in the scenario. The page now shows where you are.', 409)
  const scene = sceneOf(rp, state.sceneId)
  const option = scene?.options.find((o) => o.id === input.optionId)
  if (!scene || !option) throw new Refusal('That reply is not one of this scene’s options.', 409)
  const moodAfter = clampMood(state.mood + option.mood)
  const target = resolveNext(option, moodAfter)
  const isEnding = rp.endings.some((e) => e.id === target)
  const decision: Decision = {
    step: state.step,
    sceneId: scene.id,
    optionId: option.id,
    moodBefore: state.mood,
    moodAfter,
    points: option.points,
    feedback: option.feedback,
    next: { kind: isEnding ? 'ending' : 'scene', id: target },
  }
  return {
    decision,
    state: {
      sceneId: isEnding ? null : target,
      endingId: isEnding ? target : null,
      mood: moodAfter,
      step: state.step + 1,
    },
  }
}

/** A reply's points over all its competencies. */
export const pointsTotal = (points: Record<string, number>) => Object.values(points).reduce((a, b) => a + b, 0)

/** The competencies a scene can score, with the most any of its options gives. */
export function sceneMaxima(scene: SceneDefinition): Record<string, number> {
  const max: Record<string, number> = {}
  for (const option of scene.options)
    for (const [competency, points] of Object.entries(option.points))
      max[competency] = Math.max(max[competency] ?? 0, points)
  return max
}

/** Evidence for one decision: what the chosen reply earned against the scene's best reply, per competency. */
export function decisionEvidence(
  rp: RolePlayDefinition,
  decision: Pick<Decision, 'sceneId' | 'points'>,
): EvidenceItem[] {
  const scene = sceneOf(rp, decision.sceneId)
  if (!scene) return []
  return Object.entries(sceneMaxima(scene))
    .filter(([, max]) => max > 0)
    .map(([competencyId, maxPoints]) => ({
      itemId: `${decision.sceneId}`,
      competencyId,
      points: decision.points[competencyId] ?? 0,
      maxPoints,
    }))
}

/** What a run that reached its ending scores: evidence per decision, points earned, and the best path's total as the possible. */
export function finishRun(rp: RolePlayDefinition, decisions: readonly Pick<Decision, 'sceneId' | 'points'>[]) {
  return {
    evidence: decisions.flatMap((d) => decisionEvidence(rp, d)),
    earned: decisions.reduce((sum, d) => sum + pointsTotal(d.points), 0),
    possible: bestPath(rp).total,
  }
}

export interface BestPath {
  total: number
  perCompetency: Record<string, number>
  steps: { sceneId: string; optionId: string }[]
}

/**
 * The path with the most points from the start, following mood as the learner's
 * choices would. Scenes form a DAG, so a search over (scene, mood) is exhaustive.
 */
export function bestPath(rp: RolePlayDefinition): BestPath {
  const memo = new Map<string, BestPath>()
  const search = (sceneId: string, mood: number): BestPath => {
    const key = `${sceneId}@${mood}`
    const cached = memo.get(key)
    if (cached) return cached
    const scene = sceneOf(rp, sceneId)
    let best: BestPath = { total: 0, perCompetency: {}, steps: [] }
    let found = false
    for (const option of scene?.options ?? []) {
      const moodAfter = clampMood(mood + option.mood)
      const target = resolveNext(option, moodAfter)
      const rest = sceneOf(rp, target) ? search(target, moodAfter) : { total: 0, perCompetency: {}, steps: [] }
      const own = pointsTotal(option.points)
      if (!found || own + rest.total > best.total) {
        const perCompetency = { ...rest.perCompetency }
        for (const [c, p] of Object.entries(option.points)) perCompetency[c] = (perCompetency[c] ?? 0) + p
        best = { total: own + rest.total, perCompetency, steps: [{ sceneId, optionId: option.id }, ...rest.steps] }
        found = true
      }
    }
    memo.set(key, best)
    return best
  }
  return search(rp.start, clampMood(rp.mood))
}
