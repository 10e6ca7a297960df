import path from 'node:path'
import type { AssessmentDefinition } from '~/domain/assessments'
import { checkContent } from '~/content/check.server'

/**
 * Every text a learner must not receive before answering: choice feedback, role-play
 * coaching, expert notes, endings and the scenes after the first. Short strings are
 * skipped, since they could appear in a lesson's prose by coincidence.
 */
export function secretsOf(assessments: AssessmentDefinition[]) {
  const secrets: string[] = []
  for (const a of assessments) {
    if (a.kind === 'quiz') for (const q of a.questions) for (const c of q.choices) secrets.push(c.feedback)
    if (a.kind === 'roleplay') {
      for (const s of a.scenes) {
        if (s.id !== a.start) secrets.push(s.customer)
        if (s.expert) secrets.push(s.expert)
        for (const o of s.options) secrets.push(o.feedback)
      }
      for (const e of a.endings) secrets.push(e.text)
    }
  }
  return secrets.filter((s) => s.length >= 24)
}

export async function publishedLessons(root = 'content') {
  const check = await checkContent(path.resolve(root))
  return check.lessons.flatMap((l) =>
    l.result.ok
      ? [
          {
            url: `/courses/${l.courseSlug}/${l.slug}`,
            title: l.result.frontmatter.title,
            secrets: secretsOf(l.result.assessments),
          },
        ]
      : [],
  )
}

export function decodeHtml(html: string) {
  return html
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}
