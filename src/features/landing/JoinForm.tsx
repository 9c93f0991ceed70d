import { useId } from 'react'
import { useT } from '../../state/use-t'

/**
 * "Join with a code": for a visitor whose guide gave them a code to type (no QR code reader, a
 * projected code). A plain form that goes to the join link, `?join=<code>&lang=<lang>`: the live
 * chunk loaded there reads the code, and a malformed one gets its message on the join card. So the
 * landing page carries two strings and this markup, and none of the live mode.
 */
export function JoinForm() {
  const { t, lang } = useT()
  const id = useId()
  return (
    <form className="join-form" method="get" action="">
      <label htmlFor={id}>{t('live.joinCode')}</label>
      <input
        id={id}
        name="join"
        placeholder="ABCD-2345"
        autoCapitalize="characters"
        autoComplete="off"
        spellCheck={false}
        maxLength={40}
        required
      />
      <input type="hidden" name="lang" value={lang} />
      <button className="btn btn-small">{t('live.joinButton')}</button>
    </form>
  )
}
