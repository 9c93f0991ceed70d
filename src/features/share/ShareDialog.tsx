/**
 * The share dialog: a link to the place (with a link preview where it is pasted), the iframe code
 * for a lesson page, a QR code for phones and headsets, and the lesson handout. Loaded only when
 * first opened (it brings the QR encoder).
 */
import { useEffect, useId, useRef, useState } from 'react'
import { useT } from '../../state/use-t'
import { useApp, useBoot } from '../../state/app-context'
import { addMessages } from '../../core/i18n/i18n'
import { LIVE_MESSAGES } from '../../core/live/messages'
import { selectHotspot, selectStop, selectTour } from '../../state/selectors'
import {
  EMBED_SIZES,
  appLink,
  embedLink,
  iframeSnippet,
  sharePageLink,
  type EmbedSize,
  type Place,
  type Site,
} from '../../core/links/share-links'
import { QrCode } from './QrCode'
import { qrShape } from './qr'
import './share.css'

// "Lead a group" (docs/live.md): its strings travel with this lazy dialog and the live mode, not the page.
addMessages(LIVE_MESSAGES)

type Target = 'hotspot' | 'stop' | 'tour'
type CopyState = { what: 'link' | 'embed'; ok: boolean } | null

/** Pixels per QR module in the downloaded PNG: crisp on a projected slide. */
const PNG_MODULE_PX = 12

const site = (): Site => ({ origin: location.origin, base: import.meta.env.BASE_URL })

async function copyText(text: string, field: HTMLInputElement | HTMLTextAreaElement | null) {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    // No clipboard API (plain http on a school network, or a frame without clipboard-write):
    // the older way still works from a click.
    if (!field) return false
    field.select()
    try {
      return document.execCommand('copy')
    } catch {
      return false
    }
  }
}

function downloadQrPng(text: string, fileName: string) {
  const qr = qrShape(text)
  const canvas = document.createElement('canvas')
  canvas.width = canvas.height = qr.size * PNG_MODULE_PX
  const ctx = canvas.getContext('2d')
  if (!ctx) return
  ctx.fillStyle = '#fff'
  ctx.fillRect(0, 0, canvas.width, canvas.height)
  ctx.fillStyle = '#000'
  for (let y = 0; y < qr.size; y++)
    for (let x = 0; x < qr.size; x++)
      if (qr.dark(x, y)) ctx.fillRect(x * PNG_MODULE_PX, y * PNG_MODULE_PX, PNG_MODULE_PX, PNG_MODULE_PX)
  canvas.toBlob((blob) => {
    if (!blob) return
    const url = URL.createObjectURL(blob)
    const a = document.createElement('a')
    a.href = url
    a.download = fileName
    a.click()
    setTimeout(() => URL.revokeObjectURL(url), 1000)
  }, 'image/png')
}

export default function ShareDialog({ onClose }: { onClose: () => void }) {
  const { t, loc, lang } = useT()
  const tour = useApp(selectTour)
  const stop = useApp(selectStop)
  const hotspot = useApp(selectHotspot)
  const boot = useBoot()
  const ref = useRef<HTMLDialogElement>(null)
  const linkRef = useRef<HTMLInputElement>(null)
  const embedRef = useRef<HTMLTextAreaElement>(null)
  const id = useId()
  const [target, setTarget] = useState<Target>(hotspot ? 'hotspot' : 'stop')
  const [sizeId, setSizeId] = useState<EmbedSize['id']>('medium')
  const [autoplay, setAutoplay] = useState(false)
  const [captions, setCaptions] = useState(true)
  const [copied, setCopied] = useState<CopyState>(null)

  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
  }, [])

  if (!tour || !stop) return null
  // The story may have been closed while the dialog was open.
  const effective: Target = target === 'hotspot' && !hotspot ? 'stop' : target
  const place: Place = {
    tour: tour.id,
    lang,
    ...(effective !== 'tour' ? { stop: stop.id } : {}),
    ...(effective === 'hotspot' && hotspot ? { hotspot: hotspot.id } : {}),
  }
  const size = EMBED_SIZES.find((s) => s.id === sizeId) ?? EMBED_SIZES[1]
  const link = sharePageLink(site(), place)
  const direct = appLink(site(), place)
  const snippet = iframeSnippet(
    embedLink(site(), place, { autoplay, captions }),
    t('share.iframeTitle', { title: loc(tour.title) }),
    size,
  )
  const handout = `${import.meta.env.BASE_URL}?${new URLSearchParams({ view: 'handout', tour: tour.id, lang })}`
  const targets: { id: Target; label: string }[] = [
    ...(hotspot
      ? [{ id: 'hotspot' as const, label: t('share.target.hotspot', { title: loc(hotspot.title) }) }]
      : []),
    { id: 'stop', label: t('share.target.stop', { title: loc(stop.title) }) },
    ...(tour.stops.length > 1 ? [{ id: 'tour' as const, label: t('share.target.tour') }] : []),
  ]

  const copy = async (what: 'link' | 'embed') => {
    const ok = await copyText(
      what === 'link' ? link : snippet,
      what === 'link' ? linkRef.current : embedRef.current,
    )
    setCopied({ what, ok })
  }

  return (
    <dialog
      ref={ref}
      className="share-dialog"
      aria-labelledby={`${id}-title`}
      onClose={onClose}
      data-testid="share-dialog"
    >
      <header className="share-header">
        <h2 id={`${id}-title`}>{t('share.title')}</h2>
        <button type="button" className="btn btn-ghost btn-small" onClick={() => ref.current?.close()}>
          {t('share.close')}
        </button>
      </header>

      {targets.length > 1 && (
        <fieldset className="share-targets">
          <legend>{t('share.target')}</legend>
          {targets.map((o) => (
            <label key={o.id} className="share-radio">
              <input
                type="radio"
                name={`${id}-target`}
                value={o.id}
                checked={effective === o.id}
                onChange={() => setTarget(o.id)}
              />
              <span>{o.label}</span>
            </label>
          ))}
        </fieldset>
      )}

      <section className="share-section" aria-labelledby={`${id}-link`}>
        <h3 id={`${id}-link`}>{t('share.link')}</h3>
        <p className="share-hint">{t('share.linkHint')}</p>
        <div className="share-row">
          <input
            ref={linkRef}
            className="share-field"
            readOnly
            value={link}
            aria-labelledby={`${id}-link`}
            onFocus={(e) => e.currentTarget.select()}
            data-testid="share-link"
          />
          <button type="button" className="btn btn-primary" onClick={() => void copy('link')}>
            {t('share.copyLink')}
          </button>
        </div>
      </section>

      <section className="share-section share-qr" aria-labelledby={`${id}-qr`}>
        <QrCode text={direct} label={t('share.qrLabel', { url: direct })} />
        <div>
          <h3 id={`${id}-qr`}>{t('share.qr')}</h3>
          <p className="share-hint">{t('share.qrHint')}</p>
          <button
            type="button"
            className="btn btn-small"
            onClick={() =>
              downloadQrPng(
                direct,
                `portage-${[place.tour, place.stop, place.hotspot].filter(Boolean).join('-')}-${lang}.png`,
              )
            }
          >
            {t('share.downloadQr')}
          </button>
        </div>
      </section>

      <section className="share-section" aria-labelledby={`${id}-embed`}>
        <h3 id={`${id}-embed`}>{t('share.embed')}</h3>
        <p className="share-hint">{t('share.embedHint')}</p>
        <div className="share-options">
          <label>
            {t('share.size')}{' '}
            <select value={size.id} onChange={(e) => setSizeId(e.target.value as EmbedSize['id'])}>
              {EMBED_SIZES.map((s) => (
                <option key={s.id} value={s.id}>
                  {t(`share.size.${s.id}`, { width: s.width, height: s.height })}
                </option>
              ))}
            </select>
          </label>
          <label className="toggle">
            <input type="checkbox" checked={autoplay} onChange={(e) => setAutoplay(e.target.checked)} />
            {t('share.autoplay')}
          </label>
          <label className="toggle">
            <input type="checkbox" checked={captions} onChange={(e) => setCaptions(e.target.checked)} />
            {t('share.captions')}
          </label>
        </div>
        <textarea
          ref={embedRef}
          className="share-field share-code"
          readOnly
          rows={4}
          value={snippet}
          aria-labelledby={`${id}-embed`}
          onFocus={(e) => e.currentTarget.select()}
          data-testid="share-embed"
          spellCheck={false}
        />
        <button type="button" className="btn" onClick={() => void copy('embed')}>
          {t('share.copyEmbed')}
        </button>
        <p className="share-hint share-note">{t('share.embedAllowed')}</p>
      </section>

      <section className="share-section" aria-labelledby={`${id}-handout`}>
        <h3 id={`${id}-handout`}>{t('share.handout')}</h3>
        <p className="share-hint">{t('share.handoutHint')}</p>
        <a className="btn" href={handout} target="_blank" rel="noopener">
          {t('share.openHandout')}
        </a>
      </section>

      {boot.way === 'page' && !boot.live && (
        // Live group tours (docs/live.md): the guide's address; its strings come with this dialog.
        <section className="share-section" aria-labelledby={`${id}-lead`}>
          <h3 id={`${id}-lead`}>{t('live.lead')}</h3>
          <p className="share-hint">{t('live.leadHint')}</p>
          <a
            className="btn"
            href={`?${new URLSearchParams({ mode: 'guide', tour: tour.id, lang })}`}
            data-testid="lead-group"
          >
            {t('live.leadStart')}
          </a>
        </section>
      )}
      <p className="share-status" role="status" aria-live="polite">
        {copied &&
          (copied.ok
            ? t(copied.what === 'link' ? 'share.copiedLink' : 'share.copiedEmbed')
            : t('share.copyFailed'))}
      </p>
    </dialog>
  )
}
