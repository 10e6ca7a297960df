import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { EmptyState, PageHeader } from '~/components/page-header'
import { CourseCard } from '~/components/course-card'
import { listCourses } from '~/models/courses.server'
import { getProfile } from '~/models/profile.server'
import { formatDate } from '~/utils/dates'
import { requireUser } from '~/utils/require-user.server'

export const meta: MetaFunction = () => [{ title: 'Learn · Servewell' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'learn' })
  const [profile, courses] = await Promise.all([getProfile(user.id), listCourses(user.id)])
  return json({ profile, courses })
}

export default function LearnPage() {
  const { profile, courses } = useLoaderData<typeof loader>()
  const firstName = profile.name.split(' ')[0]
  return (
    <>
      <PageHeader
        title={`Welcome, ${firstName}`}
        description="Your onboarding courses, lessons and practice scenarios live here."
      />
      <dl className="mb-8 grid gap-4 sm:grid-cols-3">
        <ProfileFact label="Team" value={profile.teamName ?? 'Not in a team yet'} />
        <ProfileFact label="Manager" value={profile.managerName ?? 'No manager set'} />
        <ProfileFact label="Started" value={formatDate(profile.hiredAt, 'Not recorded')} />
      </dl>
      <h2 className="mb-4 text-xl font-semibold">Your courses</h2>
      {courses.length === 0 ? (
        <EmptyState title="No courses published yet">Courses appear here once a trainer publishes them.</EmptyState>
      ) : (
        <ul className="grid gap-6 md:grid-cols-2">
          {courses.map((c) => (
            <CourseCard key={c.slug} course={c} headingLevel={3} />
          ))}
        </ul>
      )}
    </>
  )
}

function ProfileFact({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-1 font-medium">{value}</dd>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
