/**
 * One tour open for editing: its stops, the 3D view beside the writing panel, undo/redo (buttons
 * and Ctrl/Cmd+Z, Ctrl+Shift+Z, Ctrl+Y), Save (refused by the server when the file changed on
 * disk meanwhile: then reload it and reapply these edits), the problems found as one types, and
 * the previews.
 */
import { useEffect, useRef, useState } from 'react'
import { localize } from '../../../src/core/i18n/i18n'
import { api, ApiError, type Problem } from '../api/api'
import { useEdits, useStoresRaw, useT, useUi } from '../state/context'
import { Viewport } from '../view/Viewport'
import { ProblemList } from '../writing/fields'
import { localProblems, mergeProblems } from '../writing/problems'
import { WritingPanel } from '../writing/WritingPanel'
import { Preview } from './Preview'

/** The server's full check runs this long after the last keystroke. */
const CHECK_DEBOUNCE_MS = 400

type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; files: string[] }
  | { kind: 'conflict' }
  | { kind: 'problems'; count: number }
  | { kind: 'failed'; message: string }

export function TourEditor({ onBack }: { onBack: () => void }) {
  const t = useT()
  const { edits, ui } = useStoresRaw()
  const tour = useEdits((s) => s.tour)
  const tourId = useEdits((s) => s.tourId)
  const dirty = useEdits((s) => s.dirty)
  const draftKept = useEdits((s) => s.draftKept)
  const past = useEdits((s) => s.past)
  const future = useEdits((s) => s.future)
  const lang = useUi((s) => s.lang)
  const stopIndex = useUi((s) => s.stopIndex)
  const problems = useUi((s) => s.problems)
  const checkError = useUi((s) => s.checkError)
  const [save, setSave] = useState<SaveState>({ kind: 'idle' })
  const server = useRef<Problem[]>([])

  useKeyboardUndo()

  // Problems as typed: the schema's at once, the server's full check when typing pauses.
  useEffect(() => {
    if (!tour) return
    const local = localProblems(tour)
    // The last server check stands until the next one answers (a few hundred ms).
    ui.getState().set({ problems: mergeProblems(server.current, local) })
    const abort = new AbortController()
    const timer = setTimeout(() => {
      api
        .check(tour, lang, abort.signal)
        .then(({ problems: found }) => {
          server.current = found
          ui.getState().set({ problems: mergeProblems(found, local), checkError: null })
        })
        .catch((e: unknown) => {
          if ((e as Error).name === 'AbortError' || abort.signal.aborted) return
          server.current = []
          ui.getState().set({ problems: local, checkError: (e as Error).message })
        })
    }, CHECK_DEBOUNCE_MS)
    return () => {
      clearTimeout(timer)
      abort.abort()
    }
  }, [tour, lang, ui])

  if (!tour || !tourId) return <p>{t('tour.loading')}</p>

  const doSave = async () => {
    const { tour: now, baseVersion } = edits.getState()
    if (!now) return
    setSave({ kind: 'saving' })
    try {
      const result = await api.save(tourId, now, baseVersion)
      edits.getState().saved(result.version)
      setSave({ kind: 'saved', files: result.written })
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setSave({ kind: 'conflict' })
      else if (e instanceof ApiError && e.status === 422) {
        const found = (e.body['problems'] as Problem[] | undefined) ?? []
        ui.getState().set({ problems: mergeProblems(found, localProblems(now)) })
        setSave({ kind: 'problems', count: found.length })
      } else setSave({ kind: 'failed', message: (e as Error).message })
    }
  }
  const reapply = async () => {
    try {
      const { tour: fresh, version } = await api.tour(tourId)
      edits.getState().reapply(fresh, version)
      setSave({ kind: 'idle' })
    } catch (e) {
      setSave({ kind: 'failed', message: (e as Error).message })
    }
  }
  const last = past[past.length - 1]
  const next = future[0]
  const errors = problems.filter((p) => p.severity === 'error').length
  return (
    <div className="editor">
      <div className="editor-bar">
        <button type="button" onClick={onBack}>
          ← {t('tours.back')}
        </button>
        <h1>{localize(tour.title, lang) || tourId}</h1>
        <div className="row" role="group" aria-label={t('edit.history')}>
          <button
            type="button"
            disabled={!last}
            onClick={() => edits.getState().undo()}
            aria-keyshortcuts="Control+Z Meta+Z"
            title={last ? t('edit.undoWhat', { what: t(last.label) }) : undefined}
          >
            {t('edit.undo')}
          </button>
          <button
            type="button"
            disabled={!next}
            onClick={() => edits.getState().redo()}
            aria-keyshortcuts="Control+Shift+Z Control+Y Meta+Shift+Z"
            title={next ? t('edit.redoWhat', { what: t(next.label) }) : undefined}
          >
            {t('edit.redo')}
          </button>
        </div>
        <button
          type="button"
          className="primary"
          onClick={() => void doSave()}
          disabled={save.kind === 'saving'}
        >
          {save.kind === 'saving' ? t('tour.saving') : t('tour.save')}
        </button>
        <p className="status" role="status">
          {save.kind === 'saved' && !dirty
            ? t('tour.saved', { files: save.files.join(', ') })
            : dirty
              ? t('tour.unsaved')
              : t('tour.savedClean')}
          {!draftKept ? ` ${t('tour.draftNotKept')}` : ''}
        </p>
      </div>
      {save.kind === 'conflict' ? (
        <div className="notice warn" role="alert">
          <p>{t('tour.conflict')}</p>
          <button type="button" onClick={() => void reapply()}>
            {t('tour.reapply')}
          </button>
        </div>
      ) : null}
      {save.kind === 'problems' ? (
        <div className="notice warn" role="alert">
          {t('tour.notSavedProblems', { count: save.count })}
        </div>
      ) : null}
      {save.kind === 'failed' ? (
        <div className="notice warn" role="alert">
          {t('tour.saveFailed', { message: save.message })}
        </div>
      ) : null}
      <nav aria-label={t('tour.stops')} className="stop-tabs">
        {tour.stops.map((s, i) => (
          <button
            key={`${s.id}-${i}`}
            type="button"
            aria-current={i === stopIndex ? 'page' : undefined}
            onClick={() => ui.getState().set({ stopIndex: i, selection: null, pendingArea: [] })}
          >
            {localize(s.title, lang) || s.id}
          </button>
        ))}
      </nav>
      <main id="editor" className="workspace">
        <Viewport />
        <WritingPanel />
      </main>
      <section aria-labelledby="all-problems" className="all-problems">
        <h2 id="all-problems">
          {t('checks.heading')} · {errors ? t('checks.count', { count: errors }) : t('checks.none')}
        </h2>
        {checkError ? <p className="meta">{t('checks.serverDown', { message: checkError })}</p> : null}
        <ProblemList problems={problems} />
      </section>
      <Preview tourId={tourId} stopId={tour.stops[stopIndex]?.id ?? ''} />
    </div>
  )
}

/** Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z and Ctrl+Y redo, in a text field too (the studio's history, not the field's). */
function useKeyboardUndo() {
  const { edits } = useStoresRaw()
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return
      const key = e.key.toLowerCase()
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault()
        edits.getState().undo()
      } else if ((key === 'z' && e.shiftKey) || (key === 'y' && !e.shiftKey)) {
        e.preventDefault()
        edits.getState().redo()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [edits])
}
