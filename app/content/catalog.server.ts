import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import type { Catalog } from './policy.server'
import { type ContentProblem, ProblemList } from './problems'
import { lineOf, readYamlFile } from './yaml-file.server'

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'use lowercase letters, digits and dashes')

export const frameworkSchema = z
  .object({
    levels: z
      .array(z.object({ id: slug, name: z.string().min(1), min: z.number().min(0).max(1) }).strict())
      .min(2)
      .refine((levels) => levels.every((l, i) => i === 0 || l.min > (levels[i - 1]?.min ?? 0)), 'levels must be listed lowest first with rising min')
      .refine((levels) => levels[0]?.min === 0, 'the first level must start at min 0'),
    minimumItems: z.number().int().min(1),
    competencies: z
      .array(
        z
          .object({
            id: slug,
            name: z.string().min(1),
            description: z.string().min(1),
            descriptors: z.record(z.string(), z.string().min(1)),
          })
          .strict(),
      )
      .min(1),
  })
  .strict()

export const principlesSchema = z
  .object({
    principles: z
      .array(z.object({ id: slug, name: z.string().min(1), competency: z.string(), summary: z.string().min(1) }).strict())
      .min(1),
  })
  .strict()

export const courseSchema = z
  .object({
    title: z.string().min(1).max(120),
    summary: z.string().min(1).max(500),
    audience: z.string().min(1).max(120),
    retakePolicy: z.enum(['latest', 'best']).default('latest'),
    modules: z
      .array(z.object({ id: slug, title: z.string().min(1), lessons: z.array(slug).min(1) }).strict())
      .min(1),
  })
  .strict()

export type Framework = z.infer<typeof frameworkSchema>
export type PrincipleEntry = z.infer<typeof principlesSchema>['principles'][number]
export type CourseFile = z.infer<typeof courseSchema>

export interface CourseEntry extends CourseFile {
  slug: string
  dir: string
  lessonFiles: { slug: string; moduleId: string; file: string }[]
}

export interface ContentTree {
  root: string
  framework: Framework | null
  principles: PrincipleEntry[]
  courses: CourseEntry[]
  catalog: Catalog
  problems: ContentProblem[]
}

/** Loads and cross-checks everything in content/ except the lessons' own MDX. */
export function loadContentTree(root: string): ContentTree {
  const problems: ContentProblem[] = []
  const rel = (p: string) => path.relative(process.cwd(), p) || p
  const listFor = (file: string) => new ProblemList(rel(file))
  const collect = (list: ProblemList) => problems.push(...list.items)

  const frameworkPath = path.join(root, 'competencies.yml')
  const frameworkProblems = listFor(frameworkPath)
  const framework = readYamlFile(frameworkPath, frameworkSchema, frameworkProblems)
  const competencyIds = new Set<string>()
  framework?.competencies.forEach((c, i) => {
    if (competencyIds.has(c.id)) frameworkProblems.add(`The competency id "${c.id}" is used twice.`, lineOf(frameworkPath, ['competencies', i, 'id']))
    competencyIds.add(c.id)
    for (const level of framework.levels)
      if (!c.descriptors[level.id])
        frameworkProblems.add(`Competency "${c.id}" has no descriptor for the level "${level.id}".`, lineOf(frameworkPath, ['competencies', i, 'descriptors']))
  })
  collect(frameworkProblems)

  const principlesPath = path.join(root, 'principles.yml')
  const principleProblems = listFor(principlesPath)
  const principleFile = readYamlFile(principlesPath, principlesSchema, principleProblems)
  const principleIds = new Set<string>()
  principleFile?.principles.forEach((p, i) => {
    if (principleIds.has(p.id)) principleProblems.add(`The principle id "${p.id}" is used twice.`, lineOf(principlesPath, ['principles', i, 'id']))
    principleIds.add(p.id)
    if (framework && !competencyIds.has(p.competency))
      principleProblems.add(`Principle "${p.id}" belongs to the unknown competency "${p.competency}".`, lineOf(principlesPath, ['principles', i, 'competency']))
  })
  collect(principleProblems)

  const courses: CourseEntry[] = []
  const coursesDir = path.join(root, 'courses')
  const courseDirs = fs.existsSync(coursesDir)
    ? fs.readdirSync(coursesDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : []
  for (const dirName of courseDirs) {
    const dir = path.join(coursesDir, dirName)
    const coursePath = path.join(dir, 'course.yml')
    const courseProblems = listFor(coursePath)
    if (!slug.safeParse(dirName).success) courseProblems.add(`The folder name "${dirName}" must be a slug (lowercase letters, digits, dashes).`)
    const course = readYamlFile(coursePath, courseSchema, courseProblems)
    if (course) {
      const seen = new Map<string, string>()
      const lessonFiles: CourseEntry['lessonFiles'] = []
      course.modules.forEach((mod, m) => {
        mod.lessons.forEach((lessonSlug, l) => {
          const where = lineOf(coursePath, ['modules', m, 'lessons', l])
          if (seen.has(lessonSlug)) {
            courseProblems.add(`The lesson "${lessonSlug}" is listed twice (also in module "${seen.get(lessonSlug)}").`, where)
            return
          }
          seen.set(lessonSlug, mod.id)
          const file = path.join(dir, `${lessonSlug}.mdx`)
          if (!fs.existsSync(file)) courseProblems.add(`The lesson file ${lessonSlug}.mdx does not exist.`, where)
          else lessonFiles.push({ slug: lessonSlug, moduleId: mod.id, file })
        })
      })
      const moduleIds = new Set<string>()
      course.modules.forEach((mod, m) => {
        if (moduleIds.has(mod.id)) courseProblems.add(`The module id "${mod.id}" is used twice.`, lineOf(coursePath, ['modules', m, 'id']))
        moduleIds.add(mod.id)
      })
      for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.mdx')).sort()) {
        if (!seen.has(file.slice(0, -4))) problems.push({ file: rel(path.join(dir, file)), line: 1, column: 1, message: `This lesson is not listed in ${dirName}/course.yml.` })
      }
      courses.push({ ...course, slug: dirName, dir, lessonFiles })
    }
    collect(courseProblems)
  }

  return {
    root,
    framework,
    principles: principleFile?.principles ?? [],
    courses,
    catalog: { competencies: competencyIds, principles: principleIds },
    problems,
  }
}
