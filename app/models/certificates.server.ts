import { type SQL, and, eq } from 'drizzle-orm'
import { certificates, courses, organisations, users } from '#db/schema'
import { newCertificateCode, normaliseCertificateCode } from '~/domain/certificate-code'
import { getDb } from '~/utils/db.server'
import { completedCourses } from './my-learning.server'

export type CertificateView = NonNullable<Awaited<ReturnType<typeof readCertificate>>>

/** Exactly what a certificate shows, and so all that /verify may tell anyone who has its code. */
async function readCertificate(where: SQL | undefined) {
  const [row] = await getDb()
    .select({
      code: certificates.code,
      completedOn: certificates.completedOn,
      learnerName: users.name,
      courseSlug: courses.slug,
      courseTitle: courses.title,
      organisationName: organisations.name,
    })
    .from(certificates)
    .innerJoin(users, eq(users.id, certificates.userId))
    .innerJoin(courses, eq(courses.id, certificates.courseId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(where)
  return row ?? null
}

/**
 * The learner's certificate for a course, issued on first asking once they have finished every
 * lesson; null while they have not. A certificate already issued stays, whatever the course
 * became since. Two tabs or a double click race to issue: the unique learner-and-course key
 * lets one insert win and the others do nothing, and every request then reads the winner's code.
 */
export async function certificateFor(userId: string, courseSlug: string) {
  const mine = and(eq(certificates.userId, userId), eq(courses.slug, courseSlug))
  const issued = await readCertificate(mine)
  if (issued) return issued
  const course = (await completedCourses(userId)).find((c) => c.slug === courseSlug)
  if (!course) return null
  await getDb()
    .insert(certificates)
    .values({ code: newCertificateCode(), userId, courseId: course.id, completedOn: course.completedOn })
    .onConflictDoNothing({ target: [certificates.userId, certificates.courseId] })
  return readCertificate(mine)
}

/** The certificate a typed code names, or null for a code nobody holds or that cannot be one. Public. */
export async function verifyCertificate(typed: string) {
  const code = normaliseCertificateCode(typed)
  return code ? readCertificate(eq(certificates.code, code)) : null
}
