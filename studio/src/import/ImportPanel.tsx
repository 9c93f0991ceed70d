/**
 * A new site from a model file: drop or pick the file(s), the studio server runs the importer
 * (progress from its real steps), shows its report (the budgets as bars, what was fitted, the
 * warnings in words) and the draft stop it made (start view framed on the model, a first walkable
 * area on its ground), which opens for editing in a tour of its own or added to an existing one.
 */
import { useEffect, useId, useState } from 'react'
import { MODEL_BUDGET } from '../../../src/core/content/model-budget'
import type { Tour } from '../../../src/core/content/schema'
import { ID, TOUR_VERSION } from '../../../src/core/content/rules'
import { api, followJob, type ImportDone, type TourSummary } from '../api/api'
import { insertCommand } from '../edits/patch'
import { useStoresRaw, useT, useUi } from '../state/context'
import { localize } from '../../../src/core/i18n/i18n'

type State =
  | { kind: 'idle' }
  | { kind: 'running'; step: string; done: number; total: number }
  | { kind: 'done'; result: ImportDone }
  | { kind: 'failed'; message: string }

type Stats = { bytes: number; drawCalls: number; triangles: number }

export function ImportPanel({ onOpen }: { onOpen: (tourId: string, stopIndex: number) => void }) {
  const t = useT()
  const lang = useUi((s) => s.lang)
  const { edits, ui } = useStoresRaw()
  const ids = { files: useId(), site: useId(), tour: useId(), up: useId(), units: useId() }
  const [files, setFiles] = useState<File[]>([])
  const [site, setSite] = useState('')
  const [target, setTarget] = useState('')
  const [up, setUp] = useState<'y' | 'z'>('y')
  const [units, setUnits] = useState('m')
  const [tours, setTours] = useState<TourSummary[]>([])
  const [state, setState] = useState<State>({ kind: 'idle' })
  const [over, setOver] = useState(false)
  useEffect(() => {
    api
      .tours()
      .then(({ tours }) => setTours(tours))
      .catch(() => setTours([]))
  }, [])

  const choose = (list: FileList | null) => {
    const chosen = [...(list ?? [])]
    setFiles(chosen)
    const main = chosen.find((f) => /\.(glb|gltf|obj)$/i.test(f.name))
    if (main && !site)
      setSite(
        main.name
          .replace(/\.[^.]+$/, '')
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, ''),
      )
  }

  const start = async () => {
    if (!files.length) return setState({ kind: 'failed', message: t('import.needFiles') })
    if (!ID.test(site)) return setState({ kind: 'failed', message: t('import.needSite') })
    const form = new FormData()
    for (const f of files) form.append('files', f, f.name)
    form.append('site', site)
    form.append('up', up)
    form.append('units', units)
    setState({ kind: 'running', step: '', done: 0, total: 1 })
    try {
      const { job } = await api.import(form)
      followJob<ImportDone>(job, {
        progress: (p) => setState({ kind: 'running', ...p }),
        done: (result) => setState({ kind: 'done', result }),
        error: (message) => setState({ kind: 'failed', message }),
      })
    } catch (e) {
      setState({ kind: 'failed', message: (e as Error).message })
    }
  }

  const openDraft = async (result: ImportDone) => {
    if (!target) {
      const tour = {
        version: TOUR_VERSION,
        id: site,
        languages: ['en', 'fr'],
        title: {},
        summary: {},
        stops: [result.draftStop],
      } as unknown as Tour
      edits.getState().open(site, tour, null)
      ui.getState().set({ stopIndex: 0, selection: null, pendingArea: [], problems: [] })
      return
    }
    onOpen(target, 0)
    // Once the tour is open (a moment later), the new stop is added to it as one undoable edit.
    const unsubscribe = edits.subscribe((s) => {
      if (s.tourId !== target || !s.tour) return
      unsubscribe()
      edits
        .getState()
        .apply(insertCommand(s.tour, ['stops'], result.draftStop, 'edit.add', performance.now()))
      ui.getState().set({ stopIndex: s.tour.stops.length, selection: null })
    })
  }

  const percent = state.kind === 'running' ? Math.round((100 * state.done) / (state.total || 1)) : 0
  return (
    <section aria-labelledby="import-heading" className="import">
      <h2 id="import-heading">{t('import.heading')}</h2>
      <div
        className={`dropzone${over ? ' over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault()
          setOver(true)
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault()
          setOver(false)
          choose(e.dataTransfer.files)
        }}
      >
        <label htmlFor={ids.files}>
          {t('import.drop')} <span className="linkish">{t('import.pick')}</span>
        </label>
        <input
          id={ids.files}
          type="file"
          multiple
          accept=".glb,.gltf,.bin,.obj,.mtl,.png,.jpg,.jpeg,.webp,.ktx2"
          onChange={(e) => choose(e.target.files)}
        />
        {files.length ? <p className="meta">{files.map((f) => f.name).join(', ')}</p> : null}
      </div>
      <div className="form-grid">
        <label htmlFor={ids.site}>{t('import.site')}</label>
        <input
          id={ids.site}
          value={site}
          onChange={(e) => setSite(e.target.value)}
          pattern="[a-z0-9]+(-[a-z0-9]+)*"
        />
        <label htmlFor={ids.tour}>{t('import.tour')}</label>
        <select id={ids.tour} value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="">{t('import.newTour')}</option>
          {tours.map((tour) => (
            <option key={tour.id} value={tour.id}>
              {localize(tour.title, lang) || tour.id}
            </option>
          ))}
        </select>
        <label htmlFor={ids.up}>{t('import.up')}</label>
        <select id={ids.up} value={up} onChange={(e) => setUp(e.target.value as 'y' | 'z')}>
          <option value="y">Y</option>
          <option value="z">Z</option>
        </select>
        <label htmlFor={ids.units}>{t('import.units')}</label>
        <select id={ids.units} value={units} onChange={(e) => setUnits(e.target.value)}>
          {['m', 'cm', 'mm', 'in', 'ft'].map((u) => (
            <option key={u} value={u}>
              {u}
            </option>
          ))}
        </select>
      </div>
      <button
        type="button"
        className="primary"
        disabled={state.kind === 'running'}
        onClick={() => void start()}
      >
        {t('import.start')}
      </button>
      {state.kind === 'running' ? (
        <div className="progress-block">
          <progress max={100} value={percent} aria-label={t('import.heading')} />
          <p className="meta" role="status">
            {state.step
              ? t('import.progress', { step: state.step, done: state.done, total: state.total })
              : '…'}
          </p>
        </div>
      ) : null}
      {state.kind === 'failed' ? (
        <p className="notice warn" role="alert">
          {t('import.failed', { message: state.message })}
        </p>
      ) : null}
      {state.kind === 'done' ? (
        <Report result={state.result} onOpen={() => void openDraft(state.result)} />
      ) : null}
    </section>
  )
}

function Report({ result, onOpen }: { result: ImportDone; onOpen: () => void }) {
  const t = useT()
  const report = result.report as unknown as {
    model?: Stats
    proxy?: Stats
    fit?: { change: string }[]
    placement?: string[]
    repaired?: string[]
    warnings?: string[]
  }
  const bars: { label: string; value: number; limit: number; unit: string }[] = []
  if (report.model) {
    bars.push({
      label: t('import.bar.model'),
      value: report.model.bytes / 1000,
      limit: MODEL_BUDGET.maxModelBytes / 1000,
      unit: 'KB',
    })
    bars.push({
      label: t('import.bar.triangles'),
      value: report.model.triangles,
      limit: MODEL_BUDGET.maxTriangles,
      unit: '',
    })
    bars.push({
      label: t('import.bar.drawCalls'),
      value: report.model.drawCalls,
      limit: MODEL_BUDGET.maxDrawCalls,
      unit: '',
    })
  }
  if (report.proxy)
    bars.push({
      label: t('import.bar.proxy'),
      value: report.proxy.bytes / 1000,
      limit: MODEL_BUDGET.maxProxyBytes / 1000,
      unit: 'KB',
    })
  const fitted = [
    ...(report.placement ?? []),
    ...(report.fit ?? []).map((f) => f.change),
    ...(report.repaired ?? []),
  ]
  const warnings = [...(report.warnings ?? []), ...result.problems.map((p) => p.message)]
  return (
    <section aria-labelledby="report-heading" className="report">
      <h3 id="report-heading">{t('import.report')}</h3>
      <h4>{t('import.budgets')}</h4>
      <ul className="bars">
        {bars.map((b) => (
          <li key={b.label}>
            <span>{b.label}</span>
            <meter
              min={0}
              max={b.limit}
              high={b.limit * 0.9}
              optimum={0}
              value={Math.min(b.value, b.limit)}
              aria-label={b.label}
            />
            <span className={b.value > b.limit ? 'over' : ''}>
              {Math.round(b.value).toLocaleString()} / {b.limit.toLocaleString()} {b.unit}
            </span>
          </li>
        ))}
      </ul>
      <h4>{t('import.fitted')}</h4>
      <ul>
        {fitted.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
      <h4>{t('import.warnings')}</h4>
      {warnings.length ? (
        <ul>
          {warnings.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      ) : (
        <p>{t('import.noWarnings')}</p>
      )}
      <button type="button" className="primary" onClick={onOpen}>
        {t('import.open')}
      </button>
    </section>
  )
}
