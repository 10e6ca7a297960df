// Order must carry no clue: choices and replies are shown in an order made per learner and
// attempt. It is derived from a seed, not stored, so a reload shows the same order.

/** FNV-1a: a 32-bit number from a string. */
function hash(text: string) {
  let h = 2166136261
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619)
  return h >>> 0
}

/** mulberry32: a small, well-spread generator of numbers in [0, 1). */
function generator(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * The items in an order fixed by `seed` (Fisher–Yates). Pinned items keep their place, as an
 * author pins "None of the above" last; the others are shuffled among the remaining places.
 */
export function seededOrder<T>(items: readonly T[], seed: string, pinned: (item: T) => boolean = () => false): T[] {
  const free = items.filter((item) => !pinned(item))
  const random = generator(hash(seed))
  for (let i = free.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[free[i], free[j]] = [free[j]!, free[i]!]
  }
  let next = 0
  return items.map((item) => (pinned(item) ? item : free[next++]!))
}
