/**
 * A live group tour's address (docs/live.md): `?mode=guide&tour=<id>` starts one as its guide,
 * `?join=<code>` joins one as a follower (a malformed code still opens the join card, which says so).
 * Read by the live chunk only; the boot config just tells the page shell that the address is one
 * (`BootConfig.live`), so a visitor who is not in a group carries none of this.
 */
import { isTourId } from '../content/urls'
import { normalizeJoinCode } from './join-code'

export type LiveBoot =
  { role: 'guide'; tour: string } | { role: 'follower'; code: string | null; typed: string }

export function readLiveBoot(search: string): LiveBoot | null {
  const params = new URLSearchParams(search)
  const tour = params.get('tour')
  const join = params.get('join')
  return params.get('mode') === 'guide' && tour && isTourId(tour)
    ? { role: 'guide', tour }
    : join !== null
      ? { role: 'follower', code: normalizeJoinCode(join), typed: join.slice(0, 40) }
      : null
}
