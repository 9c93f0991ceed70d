import { useState } from 'react'
import { assetUrl } from '../../core/content/catalog'
import { useT } from '../../state/use-t'
import { useApp } from '../../state/app-context'
import { selectStop } from '../../state/selectors'

const BASE = import.meta.env.BASE_URL

/**
 * The 2D tour's view of a stop: its poster (rendered from the real model) with the text
 * description as the image's alternative; the stories are in the list beside it, as in 3D.
 */
export function PosterStage() {
  const { t, loc } = useT()
  const stop = useApp(selectStop)
  const webgl = useApp((s) => s.webgl !== 'unavailable')
  const [failed, setFailed] = useState<string | null>(null)
  if (!stop) return null
  const src = stop.poster ? assetUrl(BASE, stop.poster) : null
  return (
    <figure className="poster-stage" data-testid="poster-stage">
      {src && failed !== src ? (
        <img src={src} alt={loc(stop.description)} fetchPriority="high" onError={() => setFailed(src)} />
      ) : (
        // No image (or it failed to load): the description is the view.
        <div className="poster-missing">
          <p>{loc(stop.description)}</p>
        </div>
      )}
      <figcaption>
        {t('flat.caption')}
        {!webgl && <span data-testid="no-webgl"> {t('settings.noWebgl')}</span>}
      </figcaption>
    </figure>
  )
}
