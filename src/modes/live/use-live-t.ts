import { useCallback } from 'react'
import type { Vars } from '../../core/i18n/i18n'
import { tLive, type LiveMessageKey } from '../../core/live/i18n'
import { useApp } from '../../state/app-context'
import { selectLanguage } from '../../state/selectors'

/** The live mode's strings in the visitor's language (core/i18n/live.ts). */
export function useLiveT() {
  const lang = useApp(selectLanguage)
  return useCallback((key: LiveMessageKey, vars?: Vars) => tLive(lang, key, vars), [lang])
}
