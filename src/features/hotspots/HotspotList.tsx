import { useT } from '../../state/use-t'
import { VALUE_COLORS } from '../stage/markers'
import { useApp } from '../../state/app-context'
import { selectActions, selectStop } from '../../state/selectors'

/** The stop's hotspots as a list of buttons: the keyboard and screen-reader twin of the 3D markers. */
export function HotspotList() {
  const { t, loc } = useT()
  const stop = useApp(selectStop)
  const openId = useApp((s) => s.engine.hotspotId)
  const visited = useApp((s) => s.engine.visitedHotspots)
  const actions = useApp(selectActions)
  if (!stop) return null
  return (
    <section className="hotspot-list" aria-labelledby="hotspot-list-title">
      <h2 id="hotspot-list-title">{t('tour.hotspots')}</h2>
      <ol>
        {stop.hotspots.map((h) => (
          <li key={h.id}>
            <button
              type="button"
              className="hotspot-item"
              aria-current={h.id === openId ? 'true' : undefined}
              data-hotspot={h.id}
              onClick={() => (h.id === openId ? actions.closeHotspot() : actions.openHotspot(h.id))}
              onFocus={() => actions.highlightHotspot(h.id)}
              onBlur={() => actions.highlightHotspot(null)}
              onMouseEnter={() => actions.highlightHotspot(h.id)}
              onMouseLeave={() => actions.highlightHotspot(null)}
            >
              <span className="value-dot" style={{ background: VALUE_COLORS[h.value] }} aria-hidden="true" />
              <span className="hotspot-item-text">
                <span className="hotspot-item-title">{loc(h.title)}</span>
                <span className="hotspot-item-value">
                  {t(`value.${h.value}`)}
                  {visited.includes(h.id) && <> · {t('tour.visited')}</>}
                </span>
              </span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  )
}
