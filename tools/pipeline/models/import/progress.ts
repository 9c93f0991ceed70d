/**
 * Progress of long steps on stderr: a bar redrawn in place on a terminal, plain lines otherwise
 * (a CI log or a file), so a 200 MB scan does not look stuck and logs stay readable.
 */
export type Progress = (step: string, done: number, total: number) => void

const BAR = 24

export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  let lastLine = ''
  return (step, done, total) => {
    if (stream.isTTY) {
      const filled = total > 0 ? Math.round((done / total) * BAR) : 0
      const line = `${step.padEnd(28)} [${'#'.repeat(filled)}${' '.repeat(BAR - filled)}] ${done}/${total}`
      if (line === lastLine) return
      lastLine = line
      stream.write(`\r${line}${done >= total ? '\n' : ''}`)
      return
    }
    // Plain lines, one per tick (steps tick once per texture or pass, not per pixel).
    const line = `${step}: ${done}/${total}`
    if (line !== lastLine) stream.write(`${line}\n`)
    lastLine = line
  }
}

export const noProgress: Progress = () => {}
