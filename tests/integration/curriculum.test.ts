import path from 'node:path'
import type { QuizDefinition, RolePlayDefinition } from '~/domain/assessments'
import { checkContent } from '~/content/check.server'
import { bestPath } from '~/domain/role-play-engine'
import { BLIND_STRATEGIES, bestRun, blindQuizPassChance, blindRolePlayEnding } from '~/domain/test-wise'

const check = await checkContent(path.resolve('content'))
const compiled = check.lessons.flatMap((l) => (l.result.ok ? [{ ...l, ...l.result }] : []))
const coursesBySlug = (slug: string) => compiled.filter((l) => l.courseSlug === slug)

describe('the curriculum', () => {
  it('compiles every lesson, with two courses of at least ten and four lessons', () => {
    expect(compiled).toHaveLength(check.lessons.length)
    expect(coursesBySlug('service-culture-foundations').length).toBeGreaterThanOrEqual(10)
    expect(coursesBySlug('leading-a-service-culture').length).toBeGreaterThanOrEqual(4)
  })

  it('ends every lesson with a pool of 6–8 questions drawing 4, each tagged and with feedback on every choice', () => {
    for (const lesson of compiled) {
      const quizzes = lesson.assessments.filter((a): a is QuizDefinition => a.kind === 'quiz')
      expect(quizzes, lesson.slug).toHaveLength(1)
      const quiz = quizzes[0]!
      expect(lesson.assessments.at(-1)?.id, `${lesson.slug} ends with its quiz`).toBe(quiz.id)
      expect(quiz.questions.length, lesson.slug).toBeGreaterThanOrEqual(6)
      expect(quiz.questions.length, lesson.slug).toBeLessThanOrEqual(8)
      expect(quiz.draw, `${lesson.slug} draws 4, so a retake asks new questions`).toBe(4)
      for (const q of quiz.questions) {
        expect(q.competencies.length).toBeGreaterThan(0)
        expect(q.principles.length).toBeGreaterThan(0)
        for (const c of q.choices) expect(c.feedback.length, `${lesson.slug}/${q.id}/${c.id}`).toBeGreaterThan(20)
      }
      expect(new Set(quiz.questions.map((q) => q.type)).size, `${lesson.slug} mixes single and multiple choice`).toBe(2)
    }
  })

  it('has at least eight role-plays with three or more decisions, several endings, scoring and coaching', () => {
    const rolePlays = compiled.flatMap((l) =>
      l.assessments.filter((a): a is RolePlayDefinition => a.kind === 'roleplay'),
    )
    expect(rolePlays.length).toBeGreaterThanOrEqual(8)
    for (const rp of rolePlays) {
      expect(rp.scenes.length, rp.id).toBeGreaterThanOrEqual(3)
      expect(bestPath(rp).steps.length, `${rp.id} best path`).toBeGreaterThanOrEqual(3)
      expect(new Set(rp.endings.map((e) => e.outcome)).size, `${rp.id} endings`).toBeGreaterThanOrEqual(2)
      expect(
        rp.scenes.some((s) => s.options.some((o) => Array.isArray(o.next))),
        `${rp.id} branches on mood`,
      ).toBe(true)
      for (const s of rp.scenes) for (const o of s.options) expect(o.feedback.length).toBeGreaterThan(20)
    }
    const ids = rolePlays.map((r) => r.id)
    for (const required of [
      'late-quote',
      'pricing-question',
      'cannot-answer-yet',
      'upset-caller',
      'walk-in-and-phone',
      'colleague-under-pressure',
      'new-campaign',
      'customer-is-wrong',
      'distracted-colleague',
      'owning-a-mistake',
      'off-script-problem',
      'huddle-after-a-bad-week',
      'coaching-conversation',
    ])
      expect(ids).toContain(required)
  })

  it('lets a learner who slips at first and then recovers reach a good ending in every role-play', () => {
    const rolePlays = compiled.flatMap((l) =>
      l.assessments.filter((a): a is RolePlayDefinition => a.kind === 'roleplay'),
    )
    const clamp = (m: number) => Math.max(-3, Math.min(3, m))
    const follow = (o: RolePlayDefinition['scenes'][number]['options'][number], mood: number) =>
      typeof o.next === 'string'
        ? o.next
        : (o.next.find((b) => (b.minMood ?? -3) <= mood && mood <= (b.maxMood ?? 3))?.to ?? '')
    for (const rp of rolePlays) {
      const reachesGood = (id: string, mood: number): boolean => {
        const ending = rp.endings.find((e) => e.id === id)
        if (ending) return ending.outcome === 'good'
        return (rp.scenes.find((s) => s.id === id)?.options ?? []).some((o) =>
          reachesGood(follow(o, clamp(mood + o.mood)), clamp(mood + o.mood)),
        )
      }
      const start = rp.scenes.find((s) => s.id === rp.start)!
      const slips = start.options.filter((o) => o.mood < 0)
      expect(slips.length, `${rp.id} has a slip to recover from`).toBeGreaterThan(0)
      expect(
        slips.some((o) => reachesGood(follow(o, clamp(rp.mood + o.mood)), clamp(rp.mood + o.mood))),
        `${rp.id}: some early slip can still end well`,
      ).toBe(true)
    }
  })

  it('cannot be passed without reading: no blind strategy passes over 10 % of quizzes or ends well in over one role-play', () => {
    const assessments = compiled.flatMap((l) => l.assessments)
    const quizzes = assessments.filter((a): a is QuizDefinition => a.kind === 'quiz')
    const rolePlays = assessments.filter((a): a is RolePlayDefinition => a.kind === 'roleplay')
    for (const strategy of BLIND_STRATEGIES) {
      const expectedPasses = quizzes.reduce((sum, quiz) => sum + blindQuizPassChance(quiz, strategy), 0)
      expect(expectedPasses / quizzes.length, `always ${strategy}: share of quizzes passed`).toBeLessThanOrEqual(0.1)
      const goodEndings = rolePlays
        .filter((rp) => blindRolePlayEnding(rp, strategy)?.outcome === 'good')
        .map((rp) => rp.id)
      expect(goodEndings.length, `always ${strategy} ends well in ${goodEndings.join(', ')}`).toBeLessThanOrEqual(1)
    }
  })

  it('scores the right choices most: the run with the most points takes no slip and ends well', () => {
    for (const rp of compiled.flatMap((l) =>
      l.assessments.filter((a): a is RolePlayDefinition => a.kind === 'roleplay'),
    )) {
      const best = bestRun(rp)
      expect(best.ending?.outcome, `${rp.id}: the most points end ${best.ending?.id}`).toBe('good')
      expect(
        best.replies.filter((o) => o.mood < 0).map((o) => o.id),
        `${rp.id}: slips on the best run`,
      ).toEqual([])
    }
  })

  it('sets its situations in many places, not mostly in bike shops, and coaches leaders', () => {
    const bikeLessons = compiled.filter((l) => /\b(bike|bicycle)s?\b/i.test(l.source)).map((l) => l.slug)
    expect(bikeLessons.length, bikeLessons.join(', ')).toBeLessThanOrEqual(3)
    const coaching = coursesBySlug('leading-a-service-culture').find((l) => l.slug === 'coaching-for-service')
    expect(coaching?.assessments.map((a) => a.kind)).toEqual(expect.arrayContaining(['roleplay', 'reflection', 'quiz']))
  })

  it('asks for reflection: at least three prompts for learners and the managers’ workshop', () => {
    const reflections = compiled.flatMap((l) =>
      l.assessments.filter((a) => a.kind === 'reflection').map((a) => `${l.courseSlug}/${a.id}`),
    )
    expect(reflections.filter((r) => r.startsWith('service-culture-foundations/')).length).toBeGreaterThanOrEqual(3)
    expect(reflections.filter((r) => r.startsWith('leading-a-service-culture/')).length).toBeGreaterThanOrEqual(3)
  })

  it('keeps lessons to 5–10 minutes of reading', () => {
    for (const lesson of compiled) {
      expect(lesson.frontmatter.minutes, lesson.slug).toBeGreaterThanOrEqual(5)
      expect(lesson.frontmatter.minutes, lesson.slug).toBeLessThanOrEqual(10)
      const words = lesson.source.replace(/<[^>]+>/g, ' ').split(/\s+/).length
      expect(words, `${lesson.slug} word count`).toBeGreaterThan(600)
    }
  })
})
