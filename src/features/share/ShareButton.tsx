import { lazy, Suspense, useState } from 'react'
import { useT } from '../../state/use-t'

// The dialog (and its QR encoder) is fetched on the first click only.
const ShareDialog = lazy(() => import('./ShareDialog'))

/** The Share button and its dialog. Render it only where a tour is open. */
export function ShareButton({
  className = 'btn btn-ghost',
  labelClassName,
}: {
  className?: string
  /** Class of the visible label (the embed bar hides it in narrow frames). */
  labelClassName?: string
}) {
  const { t } = useT()
  const [open, setOpen] = useState(false)
  return (
    <>
      <button
        type="button"
        className={className}
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        title={labelClassName ? t('share.button') : undefined}
        data-testid="share-button"
      >
        <svg className="icon" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M18 16a3 3 0 0 0-2.4 1.2l-6.7-3.4a3 3 0 0 0 0-1.6l6.7-3.4A3 3 0 1 0 15 7l-6.7 3.4a3 3 0 1 0 0 3.2L15 17a3 3 0 1 0 3-1z" />
        </svg>
        <span className={labelClassName}>{t('share.button')}</span>
      </button>
      {open && (
        <Suspense fallback={null}>
          <ShareDialog onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  )
}
