import { languageName, UI_LANGUAGES } from '../i18n/i18n'
import { useT } from '../i18n/use-t'
import { useApp } from '../store/app-store'
import { selectActions } from '../store/selectors'

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
