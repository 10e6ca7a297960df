import type { QuestionDefinition, RolePlayDefinition } from './assessments'
import { type Role, can, roles } from './permissions'

// What the trainer's insights mean, as rules the database does not decide: which groups
// are large enough to show, what a question's figures say and when they need the author's
// attention, the course rating's NPS. The model counts with set-based SQL and hands the
// counts in; everything here is a function of them (docs/decisions/013).

/** A figure is shown only when the group it is computed over has at least this many learners. */
export const MIN_GROUP = 5
export const HIDDEN_NOTE = `fewer than ${MIN_GROUP} learners — figures hidden`

/** Facility above this is too easy, below the next too hard (per cent of first answers correct). */
export const TOO_EASY_ABOVE = 95
export const TOO_HARD_BELOW = 30

/**
 * Whose answers count: people being trained. Anyone who may author content can read the
 * answer keys, so their attempts say nothing about a question.
 */
export const countedRoles: readonly Role[] = roles.filter((r) => !can(r, 'content:author'))

export function groupShown(learners: number) {
  return learners >= MIN_GROUP
}

/** A share as a percentage with one decimal; null for an empty group. */
export function percentOf(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10
}

// ——— Questions ———

/** What the database counted for one question over learners' first answers (see the model). */
export interface ItemCounts {
  learners: number
  correct: number
  /** corr(item score, rest-of-attempt score); null when it is undefined (no variance). */
  discrimination: number | null
  /** How many of those first answers picked each choice. */
  picks: Readonly<Record<string, number>>
}

export type FlagKind = 'too-easy' | 'too-hard' | 'negative-discrimination' | 'unpicked-distractor' | 'key-less-popular'

export interface ItemFlag {
  kind: FlagKind
  message: string
}

export interface ChoiceFigures {
  id: string
  label: string
  correct: boolean
  picks: number
  /** Of the learners who answered: a multiple-answer question's choices add up to more than 100. */
  percent: number
}

export interface ItemStatistics {
  questionId: string
  stem: string
  type: 'single' | 'multiple'
  /** The line of its `<Question id="…"` in the version's source, for the editor link. */
  line: number | null
  choices: { id: string; label: string; correct: boolean }[]
  /** Null when fewer than MIN_GROUP learners answered it: nothing about them is shown. */
  figures: {
    learners: number
    facility: number
    discrimination: number | null
    choices: ChoiceFigures[]
    flags: ItemFlag[]
  } | null
}

/** A choice's label in quotes, unless the author already wrote it as a quotation. */
const quoted = (label: string) => (/^[“"‘']/.test(label) ? label : `“${label}”`)

/** The author's attention, from a question's figures: each rule names what to look at. */
export function itemFlags(figures: {
  facility: number
  discrimination: number | null
  choices: readonly ChoiceFigures[]
}): ItemFlag[] {
  const flags: ItemFlag[] = []
  if (figures.facility > TOO_EASY_ABOVE)
    flags.push({
      kind: 'too-easy',
      message: `${figures.facility}% answer it right first time (over ${TOO_EASY_ABOVE}%).`,
    })
  if (figures.facility < TOO_HARD_BELOW)
    flags.push({
      kind: 'too-hard',
      message: `Only ${figures.facility}% answer it right first time (under ${TOO_HARD_BELOW}%).`,
    })
  // Floating point can leave a true zero a hair below it.
  if (figures.discrimination !== null && figures.discrimination < -1e-9)
    flags.push({
      kind: 'negative-discrimination',
      message: `${figures.discrimination.toFixed(2)}: learners who do well on the rest of the quiz get it wrong more often. Check the key and the wording.`,
    })
  const wrong = figures.choices.filter((c) => !c.correct)
  for (const c of wrong.filter((c) => c.picks === 0))
    flags.push({
      kind: 'unpicked-distractor',
      message: `Nobody picks the wrong choice ${quoted(c.label)}: it does not distract; rewrite or remove it.`,
    })
  const mostPickedWrong = wrong.reduce<ChoiceFigures | null>((top, c) => (!top || c.picks > top.picks ? c : top), null)
  for (const c of figures.choices.filter((c) => c.correct))
    if (mostPickedWrong && c.picks < mostPickedWrong.picks)
      flags.push({
        kind: 'key-less-popular',
        message: `The correct choice ${quoted(c.label)} is picked less often (${c.picks}) than the wrong ${quoted(mostPickedWrong.label)} (${mostPickedWrong.picks}). Check the key.`,
      })
  return flags
}

/** One question's statistics from its definition and what was counted (absent: nobody answered). */
export function itemStatistics(
  question: QuestionDefinition,
  counts: ItemCounts | undefined,
  line: number | null,
): ItemStatistics {
  const base = {
    questionId: question.id,
    stem: question.stem,
    type: question.type,
    line,
    choices: question.choices.map((c) => ({ id: c.id, label: c.label, correct: c.correct })),
  }
  if (!counts || !groupShown(counts.learners)) return { ...base, figures: null }
  const choices = question.choices.map((c) => {
    const picks = counts.picks[c.id] ?? 0
    return { id: c.id, label: c.label, correct: c.correct, picks, percent: percentOf(picks, counts.learners) ?? 0 }
  })
  const facility = percentOf(counts.correct, counts.learners) ?? 0
  const discrimination = counts.discrimination === null ? null : Math.round(counts.discrimination * 1000) / 1000
  return {
    ...base,
    figures: {
      learners: counts.learners,
      facility,
      discrimination,
      choices,
      flags: itemFlags({ facility, discrimination: counts.discrimination, choices }),
    },
  }
}

/**
 * The 1-based line of an element's opening tag in an MDX source, searching from the
 * enclosing element (`within`, e.g. the quiz, since question ids are unique per quiz only).
 * Null when it is not there: the source and the compiled definition disagree.
 */
export function sourceLine(
  source: string,
  tag: string,
  id: string,
  within?: { tag: string; id: string },
): number | null {
  const find = (t: string, i: string, from: number) => {
    const match = new RegExp(`<${t}\\b[^>]*?\\bid="${i.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`).exec(
      source.slice(from),
    )
    return match ? from + match.index : -1
  }
  const start = within ? find(within.tag, within.id, 0) : 0
  if (start < 0) return null
  const at = find(tag, id, start)
  return at < 0 ? null : source.slice(0, at).split('\n').length
}

// ——— Role-plays ———

export interface RolePlayCounts {
  /** Counted runs (each learner's graded run) by ending and final mood. */
  endings: readonly { endingId: string | null; mood: number; runs: number }[]
  /**
   * Per scene: how many counted runs chose each option there. No run visits a scene twice
   * (content:check refuses a role-play that loops), so the scene's runs are their sum.
   */
  scenes: readonly { sceneId: string; options: Readonly<Record<string, number>> }[]
  /** Learners who never finished: the scene their latest run stands at. */
  stops: readonly { sceneId: string | null; learners: number }[]
}

export interface RolePlayStatistics {
  id: string
  title: string
  runs: {
    count: number
    endings: { id: string; title: string; outcome: 'good' | 'mixed' | 'poor'; runs: number; percent: number }[]
    moods: { mood: number; runs: number; percent: number }[]
    averageMood: number
    scenes: {
      id: string
      customer: string
      /** Null when fewer than MIN_GROUP counted runs made a choice in this scene. */
      figures: {
        runs: number
        options: { id: string; label: string; decisions: number; percent: number }[]
      } | null
    }[]
  } | null
  stops: { learners: number; scenes: { id: string; customer: string; learners: number }[] } | null
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0)

/** Rounds halves away from zero (Math.round takes −2.5 to −2 but 2.5 to 3). */
function roundAway(value: number, decimals = 0) {
  const scale = 10 ** decimals
  return (Math.sign(value) * Math.round(Math.abs(value) * scale)) / scale || 0
}

/** A role-play's funnel, endings, final mood and stopping points, each hidden below MIN_GROUP. */
export function rolePlayStatistics(rp: RolePlayDefinition, counts: RolePlayCounts): RolePlayStatistics {
  const total = sum(counts.endings.map((e) => e.runs))
  let runs: RolePlayStatistics['runs'] = null
  if (groupShown(total)) {
    const byEnding = (id: string) => sum(counts.endings.filter((e) => e.endingId === id).map((e) => e.runs))
    const moods = [...new Set(counts.endings.map((e) => e.mood))].sort((a, b) => a - b)
    runs = {
      count: total,
      endings: rp.endings.map((e) => ({
        id: e.id,
        title: e.title,
        outcome: e.outcome,
        runs: byEnding(e.id),
        percent: percentOf(byEnding(e.id), total) ?? 0,
      })),
      moods: moods.map((mood) => {
        const n = sum(counts.endings.filter((e) => e.mood === mood).map((e) => e.runs))
        return { mood, runs: n, percent: percentOf(n, total) ?? 0 }
      }),
      averageMood: roundAway(sum(counts.endings.map((e) => e.mood * e.runs)) / total, 1),
      scenes: rp.scenes.map((scene) => {
        const seen = counts.scenes.find((s) => s.sceneId === scene.id)
        const decisions = sum(Object.values(seen?.options ?? {}))
        if (!seen || !groupShown(decisions)) return { id: scene.id, customer: scene.customer, figures: null }
        return {
          id: scene.id,
          customer: scene.customer,
          figures: {
            runs: decisions,
            options: scene.options.map((o) => ({
              id: o.id,
              label: o.label,
              decisions: seen.options[o.id] ?? 0,
              percent: percentOf(seen.options[o.id] ?? 0, decisions) ?? 0,
            })),
          },
        }
      }),
    }
  }
  // A run stored without a state stands at the start, as the engine reads it.
  const stoppedAt = new Map<string, number>()
  for (const s of counts.stops)
    stoppedAt.set(s.sceneId ?? rp.start, (stoppedAt.get(s.sceneId ?? rp.start) ?? 0) + s.learners)
  const stopped = sum([...stoppedAt.values()])
  const stops = groupShown(stopped)
    ? {
        learners: stopped,
        scenes: [...stoppedAt]
          .sort(([a, m], [b, n]) => n - m || a.localeCompare(b))
          .map(([id, learners]) => ({ id, customer: rp.scenes.find((s) => s.id === id)?.customer ?? id, learners })),
      }
    : null
  return { id: rp.id, title: rp.title, runs, stops }
}

// ——— Course ratings ———

export interface CourseRatings {
  count: number
  /** %promoters (9–10) − %detractors (0–6), rounded to a whole number, from −100 to 100. */
  nps: number
  promoters: number
  passives: number
  detractors: number
  /** How many rated 0, 1, … 10. */
  distribution: number[]
}

/** The Net Promoter Score of 0–10 ratings given as counts per score; null below MIN_GROUP. */
export function courseRatings(countsByScore: readonly { score: number; ratings: number }[]): CourseRatings | null {
  const distribution = Array.from({ length: 11 }, (_, score) =>
    sum(countsByScore.filter((c) => c.score === score).map((c) => c.ratings)),
  )
  const count = sum(distribution)
  if (!groupShown(count)) return null
  const promoters = sum(distribution.slice(9))
  const detractors = sum(distribution.slice(0, 7))
  const nps = roundAway(((promoters - detractors) / count) * 100)
  return { count, nps, promoters, passives: count - promoters - detractors, detractors, distribution }
}

// ——— Time ———

/** A duration for people: "under a minute", "12 min", "3 h 5 min", "4 days". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—'
  const minutes = Math.round(seconds / 60)
  if (minutes < 1) return 'under a minute'
  if (minutes < 60) return `${minutes} min`
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`
  return `${Math.round(hours / 24)} days`
}
