/**
 * `npm run kiosk`: runs Portage as an unattended kiosk on this machine. It serves the built app
 * (tools/server/serve.mjs) on 127.0.0.1 and opens Chromium in kiosk mode on `/?mode=kiosk`, then
 * watches both: a browser or server that exits or crashes is restarted, after a back-off that
 * grows with repeated failures; a kiosk page that stops sending its heartbeat (hung, or showing
 * "Aw, Snap!") gets its browser restarted. Everything is logged with times, to the terminal and to
 * a log file. The operator screen's "Close the kiosk" stops it all. See docs/kiosk.md.
 *
 *   npm run kiosk -- [--port 4180] [--browser PATH] [--profile DIR] [--log FILE] [--config FILE]
 *                    [--hang-timeout 45] [--url URL] [--flag --some-chromium-flag ...]
 *   npm run kiosk -- --set-pin [--config FILE]       asks for a new operator PIN, writes its hash
 *   npm run kiosk -- --install-policy [--port 4180]  writes the browser policy (Linux, as root)
 *
 * The kiosk configuration (scenes/kiosk.json, or --config) is served to the kiosk by this launcher
 * only, while it runs: a build for the public web does not contain it (docs/kiosk.md).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { KIOSK_CONFIG_PATH, parseKioskConfig, PIN_ISSUE_PATH } from '../../src/core/kiosk/config'
import { chromiumArgs, findBrowser, prepareProfile } from './chromium'
import { kioskPolicy, linuxPolicyDir, POLICY_FILE_NAME, readPolicyStatus } from './policy'
import { readNewPin, setPinInConfig } from './set-pin'
import { DEFAULT_BACKOFF, isHung, nextRestart, type Backoff } from './supervisor'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

type Options = {
  port: number
  url: string | null
  browser: string | undefined
  profile: string
  log: string
  headless: boolean
  debugPort: number | undefined
  hangTimeoutMs: number
  startGraceMs: number
  backoff: Backoff
  flags: string[]
  /** The kiosk configuration this launcher serves to its kiosk. */
  config: string
  setPin: boolean
  installPolicy: boolean
}

function parseArgs(argv: string[]): Options {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`)
    return i >= 0 ? argv[i + 1] : undefined
  }
  const num = (name: string, fallback: number) => {
    const v = get(name)
    const n = v === undefined ? NaN : Number(v)
    return Number.isFinite(n) ? n : fallback
  }
  const home = join(homedir(), '.portage-kiosk')
  const flags: string[] = []
  argv.forEach((a, i) => a === '--flag' && argv[i + 1] && flags.push(argv[i + 1]!))
  return {
    port: num('port', Number(process.env['PORTAGE_KIOSK_PORT'] ?? 4180)),
    url: get('url') ?? null,
    browser: get('browser') ?? process.env['PORTAGE_KIOSK_BROWSER'] ?? process.env['CHROMIUM_PATH'],
    profile: get('profile') ?? join(home, 'profile'),
    log: get('log') ?? join(home, 'kiosk.log'),
    headless: argv.includes('--headless'),
    debugPort: get('debug-port') === undefined ? undefined : num('debug-port', 0),
    hangTimeoutMs: num('hang-timeout', 45) * 1000,
    startGraceMs: num('start-grace', 180) * 1000,
    backoff: {
      minMs: num('backoff-min', DEFAULT_BACKOFF.minMs / 1000) * 1000,
      maxMs: num('backoff-max', DEFAULT_BACKOFF.maxMs / 1000) * 1000,
      stableMs: num('stable-after', DEFAULT_BACKOFF.stableMs / 1000) * 1000,
    },
    flags,
    config: resolve(get('config') ?? join(ROOT, KIOSK_CONFIG_PATH)),
    setPin: argv.includes('--set-pin'),
    installPolicy: argv.includes('--install-policy'),
  }
}

const options = parseArgs(process.argv.slice(2))
const LOG_ROTATE_BYTES = 5_000_000

function log(message: string) {
  const line = `${new Date().toISOString()} ${message}`
  console.log(line)
  try {
    mkdirSync(dirname(options.log), { recursive: true })
    if (existsSync(options.log) && statSync(options.log).size > LOG_ROTATE_BYTES)
      renameSync(options.log, `${options.log}.1`)
    appendFileSync(options.log, `${line}\n`)
  } catch {
    // the terminal still has it
  }
}

/** Check the kiosk configuration now, so the operator reads its problems at start. */
function reportConfig() {
  const file = options.config
  const languages = readdirSync(join(ROOT, 'src/core/i18n/locales')).map((f) => f.replace(/\.json$/, ''))
  const { config, issues } = parseKioskConfig(existsSync(file) ? readFileSync(file, 'utf8') : null, {
    languages,
  })
  log(
    `config: ${file}: tours ${config.tours.join(', ') || '(all)'}, ` +
      `idle ${config.idleTimeoutSeconds} s + ${config.warningSeconds} s, language ${config.language}`,
  )
  for (const i of issues) log(`config: ${i.severity}: ${i.path || '(file)'} ${i.message}`)
  // The operator reads the PIN's state here (and on the kiosk's PIN pad), never a visitor.
  if (!issues.some((i) => i.path === PIN_ISSUE_PATH)) log('operator PIN: set (salted, slow hash)')
  else log('operator PIN: NOT SET: the operator functions are closed; run `npm run kiosk -- --set-pin`')
}

/**
 * The configuration reaches the kiosk only from this launcher: it is put into the served folder
 * while the launcher runs (a public build has none) and taken away when it stops. Its compressed
 * siblings, should any exist, would be stale: removed.
 */
const servedConfig = join(ROOT, 'dist', KIOSK_CONFIG_PATH)
function publishConfig() {
  unpublishConfig()
  if (options.url || !existsSync(options.config)) return
  mkdirSync(dirname(servedConfig), { recursive: true })
  writeFileSync(servedConfig, readFileSync(options.config))
}
function unpublishConfig() {
  for (const suffix of ['', '.br', '.gz']) rmSync(`${servedConfig}${suffix}`, { force: true })
}

/** The browser's managed policy (tools/kiosk/policy.ts): in force or not, said at every start. */
function reportPolicy(browserPath: string) {
  const origin = new URL(kioskUrl()).origin
  const status = readPolicyStatus(browserPath, origin)
  if (status.inForce)
    log(`browser policy: in force (${status.where}): only ${origin}, no developer tools, no downloads`)
  else if (!status.canCheck)
    log(`browser policy: cannot be checked on ${process.platform} ${status.where}; see docs/kiosk.md`)
  else
    log(
      `browser policy: NOT in force (${status.where}; missing ${status.missing.join(', ')}): visitors may ` +
        'reach developer tools, other sites or files through browser shortcuts. ' +
        (process.platform === 'linux'
          ? `Run \`sudo npm run kiosk -- --install-policy --port ${options.port}\` once, or see docs/kiosk.md`
          : 'See docs/kiosk.md to apply it'),
    )
}

function installPolicy(browserPath: string) {
  const origin = new URL(kioskUrl()).origin
  const policy = `${JSON.stringify(kioskPolicy(origin), null, 2)}\n`
  if (process.platform !== 'linux') {
    console.log(
      `On ${process.platform} the policy is set by the registry, Group Policy or a profile (docs/kiosk.md):`,
    )
    console.log(policy)
    return 1
  }
  const dir = linuxPolicyDir(browserPath)
  try {
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, POLICY_FILE_NAME), policy, { mode: 0o644 })
  } catch (e) {
    console.error(
      `Could not write ${join(dir, POLICY_FILE_NAME)} (${(e as Error).message}): run it as root (sudo).`,
    )
    return 1
  }
  console.log(`Wrote ${join(dir, POLICY_FILE_NAME)}: ${browserPath} now allows only ${origin}.`)
  return 0
}

/** Stop a process and everything it started (Chromium's renderers, GPU process, ...). */
function killTree(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  if (process.platform === 'win32') {
    spawnSync('taskkill', ['/pid', String(child.pid), '/T', '/F'])
    return
  }
  try {
    process.kill(-child.pid, signal) // its own process group (spawned detached)
  } catch {
    child.kill(signal)
  }
}

/**
 * The browser's process id is kept next to its profile: a launcher that was killed hard (power
 * button, kill -9) left its browser running, and the next launcher stops it before starting its own
 * (two browsers cannot share a profile). Only a process still showing that profile is stopped.
 */
const pidFile = () => `${options.profile}.browser.pid`

function stopLeftoverBrowser() {
  const file = pidFile()
  if (!existsSync(file)) return
  const pid = Number(readFileSync(file, 'utf8'))
  rmSync(file, { force: true })
  if (!Number.isInteger(pid) || pid <= 0 || process.platform !== 'linux') return
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
    if (!cmdline.includes(options.profile)) return
    process.kill(-pid, 'SIGKILL')
    log(`stopped the browser a previous launcher left running (pid ${pid})`)
  } catch {
    // gone already
  }
}

let stopping = false
let server: ChildProcess | null = null
let browser: ChildProcess | null = null
let serverFailures = 0
let browserFailures = 0
let beats = { startedAt: 0, lastBeatAt: 0 }
let restartTimer: NodeJS.Timeout | undefined

const LAUNCH_SECRET = randomBytes(32).toString('base64url')

const kioskUrl = () => options.url ?? `http://127.0.0.1:${options.port}/?mode=kiosk`

function startServer() {
  if (options.url || stopping) return
  const started = Date.now()
  server = spawn(
    process.execPath,
    [join(ROOT, 'tools/server/serve.mjs'), '--host', '127.0.0.1', '--port', String(options.port)],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      // One secret for the whole launch, so a restarted server still accepts the page's heartbeat
      // and quit without the page having to ask for a new one (tools/server/kiosk-channel.mjs).
      env: { ...process.env, PORTAGE_KIOSK_SECRET: LAUNCH_SECRET },
    },
  )
  log(`server started (pid ${server.pid}) on http://127.0.0.1:${options.port}/`)
  server.stderr?.on('data', (d: Buffer) => log(`server: ${d.toString().trim()}`))
  server.on('message', (m: { type?: string }) => {
    if (m.type === 'heartbeat') {
      // The first beat of each browser is logged: the operator (and the launcher's test) can tell a
      // page that never came up from one that came up and then went silent.
      if (beats.lastBeatAt === 0 && browser)
        log(
          `kiosk page reporting, ${((Date.now() - beats.startedAt) / 1000).toFixed(0)} s after the browser started`,
        )
      beats.lastBeatAt = Date.now()
    }
    if (m.type === 'quit') {
      log('quit asked from the operator screen')
      void shutdown(0)
    }
  })
  server.on('exit', (code, signal) => {
    if (stopping) return
    const { failures, delayMs } = nextRestart(serverFailures, Date.now() - started, options.backoff)
    serverFailures = failures
    log(
      `server exited (${signal ?? `code ${code}`}); restart #${failures} in ${(delayMs / 1000).toFixed(1)} s`,
    )
    setTimeout(startServer, delayMs)
  })
}

async function waitForServer(timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs
  while (Date.now() < until && !stopping) {
    try {
      if ((await fetch(kioskUrl())).ok) return true
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  return false
}

function startBrowser(path: string) {
  if (stopping) return
  prepareProfile(options.profile)
  const args = chromiumArgs({
    url: kioskUrl(),
    profile: options.profile,
    headless: options.headless,
    debugPort: options.debugPort,
    extra: options.flags,
  })
  // Chromium refuses to run as root without this; a kiosk should run as a normal user (docs/kiosk.md).
  if (process.getuid?.() === 0) args.unshift('--no-sandbox')
  const started = Date.now()
  beats = { startedAt: started, lastBeatAt: 0 }
  browser = spawn(path, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: process.platform !== 'win32' })
  const child = browser
  log(`browser started (pid ${child.pid}): ${path}`)
  if (child.pid) writeFileSync(pidFile(), String(child.pid))
  // The browser's last words, for the log when it exits.
  const stderr: string[] = []
  child.stderr?.on('data', (d: Buffer) => {
    stderr.push(
      ...d
        .toString()
        .split('\n')
        .filter((l) => l.trim()),
    )
    stderr.splice(0, Math.max(0, stderr.length - 5))
  })
  child.on('exit', (code, signal) => {
    if (code) for (const line of stderr) log(`browser: ${line}`)
    if (browser === child) browser = null
    if (stopping) return
    const ran = Date.now() - started
    const { failures, delayMs } = nextRestart(browserFailures, ran, options.backoff)
    browserFailures = failures
    // Its renderers and GPU process go with it.
    killTree(child, 'SIGKILL')
    log(
      `browser exited (${signal ?? `code ${code}`}) after ${(ran / 1000).toFixed(0)} s; ` +
        `restart #${failures} in ${(delayMs / 1000).toFixed(1)} s`,
    )
    restartTimer = setTimeout(() => startBrowser(path), delayMs)
  })
}

/** A kiosk page that stopped beating is hung: restart its browser (the exit handler does). */
function watchHeartbeat() {
  setInterval(() => {
    if (!browser || stopping || options.url) return
    if (isHung(beats, Date.now(), options.hangTimeoutMs, options.startGraceMs)) {
      log(
        beats.lastBeatAt
          ? `kiosk page silent for ${((Date.now() - beats.lastBeatAt) / 1000).toFixed(0)} s: restarting the browser`
          : 'kiosk page never reported: restarting the browser',
      )
      beats.lastBeatAt = Date.now() // one restart per silence
      killTree(browser, 'SIGKILL')
    }
  }, 1000).unref()
}

async function shutdown(code: number) {
  if (stopping) return
  stopping = true
  clearTimeout(restartTimer)
  log('stopping')
  if (browser) killTree(browser)
  if (server) killTree(server)
  unpublishConfig()
  setTimeout(() => {
    if (browser) killTree(browser, 'SIGKILL')
    rmSync(pidFile(), { force: true })
    process.exit(code)
  }, 1500).unref()
}

async function main() {
  if (options.setPin) {
    const pin = await readNewPin()
    if (!pin) process.exit(1)
    setPinInConfig(options.config, pin)
    console.log(
      `The operator PIN is set in ${options.config} (its salted hash only; the digits are kept nowhere).`,
    )
    process.exit(0)
  }
  if (options.installPolicy) {
    const path = findBrowser(options.browser)
    if (!path) process.exit(1)
    process.exit(installPolicy(path))
  }
  log(`Portage kiosk launcher (node ${process.version}, ${process.platform})`)
  if (process.getuid?.() === 0)
    log('running as root: the browser runs without its sandbox; use a normal user account')
  const path = findBrowser(options.browser)
  if (!path) {
    log(
      options.browser
        ? `browser not found at ${options.browser}`
        : 'no Chromium, Chrome or Edge found: pass --browser /path/to/chrome (see docs/kiosk.md)',
    )
    process.exit(1)
  }
  if (!options.url && !existsSync(join(ROOT, 'dist/index.html'))) {
    log('dist/ is missing: run `npm run build` (npm run kiosk does it)')
    process.exit(1)
  }
  reportConfig()
  reportPolicy(path)
  publishConfig()
  stopLeftoverBrowser()
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => void shutdown(0))
  startServer()
  if (!(await waitForServer())) log(`the app did not answer at ${kioskUrl()}; starting the browser anyway`)
  startBrowser(path)
  watchHeartbeat()
}

void main()
