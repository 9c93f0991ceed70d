/**
 * What the visitor is told when a stop's model cannot be shown, by reason (model-limits.ts names
 * the reasons): the same message on the page and in the headset, in the visitor's language.
 */
import type { MessageKey } from '../../core/i18n/i18n'
import type { ModelLoad } from '../../state/store'

/** The message for each reason a model is not shown, and whether trying again can help. */
export const MODEL_ERRORS = {
  unavailable: { key: 'tour.modelError', retry: true },
  network: { key: 'tour.modelError.network', retry: true },
  corrupt: { key: 'tour.modelError.corrupt', retry: false },
  'too-large': { key: 'tour.modelError.tooLarge', retry: false },
  'too-complex': { key: 'tour.modelError.tooComplex', retry: false },
  'texture-too-large': { key: 'tour.modelError.textureTooLarge', retry: false },
} as const satisfies Record<NonNullable<ModelLoad['reason']>, { key: MessageKey; retry: boolean }>

export type ModelErrorReason = keyof typeof MODEL_ERRORS

export type ModelMessage = {
  reason: ModelErrorReason
  key: (typeof MODEL_ERRORS)[ModelErrorReason]['key']
  /** The message's numbers (sizes, counts, limits), formatted for the language. */
  vars: Record<string, string>
  retry: boolean
}

/** The message for a failed model load, its numbers formatted in `lang`. */
export function modelErrorMessage(load: ModelLoad, lang: string): ModelMessage {
  const reason = load.reason ?? 'unavailable'
  const { key, retry } = MODEL_ERRORS[reason]
  const number = new Intl.NumberFormat(lang)
  const vars = Object.fromEntries(Object.entries(load.vars ?? {}).map(([k, v]) => [k, number.format(v)]))
  return { reason, key, vars, retry }
}
