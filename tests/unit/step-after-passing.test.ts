import { stepAfterPassing } from '~/domain/lesson-completion'

describe('after a passed quiz', () => {
  const lessons = (done: boolean[]) =>
    ['welcome', 'promises', 'listening'].map((slug, i) => ({ slug, title: slug, completed: done[i]! }))

  it('leads to the next lesson in course order', () => {
    expect(stepAfterPassing(lessons([true, true, false]), 'promises')).toEqual({
      kind: 'next-lesson',
      slug: 'listening',
      title: 'listening',
    })
  })

  it('leads from the last lesson back to the first one still open', () => {
    expect(stepAfterPassing(lessons([false, true, true]), 'listening')).toMatchObject({ slug: 'welcome' })
  })

  it('ends the course once every lesson is complete, whichever quiz was the last', () => {
    expect(stepAfterPassing(lessons([true, true, true]), 'listening')).toEqual({ kind: 'course-complete' })
    expect(stepAfterPassing(lessons([true, true, true]), 'welcome')).toEqual({ kind: 'course-complete' })
  })

  it('offers nothing when only this lesson is left to finish', () => {
    expect(stepAfterPassing(lessons([true, true, false]), 'listening')).toBeNull()
  })
})
