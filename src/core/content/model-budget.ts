/**
 * The site models' budget: every model and proxy must stay within it. Data in the core so that the
 * Node pipeline (tools/pipeline/models) and the studio's import report read the same numbers.
 */
export const MODEL_BUDGET = {
  /** Bytes per model file (1.5 MB, decimal, to be safe). */
  maxModelBytes: 1_500_000,
  /** Bytes per proxy file (80 KB). */
  maxProxyBytes: 80_000,
  /** Primitives in the scene graph, i.e. draw calls with the whole site in view. */
  maxDrawCalls: 60,
  maxTriangles: 150_000,
} as const
