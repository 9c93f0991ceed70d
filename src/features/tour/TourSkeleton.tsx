import { useT } from '../../state/use-t'

/**
 * The tour page's frame before its tour has arrived (a deep link while the tour's document or code
 * downloads): the 3D view's area, with the same "preparing" bar the stage shows next, and the
 * sidebar's column, at the sizes the tour view will have (`.tour-view` in chrome/styles.css). The
 * page is drawn once in its final layout, so nothing moves when the tour replaces it (no layout
 * shift, the visitor's first tap lands where they aimed).
 */
export function TourSkeleton() {
  const { t } = useT()
  return (
    <div className="tour-view" data-testid="tour-skeleton" aria-busy="true">
      <div className="stage">
        <div className="stage-message stage-loading" role="status">
          <label htmlFor="tour-skeleton-progress">{t('tour.loading')}</label>
          <progress id="tour-skeleton-progress" />
        </div>
      </div>
      <div className="sidebar" aria-hidden="true" />
    </div>
  )
}
