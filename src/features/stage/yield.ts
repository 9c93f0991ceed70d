/**
 * Give the main thread back to the browser between two heavy steps of loading the 3D view
 * (creating the WebGL context, parsing a model, compiling its shaders), so a tap or a key pressed
 * meanwhile is handled at once instead of after the whole chain: one long task becomes several
 * short ones, with no work removed and nothing waiting longer than a task's turn.
 *
 * `scheduler.yield()` where the browser has it (Chromium 129+: the continuation keeps its place
 * ahead of other queued work), else a MessageChannel message (a task without setTimeout's 4 ms
 * clamp after nesting, nor its throttling in background tabs).
 */
type Scheduler = { yield?: () => Promise<void> }

export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler
  if (typeof scheduler?.yield === 'function') return scheduler.yield()
  return new Promise((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      channel.port1.close()
      resolve()
    }
    channel.port2.postMessage(null)
  })
}

/**
 * For a loop of small steps: `await slice()` between steps yields only once the current task has
 * run for `budgetMs`, so the steps share few tasks (each one yield costs a turn, during which the
 * 3D view may draw a frame) while none grows long. 40 ms keeps every task under the 50 ms that
 * counts as a long task, with room for the step that crosses the line.
 */
export function timeSlicer(budgetMs = 40): () => Promise<void> {
  let start = performance.now()
  return async () => {
    if (performance.now() - start < budgetMs) return
    await yieldToMain()
    start = performance.now()
  }
}
