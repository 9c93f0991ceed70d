// Size budgets for the visitor's path (docs/budgets.md): `npm run size`, after `npm run build`.
// The files of each budget come from the build (tools/build/size-budgets.mjs), their limits from
// tools/build/size-baseline.json; SIZE_DIST=<folder> checks another build than dist/.
import { sizeLimitChecks } from './tools/build/size-budgets.mjs'

export default sizeLimitChecks()
