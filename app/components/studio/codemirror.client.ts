import { type CompletionContext, autocompletion, snippetCompletion } from '@codemirror/autocomplete'
import { markdown } from '@codemirror/lang-markdown'
import { type Diagnostic, lintGutter, setDiagnostics } from '@codemirror/lint'
import { EditorSelection, EditorState } from '@codemirror/state'
import { EditorView } from '@codemirror/view'
import { basicSetup } from 'codemirror'

/** The allow-listed lesson components, as snippets offered after "<" (content/README.md lists their props). */
const componentSnippets = [
  snippetCompletion('Callout tone="${note}" title="${Title}">\n${text}\n</Callout>', {
    label: '<Callout>',
    detail: 'boxed aside',
  }),
  snippetCompletion('KeyIdea title="${Title}">\n${The one thing to remember}\n</KeyIdea>', {
    label: '<KeyIdea>',
    detail: 'key idea',
  }),
  snippetCompletion('Example title="${Title}">\n${A worked situation}\n</Example>', {
    label: '<Example>',
    detail: 'worked example',
  }),
  snippetCompletion('MissionStatement />', { label: '<MissionStatement />', detail: 'the organisation’s mission' }),
  snippetCompletion('Reflection id="${id}" prompt="${Question for the learner}" />', {
    label: '<Reflection>',
    detail: 'free-text answer',
  }),
  snippetCompletion(
    'Quiz id="${quiz-id}" title="${Title}" passMark={75} draw={4}>\n\n<Question id="${q1}" type="single" competencies={["${competency}"]} principles={["${principle}"]}>\n\n${Stem}\n\n<Choice id="a" correct={true} feedback="${Why it is right}">\n${Right answer}\n</Choice>\n\n<Choice id="b" feedback="${What it misses}">\n${Plausible mistake}\n</Choice>\n\n</Question>\n\n</Quiz>',
    { label: '<Quiz>', detail: 'quiz with one question' },
  ),
  snippetCompletion(
    'Question id="${id}" type="${single}" competencies={["${competency}"]} principles={["${principle}"]}>\n\n${Stem}\n\n<Choice id="a" correct={true} feedback="${Why}">\n${Answer}\n</Choice>\n\n</Question>',
    { label: '<Question>', detail: 'quiz question' },
  ),
  snippetCompletion('Choice id="${id}" feedback="${Why}">\n${Answer}\n</Choice>', {
    label: '<Choice>',
    detail: 'answer choice',
  }),
  snippetCompletion(
    'RolePlay id="${id}" title="${Title}" start="${first}" mood={0}>\n\n<Scene id="${first}">\n<Customer>\n${What the customer says}\n</Customer>\n<Option id="${a}" next="${good-end}" mood={1} points={{"${competency}": 2}} principles={["${principle}"]} feedback="${Why}">\n${Reply}\n</Option>\n</Scene>\n\n<Ending id="${good-end}" title="${Title}" outcome="good">\n${Epilogue}\n</Ending>\n\n</RolePlay>',
    { label: '<RolePlay>', detail: 'branching scenario' },
  ),
  snippetCompletion('Scene id="${id}">\n<Customer>\n${Line}\n</Customer>\n</Scene>', {
    label: '<Scene>',
    detail: 'role-play scene',
  }),
  snippetCompletion(
    'Option id="${id}" next="${target}" mood={${0}} points={{"${competency}": 1}} principles={["${principle}"]} feedback="${Why}">\n${Reply}\n</Option>',
    { label: '<Option>', detail: 'reply in a scene' },
  ),
  snippetCompletion('Ending id="${id}" title="${Title}" outcome="${good}">\n${Epilogue}\n</Ending>', {
    label: '<Ending>',
    detail: 'where a path ends',
  }),
]

function components(context: CompletionContext) {
  const before = context.matchBefore(/<\w*/)
  if (!before || (before.from === before.to && !context.explicit)) return null
  return { from: before.from + 1, options: componentSnippets, validFor: /^\w*$/ }
}

export interface EditorProblem {
  line: number
  column: number
  message: string
}

export interface MountedEditor {
  showProblems: (problems: EditorProblem[]) => void
  goToLine: (line: number, column?: number) => void
  destroy: () => void
}

/** Where a checker's line:column falls in the document, clamped so a stale position still lands. */
function offsetOf(state: EditorState, line: number, column: number) {
  const l = state.doc.line(Math.max(1, Math.min(line, state.doc.lines)))
  return Math.min(l.from + Math.max(0, column - 1), l.to)
}

export function mountEditor(
  parent: HTMLElement,
  options: { doc: string; label: string; onChange: (source: string) => void },
): MountedEditor {
  // Strict CSP: CodeMirror's style elements carry the page's nonce, read from Remix's scripts.
  const nonce = document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce ?? ''
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.doc,
      extensions: [
        basicSetup,
        markdown(),
        lintGutter(),
        autocompletion({ override: [components] }),
        EditorView.lineWrapping,
        EditorView.cspNonce.of(nonce),
        EditorView.contentAttributes.of({ 'aria-label': options.label }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(update.state.doc.toString())
        }),
      ],
    }),
  })
  return {
    showProblems: (problems) => {
      const diagnostics: Diagnostic[] = problems.map((p) => {
        const from = offsetOf(view.state, p.line, p.column)
        return {
          from,
          to: Math.min(view.state.doc.lineAt(from).to, from + 1) || from,
          severity: 'error',
          message: p.message,
        }
      })
      view.dispatch(setDiagnostics(view.state, diagnostics))
    },
    goToLine: (line, column = 1) => {
      const pos = offsetOf(view.state, line, column)
      view.dispatch({
        selection: EditorSelection.cursor(pos),
        effects: EditorView.scrollIntoView(pos, { y: 'center' }),
      })
      view.focus()
    },
    destroy: () => view.destroy(),
  }
}
