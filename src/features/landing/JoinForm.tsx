import { useId, useState } from 'react'
import { normalizeJoinCode } from '../../core/live/join-code'
import { useApp } from '../../state/app-context'
import { useT } from '../../state/use-t'

/**
 * "Join with a code": for a visitor whose guide gave them a code to type (no QR code reader, a
 * projected code). Goes to the join link, `?join=<code>`, which loads the live mode; the landing
 * page itself carries none of it.
 */
export function JoinForm() {
  const { t } = useT()
  const lang = useApp((s) => s.engine.language)
  const [value, setValue] = useState('')
  const [bad, setBad] = useState(false)
  const id = useId()
  return (
    <form
      className="join-form"
      aria-label={t('live.joinHeading')}
      onSubmit={(e) => {
        e.preventDefault()
        const code = normalizeJoinCode(value)
        setBad(!code)
        if (code) location.assign(`?join=${code}&lang=${lang}`)
      }}
    >
      <label htmlFor={id}>{t('live.joinCode')}</label>
      <input
        id={id}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        placeholder="ABCD-2345"
        autoCapitalize="characters"
        autoComplete="off"
        spellCheck={false}
        maxLength={60}
        aria-invalid={bad || undefined}
        aria-describedby={bad ? `${id}-error` : undefined}
      />
      <button type="submit" className="btn btn-small">
        {t('live.joinButton')}
      </button>
      {bad && (
        <span id={`${id}-error`} className="join-error" role="alert">
          {t('live.joinBadCode')}
        </span>
      )}
    </form>
  )
}
