/**
 * zod, as every browser-side module must use it. zod compiles fast parsers with `new Function`
 * after probing whether it may: under our CSP (no 'unsafe-eval') the probe is refused and
 * reported as a CSP violation. Our documents and messages are small: interpret. Import `z` from
 * here, never from 'zod' directly, so the setting holds in whichever chunk loads zod first (the
 * tour schema is no longer loaded on every page).
 */
import { z } from 'zod'

z.config({ jitless: true })

export { z }
