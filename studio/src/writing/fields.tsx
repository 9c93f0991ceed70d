/**
 * Fields bound to a path of the tour: typing makes an edit command (coalesced per field, so one
 * Ctrl+Z undoes a burst of typing), and the problems found at that path are shown under the field,
 * with their JSON path, as they are found.
 */
import { useId } from 'react'
import type { Problem } from '../api/api'
import { getAt, type Path } from '../edits/patch'
import { useEdits, useSetAt, useT, useUi } from '../state/context'
import { keyOf, problemsAt } from './problems'

export function ProblemList({ problems, id }: { problems: readonly Problem[]; id?: string }) {
  const t = useT()
  if (problems.length === 0) return null
  return (
    <ul className="problems" id={id}>
      {problems.map((p, i) => (
        <li key={i} className={`problem ${p.severity}`}>
          {p.message} <code>{t('problems.at', { path: p.jsonPath })}</code>
        </li>
      ))}
    </ul>
  )
}

/** A text (or number-as-text) field at `path`. */
export function TextField({
  path,
  label,
  multiline = false,
  lang,
  rows = 3,
  placeholder,
}: {
  path: Path
  label: string
  multiline?: boolean
  lang?: string
  rows?: number
  placeholder?: string
}) {
  const id = useId()
  const value = useEdits((s) => getAt(s.tour, path))
  const problems = problemsAt(
    useUi((s) => s.problems),
    path,
  )
  const setAt = useSetAt()
  const props = {
    id,
    lang,
    value: typeof value === 'string' ? value : '',
    placeholder,
    'aria-invalid': problems.some((p) => p.severity === 'error') || undefined,
    'aria-describedby': problems.length ? `${id}-problems` : undefined,
    'data-path': keyOf(path),
    onChange: (e: { target: { value: string } }) => setAt(path, e.target.value),
  }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? <textarea rows={rows} {...props} /> : <input type="text" {...props} />}
      <ProblemList problems={problems} id={`${id}-problems`} />
    </div>
  )
}

/** One text in every language of the tour, side by side. */
export function LocalizedField({
  path,
  label,
  languages,
  multiline = false,
  rows,
  extra,
}: {
  path: Path
  label: string
  languages: readonly string[]
  multiline?: boolean
  rows?: number
  /** Shown under each language's field (the reading time of a script, its narration controls). */
  extra?: (lang: string) => React.ReactNode
}) {
  const t = useT()
  const own = problemsAt(
    useUi((s) => s.problems),
    path,
  )
  return (
    <fieldset className="localized">
      <legend>{label}</legend>
      <div className="side-by-side">
        {languages.map((lang) => (
          <div key={lang} className="lang-column">
            <TextField
              path={[...path, lang]}
              label={`${label} (${lang === 'en' || lang === 'fr' ? t(`lang.${lang}`) : lang})`}
              lang={lang}
              multiline={multiline}
              rows={rows}
            />
            {extra?.(lang)}
          </div>
        ))}
      </div>
      <ProblemList problems={own} />
    </fieldset>
  )
}
