import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Breadcrumbs, FlagCount, FlagList, Figures, HiddenFigures, InsightSection, Share } from '~/components/insights'
import { moodLabel } from '~/components/lesson/mood-meter'
import { PageHeader } from '~/components/page-header'
import { DataTable } from '~/components/ui/data-table'
import { SubmitButton, buttonClass, controlClassFor } from '~/components/ui/forms'
import { formatDate } from '~/domain/calendar'
import { MIN_GROUP, TOO_EASY_ABOVE, TOO_HARD_BELOW, formatDuration, percentOf } from '~/domain/item-statistics'
import { type LessonInsights, lessonInsights } from '~/models/insights.server'
import { lessonInsightsParams } from '~/utils/insights-params.server'
import { requireUser } from '~/utils/require-user.server'
import { invariantResponse } from '~/utils/responses.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.lesson.title ?? 'Lesson'} · Insights · Servewell` },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'content:author' })
  const { course, lesson, version } = lessonInsightsParams(request, params)
  const insights = await lessonInsights(user, course, lesson, version)
  invariantResponse(insights, version === null ? 'No such lesson.' : 'This lesson has no such version.')
  return json(insights)
}

type Data = LessonInsights

export default function LessonInsightsPage() {
  const data = useLoaderData<typeof loader>()
  const { course, lesson, version, versions } = data
  const base = `/author/insights/${course.slug}/${lesson.slug}`
  const versionQuery = version.published ? '' : `?version=${version.version}`
  // The studio editor; a flag opens it on the question's line.
  const editor = `/author/lessons/${course.slug}/${lesson.slug}`
  return (
    <>
      <Breadcrumbs
        items={[
          { to: '/author', label: 'Author' },
          { to: '/author/insights', label: 'Insights' },
          { to: `/author/insights/${course.slug}`, label: course.title },
        ]}
      />
      <PageHeader
        title={lesson.title}
        description={`Version ${version.version}${version.published ? ', the published one' : ', not the published one'}: how the learners in your organisation do on its questions and scenarios.`}
        actions={
          data.quizzes.length > 0 ? (
            <a href={`${base}/items.csv${versionQuery}`} className={buttonClass('secondary')} download>
              Export item statistics (CSV)
            </a>
          ) : null
        }
      />
      {versions.length > 1 ? (
        <Form method="get" className="mb-8 flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="version" className="block text-sm font-medium text-slate-800">
              Version
            </label>
            <select
              id="version"
              name="version"
              defaultValue={String(version.version)}
              className={`mt-1 ${controlClassFor()}`}
            >
              {versions.map((v) => (
                <option key={v.version} value={v.version}>
                  Version {v.version}
                  {v.published ? ' (published)' : ''} · {formatDate(v.createdAt)}
                </option>
              ))}
            </select>
          </div>
          <SubmitButton className={buttonClass('secondary')} pendingLabel="Loading…">
            Show
          </SubmitButton>
        </Form>
      ) : null}

      <div className="space-y-12">
        <Explainer />
        <CompletionSection data={data} />
        {data.quizzes.map((quiz) => (
          <InsightSection
            key={quiz.id}
            id={`quiz-${quiz.id}`}
            title={`Questions: ${quiz.title ?? 'the quiz'}`}
            description={
              quiz.draw
                ? `A pool: each attempt asks ${quiz.draw} of its ${quiz.questions.length} questions, so each question has its own group of learners.`
                : undefined
            }
          >
            <DataTable
              caption={`Item statistics: ${quiz.title ?? 'the quiz'}`}
              columns={[
                { label: 'Question' },
                { label: 'Learners', align: 'right' },
                { label: 'Facility', align: 'right' },
                { label: 'Discrimination', align: 'right' },
                { label: 'Flags' },
              ]}
              testId={`items-${quiz.id}`}
            >
              {quiz.questions.map((q, i) => (
                <tr key={q.questionId} data-question={q.questionId}>
                  <td className="min-w-64 px-4 py-3">
                    <a href={`#q-${quiz.id}-${q.questionId}`} className="line-clamp-3 text-brand-700 hover:underline">
                      {i + 1}. {q.stem}
                    </a>
                  </td>
                  {q.figures ? (
                    <>
                      <td className="px-4 py-3 text-right">{q.figures.learners}</td>
                      <td className="px-4 py-3 text-right">
                        <Share percent={q.figures.facility} />
                      </td>
                      <td className="px-4 py-3 text-right">{discrimination(q.figures.discrimination)}</td>
                      <td className="px-4 py-3">
                        <FlagCount flags={q.figures.flags} />
                      </td>
                    </>
                  ) : (
                    <td colSpan={4} className="px-4 py-3">
                      <HiddenFigures />
                    </td>
                  )}
                </tr>
              ))}
            </DataTable>
            <ol className="space-y-6">
              {quiz.questions.map((q, i) => (
                <li
                  key={q.questionId}
                  id={`q-${quiz.id}-${q.questionId}`}
                  className="scroll-mt-4 space-y-3 rounded-xl border border-slate-200 bg-white p-4 sm:p-6"
                >
                  <h3 className="font-semibold text-slate-900">
                    {i + 1}. {q.stem}
                  </h3>
                  <p className="text-sm text-slate-600">
                    {q.type === 'single' ? 'One answer' : 'Several answers'} · id <code>{q.questionId}</code>
                    {q.line !== null ? (
                      <>
                        {' · '}
                        <a href={`${editor}?line=${q.line}`} className="text-brand-700 underline">
                          line {q.line} in the editor
                        </a>
                      </>
                    ) : null}
                  </p>
                  {q.figures ? (
                    <>
                      <p className="text-sm text-slate-800">
                        {q.figures.learners} learners · facility {q.figures.facility}% · discrimination{' '}
                        {discrimination(q.figures.discrimination)}
                      </p>
                      <DataTable
                        caption={`Choices picked: question ${i + 1}`}
                        columns={[
                          { label: 'Choice' },
                          { label: 'Key' },
                          { label: 'Picked', align: 'right' },
                          { label: 'Of learners', align: 'right' },
                        ]}
                        compact
                      >
                        {q.figures.choices.map((c) => (
                          <tr key={c.id} data-choice={c.id}>
                            <td className="min-w-52 px-3 py-2">{c.label}</td>
                            <td className="px-3 py-2">
                              {c.correct ? (
                                <span className="font-semibold text-brand-800">Correct</span>
                              ) : (
                                <span className="text-slate-600">Wrong</span>
                              )}
                            </td>
                            <td className="px-3 py-2 text-right">{c.picks}</td>
                            <td className="px-3 py-2 text-right">
                              <Share percent={c.percent} />
                            </td>
                          </tr>
                        ))}
                      </DataTable>
                      <FlagList
                        flags={q.figures.flags}
                        editorHref={q.line !== null ? `${editor}?line=${q.line}` : null}
                      />
                    </>
                  ) : (
                    <>
                      <ul className="list-disc pl-5 text-sm text-slate-800">
                        {q.choices.map((c) => (
                          <li key={c.id}>
                            {c.label}
                            {c.correct ? <span className="font-semibold text-brand-800"> (correct)</span> : null}
                          </li>
                        ))}
                      </ul>
                      <HiddenFigures />
                    </>
                  )}
                </li>
              ))}
            </ol>
          </InsightSection>
        ))}
        {data.rolePlays.map((rp) => (
          <RolePlaySection key={rp.id} rp={rp} />
        ))}
        {data.quizzes.length === 0 && data.rolePlays.length === 0 ? (
          <p className="text-slate-700">This version has no quiz and no scenario.</p>
        ) : null}
      </div>
    </>
  )
}

function discrimination(value: number | null) {
  return value === null ? '—' : value.toFixed(2).replace('-', '−')
}

function Explainer() {
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-800">
      <summary className="cursor-pointer font-semibold">What these figures mean</summary>
      <ul className="mt-3 list-disc space-y-2 pl-5">
        <li>
          Each learner counts once per question, with their <strong>first answer</strong> to it: the first attempt that
          asked it, on any version. It counts for the version it was given on, and only in a graded attempt (practice
          comes after a pass, once the key has been seen).
        </li>
        <li>
          <strong>Facility</strong>: the share of those first answers that were right. Above {TOO_EASY_ABOVE}% is
          flagged too easy, below {TOO_HARD_BELOW}% too hard.
        </li>
        <li>
          <strong>Discrimination</strong>: the correlation (point-biserial, from −1 to 1) between getting this question
          right and the share of the other questions in the same attempt answered right. Good questions are answered
          right more often by learners who do well on the rest; a negative value is flagged. “—” means it cannot be
          computed (everyone got it right, or everyone wrong).
        </li>
        <li>
          <strong>Picked</strong>: how many learners picked each choice; for a question with several answers the shares
          add up to more than 100%.
        </li>
        <li>
          Scenarios count each learner’s graded run (their first to reach an ending). Attempts by trainers and admins
          are left out, and any group of fewer than {MIN_GROUP} learners shows no figures.
        </li>
        <li>Editor links open this version’s line numbers; a newer draft may have moved them.</li>
      </ul>
    </details>
  )
}

function CompletionSection({ data }: { data: Data }) {
  const { completion, stops } = data
  return (
    <InsightSection
      id="completion"
      title="Completion"
      description="Over every version of the lesson. Started: did anything in it (a quiz, a scenario, a reflection or its completion)."
    >
      {completion ? (
        <Figures
          items={[
            { label: 'Started', value: completion.started },
            { label: 'Completed', value: `${completion.completed} (${completion.percent}%)` },
            {
              label: 'Median time to complete',
              value: formatDuration(completion.medianSeconds),
              hint:
                completion.timed === 0
                  ? 'Not measured: nobody who completed it has a quiz or scenario attempt to start the clock.'
                  : `From a learner’s first quiz submitted or scenario started to the lesson’s completion, over ${completion.timed} learners. Reading before that is not recorded.`,
            },
          ]}
        />
      ) : (
        <HiddenFigures />
      )}
      <h3 className="text-lg font-semibold">Where people stop</h3>
      {stops ? (
        <>
          <p className="max-w-3xl text-sm text-slate-700">
            {stops.learners} learners started the lesson and have not completed it. What they still have to do:
          </p>
          {stops.work.length > 0 ? (
            <DataTable
              caption="What learners who have not completed the lesson still have to do"
              columns={[
                { label: 'Quiz or scenario' },
                { label: 'Not passed or finished', align: 'right' },
                { label: 'Of whom tried it', align: 'right' },
              ]}
              testId="lesson-stops"
            >
              {stops.work.map((w) => (
                <tr key={w.id}>
                  <td className="px-4 py-3">
                    {w.kind === 'quiz' ? 'Quiz' : 'Scenario'}: {w.title}
                  </td>
                  <td className="px-4 py-3 text-right">
                    <Share percent={percentOf(w.notDone, stops.learners) ?? 0}>{w.notDone}</Share>
                  </td>
                  <td className="px-4 py-3 text-right">{w.tried}</td>
                </tr>
              ))}
            </DataTable>
          ) : (
            <p className="text-sm text-slate-700">
              The lesson has no quiz or scenario: they have not marked it complete.
            </p>
          )}
        </>
      ) : (
        <HiddenFigures what="Learners who have not completed it" />
      )}
    </InsightSection>
  )
}

function RolePlaySection({ rp }: { rp: Data['rolePlays'][number] }) {
  return (
    <InsightSection
      id={`rp-${rp.id}`}
      title={`Scenario: ${rp.title}`}
      description="Each learner’s graded run: their first to reach an ending."
    >
      {rp.runs ? (
        <>
          <Figures
            items={[
              { label: 'Runs counted', value: rp.runs.count },
              {
                label: 'Customer mood at the end',
                value: moodLabel(rp.runs.averageMood),
                hint: `Average ${rp.runs.averageMood} on a scale from −3 to +3.`,
              },
            ]}
          />
          <div className="grid gap-4 lg:grid-cols-2">
            <DataTable
              caption={`Endings reached: ${rp.title}`}
              columns={[{ label: 'Ending' }, { label: 'Outcome' }, { label: 'Runs', align: 'right' }]}
              compact
              testId={`endings-${rp.id}`}
            >
              {rp.runs.endings.map((e) => (
                <tr key={e.id}>
                  <td className="px-3 py-2">{e.title}</td>
                  <td className="px-3 py-2">{e.outcome}</td>
                  <td className="px-3 py-2 text-right">
                    <Share percent={e.percent}>
                      {e.runs} ({e.percent}%)
                    </Share>
                  </td>
                </tr>
              ))}
            </DataTable>
            <DataTable
              caption={`Customer mood at the end: ${rp.title}`}
              columns={[{ label: 'Mood at the end' }, { label: 'Runs', align: 'right' }]}
              compact
            >
              {rp.runs.moods.map((m) => (
                <tr key={m.mood}>
                  <td className="px-3 py-2">
                    {moodLabel(m.mood)} ({m.mood > 0 ? `+${m.mood}` : m.mood})
                  </td>
                  <td className="px-3 py-2 text-right">
                    <Share percent={m.percent}>
                      {m.runs} ({m.percent}%)
                    </Share>
                  </td>
                </tr>
              ))}
            </DataTable>
          </div>
          <h3 className="text-lg font-semibold">Choices, scene by scene</h3>
          <ol className="space-y-4">
            {rp.runs.scenes.map((scene) => (
              <li key={scene.id} className="rounded-xl border border-slate-200 bg-white p-4" data-scene={scene.id}>
                <p className="text-sm text-slate-600">
                  Scene <code>{scene.id}</code>
                  {scene.figures ? ` · reached in ${scene.figures.runs} runs` : ''}
                </p>
                <p className="mt-1 font-medium text-slate-900">“{scene.customer}”</p>
                {scene.figures ? (
                  <DataTable
                    caption={`Replies chosen in scene ${scene.id}`}
                    columns={[{ label: 'Reply' }, { label: 'Chosen', align: 'right' }]}
                    compact
                    className="mt-3"
                  >
                    {scene.figures.options.map((o) => (
                      <tr key={o.id} data-option={o.id}>
                        <td className="min-w-52 px-3 py-2">{o.label}</td>
                        <td className="px-3 py-2 text-right">
                          <Share percent={o.percent}>
                            {o.decisions} ({o.percent}%)
                          </Share>
                        </td>
                      </tr>
                    ))}
                  </DataTable>
                ) : (
                  <div className="mt-2">
                    <HiddenFigures what="Runs that reached this scene" />
                  </div>
                )}
              </li>
            ))}
          </ol>
        </>
      ) : (
        <HiddenFigures what="Runs counted" />
      )}
      <h3 className="text-lg font-semibold">Where learners stop</h3>
      <p className="max-w-3xl text-sm text-slate-700">
        Learners who started this scenario and never reached an ending, by the scene their latest run stands at.
      </p>
      {rp.stops ? (
        <DataTable
          caption={`Where learners stop: ${rp.title}`}
          columns={[{ label: 'Scene' }, { label: 'Learners', align: 'right' }]}
          compact
          testId={`stops-${rp.id}`}
        >
          {rp.stops.scenes.map((s) => (
            <tr key={s.id}>
              <td className="px-3 py-2">
                <code>{s.id}</code>: “{s.customer}”
              </td>
              <td className="px-3 py-2 text-right">{s.learners}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <HiddenFigures what="Learners who stopped" />
      )}
    </InsightSection>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
