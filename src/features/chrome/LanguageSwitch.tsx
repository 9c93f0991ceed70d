import { languageName, UI_LANGUAGES } from '../../core/i18n/i18n'
import { useT } from '../../state/use-t'
import { useApp } from '../../state/app-context'
import { selectActions } from '../../state/selectors'

/** One button per other language, each labelled in its own language (and marked up as such). */
export function LanguageSwitch() {
  const { lang, t } = useT()
  const actions = useApp(selectActions)
  return (
    <nav className="lang-switch" aria-label={t('lang.switch')}>
      {UI_LANGUAGES.filter((l) => l !== lang).map((l) => (
        <button
          key={l}
          type="button"
          className="btn btn-ghost"
          lang={l}
          onClick={() => actions.setLanguage(l)}
        >
          {languageName(l)}
        </button>
      ))}
    </nav>
  )
}
