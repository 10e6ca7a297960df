import type {
  AssessmentDefinition,
  ChoiceDefinition,
  EndingDefinition,
  MoodBranch,
  OptionDefinition,
  QuestionDefinition,
  QuizDefinition,
  RolePlayDefinition,
  SceneDefinition,
} from '~/domain/assessments'
import { type MdNode, findComponents, isJsxElement, plainText } from './mdast'
import type { ComponentUse } from './policy.server'
import type { ProblemList } from './problems'

/** Props that stay in the page: everything a learner may see before answering. */
const publicProps: Record<string, readonly string[]> = {
  Quiz: ['id', 'title', 'passMark'],
  Question: ['id', 'type'],
  Choice: ['id'],
  RolePlay: ['id', 'title'],
}

const childComponents = findComponents

/**
 * Lifts every Quiz and RolePlay out of the lesson into server-side definitions, and
 * strips the page's copy down to its public props. Role-plays leave only their id and
 * title: scenes are served one at a time while the learner plays.
 */
export function extractAssessments(tree: MdNode, uses: Map<MdNode, ComponentUse>, problems: ProblemList) {
  const definitions: AssessmentDefinition[] = []
  const seenIds = new Map<string, MdNode>()
  const claim = (id: string, node: MdNode, what: string) => {
    if (seenIds.has(id)) problems.add(`Two assessments in this lesson use the id "${id}"; ${what} ids must be unique.`, node.position)
    seenIds.set(id, node)
  }

  const walk = (node: MdNode) => {
    if (isJsxElement(node)) {
      const use = uses.get(node)
      if (use?.name === 'Quiz') {
        const quiz = readQuiz(use, uses, problems)
        claim(quiz.id, node, 'quiz')
        definitions.push(quiz)
        stripToPublic(node)
        return
      }
      if (use?.name === 'RolePlay') {
        const rolePlay = readRolePlay(use, uses, problems)
        claim(rolePlay.id, node, 'role-play')
        definitions.push(rolePlay)
        node.children = []
        stripToPublic(node)
        return
      }
      if (use?.name === 'Reflection') {
        claim(String(use.props.id), node, 'reflection')
        definitions.push({ kind: 'reflection', id: String(use.props.id), prompt: String(use.props.prompt) })
      }
    }
    for (const child of node.children ?? []) walk(child)
  }
  walk(tree)
  return definitions
}

function stripToPublic(node: MdNode) {
  if (isJsxElement(node)) {
    const keep = publicProps[node.name ?? ''] ?? []
    node.attributes = (node.attributes ?? []).filter((a) => a.type === 'mdxJsxAttribute' && keep.includes(a.name ?? ''))
  }
  for (const child of node.children ?? []) stripToPublic(child)
}

function readQuiz(use: ComponentUse, uses: Map<MdNode, ComponentUse>, problems: ProblemList): QuizDefinition {
  const questions: QuestionDefinition[] = []
  const ids = new Set<string>()
  for (const qNode of childComponents(use.node, 'Question')) {
    const q = uses.get(qNode)
    if (!q) continue
    const id = String(q.props.id)
    if (ids.has(id)) problems.add(`Quiz "${use.props.id}" has two questions with the id "${id}".`, qNode.position)
    ids.add(id)
    const choices: ChoiceDefinition[] = []
    const choiceIds = new Set<string>()
    for (const cNode of childComponents(qNode, 'Choice')) {
      const c = uses.get(cNode)
      if (!c) continue
      const choiceId = String(c.props.id)
      if (choiceIds.has(choiceId)) problems.add(`Question "${id}" has two choices with the id "${choiceId}".`, cNode.position)
      choiceIds.add(choiceId)
      const label = plainText(cNode)
      if (!label) problems.add(`Choice "${choiceId}" has no label: write the answer text between <Choice> and </Choice>.`, cNode.position)
      choices.push({
        id: choiceId,
        label,
        correct: c.props.correct === true,
        feedback: String(c.props.feedback),
        ...(c.props.pin === true ? { pinned: true } : {}),
      })
    }
    const stem = plainText(qNode, (n) => isJsxElement(n) && n.name === 'Choice').trim()
    if (!stem) problems.add(`Question "${id}" has no question text before its choices.`, qNode.position)
    const correct = choices.filter((c) => c.correct).length
    if (choices.length < 2) problems.add(`Question "${id}" needs at least two choices.`, qNode.position)
    if (correct === 0) problems.add(`Question "${id}" has no correct choice: mark the right answer with correct.`, qNode.position)
    if (q.props.type === 'single' && correct > 1)
      problems.add(`Question "${id}" is single-choice but marks ${correct} choices correct; use type="multiple" or mark one.`, qNode.position)
    questions.push({
      id,
      type: q.props.type as 'single' | 'multiple',
      stem,
      competencies: q.props.competencies as string[],
      principles: q.props.principles as string[],
      points: Number(q.props.points),
      choices,
    })
  }
  if (questions.length === 0) problems.add(`Quiz "${use.props.id}" has no questions.`, use.node.position)
  const draw = typeof use.props.draw === 'number' ? use.props.draw : undefined
  if (draw !== undefined && draw > questions.length)
    problems.add(
      `Quiz "${use.props.id}" draws ${draw} questions but its pool has ${questions.length}; add questions or draw fewer.`,
      use.node.position,
    )
  return {
    kind: 'quiz',
    id: String(use.props.id),
    title: typeof use.props.title === 'string' ? use.props.title : null,
    passMark: Number(use.props.passMark),
    ...(draw !== undefined && draw < questions.length ? { draw } : {}),
    questions,
  }
}

function readRolePlay(use: ComponentUse, uses: Map<MdNode, ComponentUse>, problems: ProblemList): RolePlayDefinition {
  const rpId = String(use.props.id)
  const scenes: SceneDefinition[] = []
  const endings: EndingDefinition[] = []
  const positions = new Map<string, MdNode>()
  const claim = (id: string, node: MdNode) => {
    if (positions.has(id)) problems.add(`Role-play "${rpId}" uses the id "${id}" twice; scene and ending ids must be unique.`, node.position)
    positions.set(id, node)
  }

  const parts = [...findComponents(use.node, 'Scene'), ...findComponents(use.node, 'Ending')]
  const stray = plainText(use.node, (n) => isJsxElement(n) && (n.name === 'Scene' || n.name === 'Ending')).trim()
  if (stray) problems.add(`Role-play "${rpId}" may contain only <Scene> and <Ending>; move the text "${stray.slice(0, 40)}" into a scene.`, use.node.position)
  for (const child of parts) {
    const childUse = uses.get(child)
    if (!childUse) continue
    if (childUse.name === 'Ending') {
      claim(String(childUse.props.id), child)
      endings.push({
        id: String(childUse.props.id),
        title: String(childUse.props.title),
        outcome: childUse.props.outcome as EndingDefinition['outcome'],
        text: plainText(child),
      })
    } else if (childUse.name === 'Scene') {
      const sceneId = String(childUse.props.id)
      claim(sceneId, child)
      const customers = childComponents(child, 'Customer')
      const experts = childComponents(child, 'Expert')
      if (customers.length !== 1) problems.add(`Scene "${sceneId}" needs exactly one <Customer> line.`, child.position)
      if (experts.length > 1) problems.add(`Scene "${sceneId}" has more than one <Expert> note.`, child.position)
      const options: OptionDefinition[] = []
      const optionIds = new Set<string>()
      for (const oNode of childComponents(child, 'Option')) {
        const o = uses.get(oNode)
        if (!o) continue
        const optionId = String(o.props.id)
        if (optionIds.has(optionId)) problems.add(`Scene "${sceneId}" has two options with the id "${optionId}".`, oNode.position)
        optionIds.add(optionId)
        const label = plainText(oNode)
        if (!label) problems.add(`Option "${optionId}" has no text: write the reply between <Option> and </Option>.`, oNode.position)
        options.push({
          id: optionId,
          label,
          next: o.props.next as string | MoodBranch[],
          mood: Number(o.props.mood),
          points: o.props.points as Record<string, number>,
          principles: o.props.principles as string[],
          feedback: String(o.props.feedback),
          ...(o.props.pin === true ? { pinned: true } : {}),
        })
      }
      if (options.length < 2) problems.add(`Scene "${sceneId}" needs at least two <Option>s to choose from.`, child.position)
      scenes.push({
        id: sceneId,
        customer: customers[0] ? plainText(customers[0]) : '',
        expert: experts[0] ? plainText(experts[0]) : null,
        options,
      })
    }
  }

  const definition: RolePlayDefinition = {
    kind: 'roleplay',
    id: rpId,
    title: String(use.props.title),
    start: String(use.props.start),
    mood: Number(use.props.mood),
    scenes,
    endings,
  }
  checkRolePlayGraph(definition, positions, use.node, problems)
  return definition
}

export function targetsOf(option: OptionDefinition): string[] {
  return typeof option.next === 'string' ? [option.next] : option.next.map((b) => b.to)
}

/** Every target exists, every scene and ending is reachable from the start, and no path loops. */
function checkRolePlayGraph(rp: RolePlayDefinition, positions: Map<string, MdNode>, rpNode: MdNode, problems: ProblemList) {
  const sceneById = new Map(rp.scenes.map((s) => [s.id, s]))
  const endingIds = new Set(rp.endings.map((e) => e.id))
  if (rp.endings.length === 0) problems.add(`Role-play "${rp.id}" has no <Ending>.`, rpNode.position)
  if (!sceneById.has(rp.start)) {
    problems.add(`Role-play "${rp.id}" starts at "${rp.start}", which is not one of its scenes.`, rpNode.position)
    return
  }
  for (const scene of rp.scenes) {
    for (const option of scene.options) {
      if (Array.isArray(option.next)) {
        const last = option.next[option.next.length - 1]
        if (last && (last.minMood !== undefined || last.maxMood !== undefined))
          problems.add(`Option "${option.id}" in scene "${scene.id}": the last branch of next must have no mood condition, so some branch always applies.`, positions.get(scene.id)?.position)
      }
      for (const target of targetsOf(option))
        if (!sceneById.has(target) && !endingIds.has(target))
          problems.add(`Option "${option.id}" in scene "${scene.id}" leads to "${target}", which is neither a scene nor an ending.`, positions.get(scene.id)?.position)
    }
  }

  const reached = new Set<string>()
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (id: string, from: string | null) => {
    reached.add(id)
    const scene = sceneById.get(id)
    if (!scene) return
    if (state.get(id) === 'visiting') {
      problems.add(`Role-play "${rp.id}" loops: scene "${from}" leads back to "${id}". Every path must end at an <Ending>.`, positions.get(from ?? id)?.position)
      return
    }
    if (state.get(id) === 'done') return
    state.set(id, 'visiting')
    for (const option of scene.options) for (const target of targetsOf(option)) visit(target, id)
    state.set(id, 'done')
  }
  visit(rp.start, null)
  for (const [id, node] of positions)
    if (!reached.has(id))
      problems.add(`${sceneById.has(id) ? 'Scene' : 'Ending'} "${id}" in role-play "${rp.id}" can never be reached from the start scene "${rp.start}".`, node.position)
}
