import { useEffect, useRef, useState } from 'react'
import type { EditorProblem, MountedEditor } from './codemirror.client'

/**
 * The lesson's MDX in CodeMirror, loaded in the browser only. Until it loads (or without
 * JavaScript) a plain textarea with the same name keeps the page usable.
 */
export function SourceEditor({
  id,
  name,
  label,
  defaultValue,
  problems,
  jumpTo,
  onChange,
}: {
  id: string
  name: string
  label: string
  defaultValue: string
  problems: EditorProblem[]
  jumpTo: { line: number; column: number; at: number } | null
  onChange: (source: string) => void
}) {
  const host = useRef<HTMLDivElement>(null)
  const editor = useRef<MountedEditor | null>(null)
  const [source, setSource] = useState(defaultValue)
  const [ready, setReady] = useState(false)
  const latest = useRef({ onChange, source })
  useEffect(() => {
    latest.current = { onChange, source }
  })

  useEffect(() => {
    let cancelled = false
    void import('./codemirror.client').then(({ mountEditor }) => {
      if (cancelled || !host.current) return
      editor.current = mountEditor(host.current, {
        // Whatever was typed into the textarea before the editor loaded carries over.
        doc: latest.current.source,
        label,
        onChange: (next) => {
          setSource(next)
          latest.current.onChange(next)
        },
      })
      setReady(true)
    })
    return () => {
      cancelled = true
      editor.current?.destroy()
      editor.current = null
    }
  }, [label])

  useEffect(() => {
    if (ready) editor.current?.showProblems(problems)
  }, [problems, ready])

  useEffect(() => {
    if (ready && jumpTo) editor.current?.goToLine(jumpTo.line, jumpTo.column)
  }, [jumpTo, ready])

  return (
    <div>
      <div
        ref={host}
        className="min-h-[28rem] overflow-hidden rounded-md border border-slate-300 bg-white text-sm [&_.cm-editor]:max-h-[75vh] [&_.cm-scroller]:font-mono"
        data-testid="source-editor"
        hidden={!ready}
      />
      {ready ? (
        <input type="hidden" name={name} value={source} />
      ) : (
        <textarea
          id={id}
          name={name}
          rows={28}
          spellCheck={false}
          aria-label={label}
          defaultValue={defaultValue}
          onChange={(e) => {
            setSource(e.target.value)
            onChange(e.target.value)
          }}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/40"
        />
      )}
    </div>
  )
}
