import fc from 'fast-check'
import { seededOrder } from '~/domain/shuffle'

describe('seeded order', () => {
  it('is a permutation, the same for the same seed', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string(), { maxLength: 8 }), fc.string(), (items, seed) => {
        const once = seededOrder(items, seed)
        expect([...once].sort()).toEqual([...items].sort())
        expect(seededOrder(items, seed)).toEqual(once)
      }),
    )
  })

  it('keeps pinned items in their written place', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer(), { minLength: 2, maxLength: 8 }), fc.string(), (items, seed) => {
        const last = items[items.length - 1]
        const order = seededOrder(items, seed, (i) => i === last)
        expect(order[order.length - 1]).toBe(last)
      }),
    )
  })

  it('puts each item first about as often as any other, across seeds', () => {
    const items = ['a', 'b', 'c', 'd']
    const first: Record<string, number> = { a: 0, b: 0, c: 0, d: 0 }
    const runs = 4000
    for (let i = 0; i < runs; i++) first[seededOrder(items, `learner-${i}/quiz/1/q1`)[0]!]! += 1
    for (const count of Object.values(first)) expect(count / runs).toBeGreaterThan(0.2)
  })
})
