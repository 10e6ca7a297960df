import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { EmptyState, PageHeader } from '~/components/page-header'
import { CourseCard } from '~/components/course-card'
import { listCourses } from '~/models/my-learning.server'
import { requireUser } from '~/utils/require-user.server'

export const meta: MetaFunction = () => [{ title: 'Courses · Servewell' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'learn' })
  return json({ courses: await listCourses(user.id) })
}

export default function CoursesPage() {
  const { courses } = useLoaderData<typeof loader>()
  return (
    <>
      <PageHeader title="Courses" description="Everything you can learn here, with your progress in each." />
      {courses.length === 0 ? (
        <EmptyState title="No courses published yet">Courses appear here once a trainer publishes them.</EmptyState>
      ) : (
        <ul className="grid gap-6 md:grid-cols-2">
          {courses.map((c) => (
            <CourseCard key={c.slug} course={c} />
          ))}
        </ul>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
