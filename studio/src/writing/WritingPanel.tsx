/**
 * The writing panel beside the 3D view: the stop's texts, its hotspots (the selected one in full:
 * value, texts, narration, sources), its viewpoints and walkable areas, each in both languages side
 * by side, with its problems next to it.
 */
import { useId } from 'react'
import { VALUES, type Hotspot, type Stop } from '../../../src/core/content/schema'
import { localize, t as appT } from '../../../src/core/i18n/i18n'
import { insertCommand, setCommand } from '../edits/patch'
import { NarrationControls } from '../narration/NarrationControls'
import { useApply, useEdits, useRemoveAt, useSetAt, useStoresRaw, useT, useUi } from '../state/context'
import { LocalizedField, ProblemList, TextField } from './fields'
import { num } from '../i18n/i18n'
import { mmss, problemsAt, readingTime } from './problems'

const DEFAULT_LANGUAGES = ['en', 'fr'] as const

export function WritingPanel() {
  const t = useT()
  const stopIndex = useUi((s) => s.stopIndex)
  const stop = useEdits((s) => s.tour?.stops[stopIndex])
  const languages = useEdits((s) => s.tour?.languages) ?? DEFAULT_LANGUAGES
  if (!stop) return null
  const sp = ['stops', stopIndex] as const
  return (
    <div className="writing">
      <section aria-labelledby="tour-heading">
        <h2 id="tour-heading">{t('tour.heading')}</h2>
        <LocalizedField path={['title']} label={t('tour.title')} languages={languages} />
        <LocalizedField
          path={['summary']}
          label={t('tour.summary')}
          languages={languages}
          multiline
          rows={2}
        />
      </section>
      <section aria-labelledby="stop-heading">
        <h2 id="stop-heading">{t('stop.heading')}</h2>
        <LocalizedField path={[...sp, 'title']} label={t('stop.title')} languages={languages} />
        <LocalizedField path={[...sp, 'place']} label={t('stop.place')} languages={languages} />
        <LocalizedField
          path={[...sp, 'description']}
          label={t('stop.description')}
          languages={languages}
          multiline
        />
        <LocalizedField path={[...sp, 'model', 'credits']} label={t('stop.credits')} languages={languages} />
        <TextField path={[...sp, 'model', 'licence']} label={t('stop.licence')} placeholder="CC0-1.0" />
        {[0, 1].map((q) => (
          <LocalizedField
            key={q}
            path={[...sp, 'discussion', q]}
            label={t('stop.discussion', { n: q + 1 })}
            languages={languages}
            multiline
            rows={2}
          />
        ))}
      </section>
      <HotspotList stop={stop} stopIndex={stopIndex} />
      <HotspotEditor stop={stop} stopIndex={stopIndex} languages={languages} />
      <Viewpoints stop={stop} stopIndex={stopIndex} languages={languages} />
      <Areas stop={stop} stopIndex={stopIndex} />
    </div>
  )
}

function HotspotList({ stop, stopIndex }: { stop: Stop; stopIndex: number }) {
  const t = useT()
  const lang = useUi((s) => s.lang)
  const selection = useUi((s) => s.selection)
  const { ui } = useStoresRaw()
  const problems = useUi((s) => s.problems)
  return (
    <section aria-labelledby="hotspots-heading">
      <h2 id="hotspots-heading">{t('hotspots.heading')}</h2>
      {stop.hotspots.length === 0 ? <p className="hint">{t('hotspots.none')}</p> : null}
      <ul className="item-list">
        {stop.hotspots.map((h, i) => {
          const count = problemsAt(problems, ['stops', stopIndex, 'hotspots', i], true).length
          const selected = selection?.kind === 'hotspot' && selection.id === h.id
          return (
            <li key={`${h.id}-${i}`}>
              <button
                type="button"
                aria-pressed={selected}
                onClick={() => ui.getState().set({ selection: { kind: 'hotspot', id: h.id } })}
              >
                <span className="swatch" data-value={h.value} aria-hidden="true" />
                {localize(h.title, lang) || t('hotspots.untitled')} <code>{h.id}</code>
                {count ? <span className="badge">{t('checks.count', { count })}</span> : null}
              </button>
            </li>
          )
        })}
      </ul>
    </section>
  )
}

function HotspotEditor({
  stop,
  stopIndex,
  languages,
}: {
  stop: Stop
  stopIndex: number
  languages: readonly string[]
}) {
  const t = useT()
  const lang = useUi((s) => s.lang)
  const selection = useUi((s) => s.selection)
  const { ui } = useStoresRaw()
  const setAt = useSetAt()
  const removeAt = useRemoveAt()
  const valueId = useId()
  const index = selection?.kind === 'hotspot' ? stop.hotspots.findIndex((h) => h.id === selection.id) : -1
  const hotspot: Hotspot | undefined = stop.hotspots[index]
  if (!hotspot) return null
  const hp = ['stops', stopIndex, 'hotspots', index] as const
  const [x, y, z] = hotspot.position.map((n) => num(lang, n))
  return (
    <section aria-labelledby="hotspot-heading" className="hotspot-editor">
      <h2 id="hotspot-heading">
        {t('hotspot.heading', { title: localize(hotspot.title, lang) || hotspot.id })}
      </h2>
      <p className="meta">{t('hotspot.position', { x: x!, y: y!, z: z! })}</p>
      <TextField path={[...hp, 'id']} label={t('hotspot.id')} />
      <div className="field">
        <label htmlFor={valueId}>{t('hotspot.value')}</label>
        <select
          id={valueId}
          value={hotspot.value}
          onChange={(e) => setAt([...hp, 'value'], e.target.value, 'edit.type', false)}
        >
          {VALUES.map((v) => (
            <option key={v} value={v}>
              {appT(lang, `value.${v}`)}
            </option>
          ))}
        </select>
      </div>
      <LocalizedField path={[...hp, 'title']} label={t('hotspot.title')} languages={languages} />
      <LocalizedField
        path={[...hp, 'body']}
        label={t('hotspot.body')}
        languages={languages}
        multiline
        rows={5}
      />
      <NarrationScripts hotspot={hotspot} path={hp} languages={languages} />
      <Sources hotspot={hotspot} path={hp} />
      <p className="meta">
        {t('hotspot.closeUp')}: {hotspot.view ? t('hotspot.closeUpSet') : t('hotspot.closeUpNone')}{' '}
        {hotspot.view ? (
          <button type="button" onClick={() => setAt([...hp, 'view'], undefined, 'edit.view', false)}>
            {t('hotspot.clearCloseUp')}
          </button>
        ) : null}
      </p>
      <button
        type="button"
        className="danger"
        onClick={() => {
          removeAt(['stops', stopIndex, 'hotspots'], index)
          ui.getState().set({ selection: null })
        }}
      >
        {t('hotspot.delete')}
      </button>
    </section>
  )
}

/** The scripts: written per language, shown with their reading time, narrated from here. */
function NarrationScripts({
  hotspot,
  path,
  languages,
}: {
  hotspot: Hotspot
  path: readonly (string | number)[]
  languages: readonly string[]
}) {
  const t = useT()
  const setAt = useSetAt()
  return (
    <fieldset className="localized">
      <legend>{t('hotspot.script')}</legend>
      <div className="side-by-side">
        {languages.map((l) => {
          const track = hotspot.narration[l]
          const script = track?.script ?? ''
          const { words, seconds } = readingTime(script)
          const id = `script-${hotspot.id}-${l}`
          return (
            <div key={l} className="lang-column">
              <ScriptField
                id={id}
                lang={l}
                label={`${t('hotspot.script')} (${l === 'en' || l === 'fr' ? t(`lang.${l}`) : l})`}
                value={script}
                path={[...path, 'narration', l, 'script']}
                onChange={(text) =>
                  track
                    ? setAt([...path, 'narration', l, 'script'], text)
                    : setAt([...path, 'narration', l], { script: text, audio: '', captions: '' })
                }
              />
              <p className="meta" aria-live="polite">
                {t('hotspot.readingTime', { time: mmss(seconds), words })}
              </p>
              <NarrationControls hotspot={hotspot} lang={l} path={[...path, 'narration', l]} />
            </div>
          )
        })}
      </div>
    </fieldset>
  )
}

function ScriptField(props: {
  id: string
  lang: string
  label: string
  value: string
  path: readonly (string | number)[]
  onChange: (text: string) => void
}) {
  const problems = problemsAt(
    useUi((s) => s.problems),
    props.path,
  )
  const narrationProblems = problemsAt(
    useUi((s) => s.problems),
    props.path.slice(0, -1),
  )
  const all = [...problems, ...narrationProblems]
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <textarea
        id={props.id}
        lang={props.lang}
        rows={5}
        value={props.value}
        aria-invalid={all.some((p) => p.severity === 'error') || undefined}
        aria-describedby={all.length ? `${props.id}-problems` : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <ProblemList problems={all} id={`${props.id}-problems`} />
    </div>
  )
}

function Sources({ hotspot, path }: { hotspot: Hotspot; path: readonly (string | number)[] }) {
  const t = useT()
  const { edits } = useStoresRaw()
  const removeAt = useRemoveAt()
  const own = problemsAt(
    useUi((s) => s.problems),
    [...path, 'sources'],
  )
  const add = () => {
    const tour = edits.getState().tour
    if (tour)
      edits
        .getState()
        .apply(
          insertCommand(
            tour,
            [...path, 'sources'],
            { url: 'https://', title: '' },
            'edit.add',
            performance.now(),
          ),
        )
  }
  return (
    <fieldset className="sources">
      <legend>{t('sources.heading')}</legend>
      {hotspot.sources.map((_, i) => (
        <div key={i} className="source-row">
          <TextField path={[...path, 'sources', i, 'url']} label={`${t('sources.url')} ${i + 1}`} />
          <TextField path={[...path, 'sources', i, 'title']} label={`${t('sources.title')} ${i + 1}`} />
          <button
            type="button"
            aria-label={t('sources.remove', { n: i + 1 })}
            onClick={() => removeAt([...path, 'sources'], i)}
          >
            ✕
          </button>
        </div>
      ))}
      <ProblemList problems={own} />
      <button type="button" onClick={add}>
        {t('sources.add')}
      </button>
    </fieldset>
  )
}

function Viewpoints({
  stop,
  stopIndex,
  languages,
}: {
  stop: Stop
  stopIndex: number
  languages: readonly string[]
}) {
  const t = useT()
  const apply = useApply()
  const removeAt = useRemoveAt()
  const noGround = useUi((s) => s.live.viewpointsNoGround)
  return (
    <section aria-labelledby="viewpoints-heading">
      <h2 id="viewpoints-heading">{t('viewpoints.heading')}</h2>
      {stop.viewpoints.map((vp, i) => (
        <div key={`${vp.id}-${i}`} className="viewpoint">
          <p>
            <code>{vp.id}</code>
            {stop.startViewpoint === vp.id ? (
              <span className="badge start">{t('viewpoints.start')}</span>
            ) : null}
            {noGround.includes(vp.id) ? <span className="badge warn">{t('viewpoints.noGround')}</span> : null}
          </p>
          <LocalizedField
            path={['stops', stopIndex, 'viewpoints', i, 'title']}
            label={`${t('viewpoints.title')} · ${vp.id}`}
            languages={languages}
          />
          {stop.startViewpoint !== vp.id ? (
            <>
              <button
                type="button"
                onClick={() =>
                  apply((tour) =>
                    setCommand(
                      tour,
                      ['stops', stopIndex, 'startViewpoint'],
                      vp.id,
                      'edit.view',
                      performance.now(),
                    ),
                  )
                }
              >
                {t('viewpoints.makeStart')}
              </button>{' '}
              <button
                type="button"
                className="danger"
                onClick={() => removeAt(['stops', stopIndex, 'viewpoints'], i)}
              >
                {t('viewpoints.delete', { id: vp.id })}
              </button>
            </>
          ) : null}
        </div>
      ))}
    </section>
  )
}

function Areas({ stop, stopIndex }: { stop: Stop; stopIndex: number }) {
  const t = useT()
  const { ui } = useStoresRaw()
  const removeAt = useRemoveAt()
  const flags = useUi((s) => s.live.areas)
  const problems = problemsAt(
    useUi((s) => s.problems),
    ['stops', stopIndex, 'walkableAreas'],
    true,
  )
  const flagText = {
    ok: t('areas.ok'),
    water: t('areas.water'),
    building: t('areas.building'),
    'no-ground': t('areas.noGround'),
  }
  return (
    <section aria-labelledby="areas-heading">
      <h2 id="areas-heading">{t('areas.heading')}</h2>
      <ul className="item-list">
        {stop.walkableAreas.map((a, i) => {
          const flag = flags[a.id]
          return (
            <li key={`${a.id}-${i}`}>
              <button
                type="button"
                onClick={() => ui.getState().set({ selection: { kind: 'area', id: a.id } })}
              >
                {t('areas.item', { id: a.id, count: a.polygon.length, y: a.y.toFixed(2) })}
              </button>{' '}
              {flag ? (
                <span className={`badge ${flag === 'ok' ? 'ok' : 'warn'}`} data-area-flag={flag}>
                  {flagText[flag]}
                </span>
              ) : null}{' '}
              <button
                type="button"
                className="danger"
                onClick={() => removeAt(['stops', stopIndex, 'walkableAreas'], i)}
              >
                {t('areas.delete', { id: a.id })}
              </button>
            </li>
          )
        })}
      </ul>
      <ProblemList problems={problems} />
    </section>
  )
}
