/**
 * CPU time used by the browser the bench launched, all its processes included (Linux /proc), read
 * around the orbit: CPU milliseconds per frame is the cost of a frame in
 * the renderer and GPU processes (SwiftShader draws on the CPU), and unlike wall-clock frame time
 * it barely moves when other work on a shared machine takes the cores away.
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

let ticksPerSecond: number | null = null
function clockTicks(): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
  return ticksPerSecond
}

type Proc = [parent: number, ticks: number, name: string]

/** pid -> [parent pid, user + system ticks, command name] for every process we can read. */
function processTable(): Map<number, Proc> {
  const table = new Map<number, Proc>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      // The command name (field 2) may contain spaces: split after its closing parenthesis.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      table.set(Number(entry), [Number(fields[1]), Number(fields[11]) + Number(fields[12]), name])
    } catch {
      // The process ended while we were reading.
    }
  }
  return table
}

/**
 * CPU milliseconds used so far by the child processes of this process named `name` (Playwright
 * runs the browser it launches as our child) and all their descendants. Ended processes no longer
 * count, so take differences over a span in which none ends.
 */
export function childrenCpuMs(name = 'chromium'): number {
  const table = processTable()
  const children = new Map<number, number[]>()
  for (const [child, [parent]] of table) children.set(parent, [...(children.get(parent) ?? []), child])
  let ticks = 0
  const stack = (children.get(process.pid) ?? []).filter((pid) => table.get(pid)?.[2] === name)
  while (stack.length) {
    const p = stack.pop()!
    ticks += table.get(p)?.[1] ?? 0
    stack.push(...(children.get(p) ?? []))
  }
  return (ticks * 1000) / clockTicks()
}
