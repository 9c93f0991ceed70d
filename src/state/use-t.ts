import { useCallback } from 'react'
import { useApp } from './app-context'
import { selectLanguage } from './selectors'
import { localize, t, type MessageKey, type Vars } from '../core/i18n/i18n'

/** The translate function and content picker for the visitor's current language. */
export function useT() {
  const lang = useApp(selectLanguage)
  const tr = useCallback((key: MessageKey, vars?: Vars) => t(lang, key, vars), [lang])
  const loc = useCallback((text: Readonly<Record<string, string>>) => localize(text, lang), [lang])
  return { lang, t: tr, loc }
}
