import { Link } from '@remix-run/react'
import { ProgressBar } from './progress-bar'

export interface CourseSummary {
  slug: string
  title: string
  summary: string
  audience: string
  lessons: number
  minutes: number
  completed: number
}

/** A course in a list: what it is, how long it takes, and how far the learner has got. */
export function CourseCard({ course, headingLevel = 2 }: { course: CourseSummary; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <li className="flex flex-col rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <p className="text-sm text-slate-600">
        {course.audience} · {course.lessons} lessons · about {course.minutes} min
      </p>
      <Heading className="mt-1 text-xl font-semibold">
        <Link to={`/courses/${course.slug}`} className="hover:text-brand-700 hover:underline">
          {course.title}
        </Link>
      </Heading>
      <p className="mt-2 flex-1 text-slate-700">{course.summary}</p>
      <div className="mt-4">
        <ProgressBar value={course.completed} total={course.lessons} label="Lessons completed" />
      </div>
    </li>
  )
}
