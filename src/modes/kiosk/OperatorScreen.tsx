import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { languageName, localize, t as translate, UI_LANGUAGES, type MessageKey } from '../../core/i18n/i18n'
import { useApp } from '../../state/app-context'
import { useKiosk, useKioskController } from './kiosk-context'
import { dayOf, statsToCsv, summarize, totals } from './logic/stats'

/** Days shown in the table (the CSV has them all). */
const DAYS_SHOWN = 14

const formatBytes = (bytes = 0) => `${(bytes / 1e6).toFixed(1)} MB`

/**
 * The operator screen speaks the kiosk's configured language, whatever language the attract loop
 * or the last visitor left the page in.
 */
function useT() {
  const configured = useKiosk((s) => s.config.language)
  const lang = UI_LANGUAGES.includes(configured) ? configured : 'en'
  const t = useCallback(
    (key: MessageKey, vars?: Parameters<typeof translate>[2]) => translate(lang, key, vars),
    [lang],
  )
  return { lang, t }
}

function useDuration() {
  const { t } = useT()
  return (seconds: number | null) => {
    if (seconds === null) return '—'
    const m = Math.floor(seconds / 60)
    const s = seconds % 60
    return m ? t('kiosk.op.minutes', { m, s }) : t('kiosk.op.seconds', { s })
  }
}

function OfflineStatusLine() {
  const { t } = useT()
  const offline = useKiosk((s) => s.offline)
  const key = `kiosk.op.offline.${offline.state}` as const
  return (
    <p data-testid="kiosk-offline-status" data-state={offline.state}>
      {t(key, {
        files: offline.files ?? 0,
        cached: offline.cached ?? 0,
        size: formatBytes(offline.bytes),
        version: offline.version ?? '',
        error: offline.error ?? '',
      })}
    </p>
  )
}

function StatsSection() {
  const { t, lang } = useT()
  const kiosk = useKioskController()
  const stats = useKiosk((s) => s.stats)
  const duration = useDuration()
  const tours = useApp((s) => s.tours)
  const [confirm, setConfirm] = useState(false)
  /** A story's title in the operator's language, from its `tour/hotspot` key. */
  const storyTitle = (key: string) => {
    const [tourId, hotspotId] = key.split('/')
    const hotspot = tours
      .get(tourId ?? '')
      ?.stops.flatMap((stop) => stop.hotspots)
      .find((h) => h.id === hotspotId)
    return hotspot ? localize(hotspot.title, lang) : key
  }
  const days = useMemo(() => summarize(stats).slice(0, DAYS_SHOWN), [stats])
  const all = useMemo(() => totals(stats), [stats])
  const languages = useMemo(() => [...new Set(['en', 'fr', ...Object.keys(all.languages)])], [all.languages])
  const exportCsv = () => {
    const blob = new Blob([statsToCsv(stats)], { type: 'text/csv;charset=utf-8' })
    const url = URL.createObjectURL(blob)
    const a = document.createElement('a')
    a.href = url
    a.download = `portage-kiosk-stats-${dayOf(Date.now())}.csv`
    // The lockdown lets this one through: a download of the kiosk's own data, not a way out.
    a.setAttribute('data-kiosk-allow', '')
    document.body.append(a)
    a.click()
    a.remove()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  }
  const numberFormat = new Intl.NumberFormat(lang === 'fr' ? 'fr-CA' : 'en-CA')
  return (
    <section aria-labelledby="kiosk-op-stats">
      <h3 id="kiosk-op-stats">{t('kiosk.op.stats')}</h3>
      <p className="kiosk-op-note">{t('kiosk.op.privacy')}</p>
      {days.length === 0 ? (
        <p>{t('kiosk.op.noStats')}</p>
      ) : (
        <div className="kiosk-op-table-wrap">
          <table className="kiosk-op-table" data-testid="kiosk-stats">
            <thead>
              <tr>
                <th scope="col">{t('kiosk.op.day')}</th>
                <th scope="col">{t('kiosk.op.visits')}</th>
                <th scope="col">{t('kiosk.op.average')}</th>
                {languages.map((l) => (
                  <th scope="col" key={l} lang={l}>
                    {languageName(l)}
                  </th>
                ))}
                <th scope="col">{t('kiosk.op.tours')}</th>
                <th scope="col">{t('kiosk.op.stops')}</th>
                <th scope="col">{t('kiosk.op.hotspots')}</th>
                <th scope="col">{t('kiosk.op.top')}</th>
              </tr>
            </thead>
            <tbody>
              {[{ ...all, day: t('kiosk.op.allDays') }, ...days].map((d, i) => (
                <tr
                  key={d.day}
                  data-day={i === 0 ? 'all' : d.day}
                  className={i === 0 ? 'kiosk-op-total' : undefined}
                >
                  <th scope="row">{d.day}</th>
                  <td>{numberFormat.format(d.visits)}</td>
                  <td>{duration(d.averageVisitSeconds)}</td>
                  {languages.map((l) => (
                    <td key={l}>{numberFormat.format(d.languages[l] ?? 0)}</td>
                  ))}
                  <td>{numberFormat.format(d.toursOpened)}</td>
                  <td>{numberFormat.format(d.stopsOpened)}</td>
                  <td>{numberFormat.format(d.hotspotsOpened)}</td>
                  <td className="kiosk-op-top">
                    {d.topHotspots.map(([key, n]) => `${storyTitle(key)} (${n})`).join(' · ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="kiosk-op-actions">
        <button type="button" className="btn btn-primary" onClick={exportCsv}>
          {t('kiosk.op.export')}
        </button>
        {!confirm ? (
          <button type="button" className="btn" onClick={() => setConfirm(true)} disabled={days.length === 0}>
            {t('kiosk.op.clear')}
          </button>
        ) : (
          <span className="kiosk-op-confirm" role="alert">
            {t('kiosk.op.clearConfirm')}{' '}
            <button
              type="button"
              className="btn"
              onClick={() => {
                kiosk.clearStats()
                setConfirm(false)
              }}
            >
              {t('kiosk.op.clearYes')}
            </button>{' '}
            <button type="button" className="btn btn-ghost" onClick={() => setConfirm(false)}>
              {t('kiosk.pin.cancel')}
            </button>
          </span>
        )}
      </div>
    </section>
  )
}

/** The operator screen: status, configuration, recent events, statistics, and the way out. */
export function OperatorScreen() {
  const { t, lang } = useT()
  const kiosk = useKioskController()
  const issues = useKiosk((s) => s.issues)
  const tours = useKiosk((s) => s.tours)
  const log = useKiosk((s) => s.log)
  const launcher = useKiosk((s) => s.launcher)
  const startedAt = useKiosk((s) => s.startedAt)
  const updateWaiting = useKiosk((s) => s.offline.updateWaiting)
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
    return () => dialog?.close()
  }, [])
  const time = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-CA' : 'en-CA', {
    dateStyle: 'medium',
    timeStyle: 'short',
  })
  return (
    <dialog
      ref={ref}
      className="kiosk-operator"
      lang={lang}
      aria-labelledby="kiosk-op-title"
      data-testid="kiosk-operator"
      onCancel={(e) => {
        e.preventDefault()
        kiosk.closeOverlay()
      }}
    >
      <header className="kiosk-op-header">
        <h2 id="kiosk-op-title">{t('kiosk.op.title')}</h2>
        <button type="button" className="btn btn-primary" onClick={() => kiosk.closeOverlay()}>
          {t('kiosk.op.close')}
        </button>
      </header>
      <div className="kiosk-op-body">
        <section aria-labelledby="kiosk-op-status">
          <h3 id="kiosk-op-status">{t('kiosk.op.status')}</h3>
          <p>{t('kiosk.op.since', { time: time.format(startedAt) })}</p>
          <p>{t('kiosk.op.toursList', { tours: tours.join(', ') || '—' })}</p>
          <OfflineStatusLine />
          <div className="kiosk-op-actions">
            {updateWaiting ? (
              <button type="button" className="btn btn-primary" onClick={() => kiosk.applyUpdate()}>
                {t('kiosk.op.applyUpdate')}
              </button>
            ) : (
              <button type="button" className="btn" onClick={() => kiosk.checkForUpdate()}>
                {t('kiosk.op.checkUpdate')}
              </button>
            )}
            <button type="button" className="btn" onClick={() => kiosk.reload()}>
              {t('kiosk.op.reload')}
            </button>
            <button type="button" className="btn" onClick={() => kiosk.exitKiosk()}>
              {t('kiosk.op.exit')}
            </button>
            {launcher && (
              <button type="button" className="btn" onClick={() => void kiosk.quitLauncher()}>
                {t('kiosk.op.quit')}
              </button>
            )}
          </div>
        </section>
        <section aria-labelledby="kiosk-op-config">
          <h3 id="kiosk-op-config">{t('kiosk.op.config')}</h3>
          {issues.length === 0 ? (
            <p>{t('kiosk.op.configOk')}</p>
          ) : (
            <ul className="kiosk-issues" data-testid="kiosk-op-issues">
              {issues.map((i, n) => (
                <li key={n} data-severity={i.severity}>
                  <code>{i.path || 'kiosk.json'}</code> {i.message}
                </li>
              ))}
            </ul>
          )}
        </section>
        <StatsSection />
        <section aria-labelledby="kiosk-op-log">
          <h3 id="kiosk-op-log">{t('kiosk.op.log')}</h3>
          <ol className="kiosk-op-log" reversed>
            {log
              .slice(-20)
              .reverse()
              .map((e, n) => (
                <li key={n} data-kind={e.kind}>
                  <time dateTime={new Date(e.at).toISOString()}>{time.format(e.at)}</time> {e.message}
                </li>
              ))}
          </ol>
        </section>
      </div>
    </dialog>
  )
}
