import { assetUrl } from '../../content/catalog'
import { useT } from '../../i18n/use-t'
import { useApp } from '../../store/app-store'
import { selectStop } from '../../store/selectors'

const BASE = import.meta.env.BASE_URL

/**
 * The 2D tour's view of a stop: its poster (rendered from the real model) with the text
 * description as the image's alternative; the stories are in the list beside it, as in 3D.
 */
export function PosterStage() {
  const { t, loc } = useT()
  const stop = useApp(selectStop)
  if (!stop) return null
  return (
    <figure className="poster-stage" data-testid="poster-stage">
      {stop.poster ? (
        <img src={assetUrl(BASE, stop.poster)} alt={loc(stop.description)} />
      ) : (
        <div className="poster-missing" role="img" aria-label={loc(stop.description)} />
      )}
      <figcaption>{t('flat.caption')}</figcaption>
    </figure>
  )
}
