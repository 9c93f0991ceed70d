/**
 * The browser's managed policy, in force: what `npm run kiosk -- --install-policy` writes, Chromium
 * then obeys. Developer tools cannot reach the kiosk's page, another origin and file:// are refused,
 * and no download lands (the kiosk's own CSV export included).
 *
 * Chromium reads its managed policy only from a fixed machine folder (/etc/chromium/policies/managed
 * on Linux; its `--policy` switch is ignored by release builds). Writing there would lock every
 * other Chromium on the machine (other tests, other users), so each browser here runs in a mount
 * namespace of its own (`unshare`), where a scratch copy of /etc/chromium is mounted over the real
 * one: that browser, and the launcher writing its policy, see the scratch folder; nothing else does.
 * The same probe runs first without any policy, so each refusal is shown to be the policy's.
 */
import { chromium, expect, test, type Browser } from '@playwright/test'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { CHROMIUM_PATH } from '../../playwright.config'
import { kioskPolicy, linuxPolicyDir, POLICY_FILE_NAME } from '../../tools/kiosk/policy'
import { PORTS } from './ports'

/** The kiosk's origin (the launcher's `--port`) and another site, both on loopback. */
const KIOSK_PORT = PORTS.policyKiosk
const OTHER_PORT = PORTS.policyOther
const ORIGIN = `http://127.0.0.1:${KIOSK_PORT}`

test.setTimeout(180_000)
test.skip(process.platform !== 'linux', 'the policy folder is Linux’s; other platforms: docs/kiosk.md')

/** Where Chromium reads its policy, and the existing folder above it that the scratch copy replaces. */
const POLICY_DIR = linuxPolicyDir(CHROMIUM_PATH)
const MOUNT_POINT = (() => {
  let dir = POLICY_DIR
  while (!existsSync(dir)) dir = dirname(dir)
  return dir
})()
/** Not root: a user namespace too, in which mounting is allowed (Debian allows them by default). */
const UNSHARE = ['unshare', ...(process.getuid?.() === 0 ? [] : ['--map-root-user']), '--mount']
/** Runs its arguments with $0 mounted over $1. */
const MOUNTED = 'mount --bind "$0" "$1" && shift && exec "$@"'

const namespaces = (() => {
  if (process.platform !== 'linux' || MOUNT_POINT === '/etc' || MOUNT_POINT === '/') return false
  const probe = mkdtempSync(join(tmpdir(), 'portage-ns-'))
  const ok = spawnSync(UNSHARE[0]!, [...UNSHARE.slice(1), 'sh', '-c', MOUNTED, probe, MOUNT_POINT, 'true'])
  rmSync(probe, { recursive: true, force: true })
  return ok.status === 0
})()
test.skip(
  !namespaces,
  `cannot mount a scratch policy folder over ${MOUNT_POINT} in a namespace of its own (unshare --mount ` +
    'needs root or unprivileged user namespaces); the policy was not tried',
)

/** A small site: the kiosk's page, and the other origin that counts who reaches it. */
function serve(port: number, hits: string[]) {
  return new Promise<Server>((resolve) => {
    const server = createServer((req, res) => {
      hits.push(req.url ?? '')
      res.setHeader('Content-Type', 'text/html; charset=utf-8')
      res.end('<!doctype html><title>kiosk probe</title><p id="here">reached</p>')
    })
    server.listen(port, '127.0.0.1', () => resolve(server))
  })
}

type Run = { dir: string; profile: string; downloads: string; browser: ChildProcess; cdp?: Browser }

/** Chromium, headless, on the kiosk's page; with `etc` (a scratch /etc/chromium), in its namespace. */
async function startChromium(etc: string | null): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'portage-policy-'))
  const profile = join(dir, 'profile')
  const downloads = join(dir, 'Downloads')
  mkdirSync(join(profile, 'Default'), { recursive: true })
  mkdirSync(downloads)
  // Downloads go, without asking, to a folder of this run's own.
  writeFileSync(
    join(profile, 'Default', 'Preferences'),
    JSON.stringify({ download: { default_directory: downloads, prompt_for_download: false } }),
  )
  const args = [
    '--headless',
    '--no-sandbox',
    '--remote-debugging-port=0',
    `--user-data-dir=${profile}`,
    '--use-angle=swiftshader',
    '--enable-unsafe-swiftshader',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `${ORIGIN}/`,
  ]
  const [cmd, ...rest] = etc
    ? [...UNSHARE, 'sh', '-c', MOUNTED, etc, MOUNT_POINT, CHROMIUM_PATH, ...args]
    : [CHROMIUM_PATH, ...args]
  const browser = spawn(cmd!, rest, {
    stdio: 'ignore',
    detached: true,
    env: { ...process.env, HOME: dir },
  })
  const run: Run = { dir, profile, downloads, browser }
  const portFile = join(profile, 'DevToolsActivePort')
  await expect.poll(() => existsSync(portFile), { timeout: 60_000 }).toBe(true)
  const port = readFileSync(portFile, 'utf8').split('\n')[0]
  // The kiosk's page is up (the browser's own list, which needs no access to the page).
  await expect
    .poll(
      async () => {
        const list = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { url: string }[]
        return list.some((t) => t.url === `${ORIGIN}/`)
      },
      { timeout: 30_000 },
    )
    .toBe(true)
  run.cdp = await chromium.connectOverCDP(`http://127.0.0.1:${port}`)
  return run
}

async function stop(run: Run) {
  await run.cdp?.close().catch(() => {})
  // The browser and everything it started: the process group made for it.
  try {
    process.kill(-run.browser.pid!, 'SIGKILL')
  } catch {
    // already gone
  }
  rmSync(run.dir, { recursive: true, force: true })
}

/** The kiosk's page as DevTools sees it (none when developer tools are off). */
async function kioskPageOf(run: Run, expectOne: boolean) {
  const pages = () => run.cdp!.contexts().flatMap((c) => c.pages().filter((p) => p.url().startsWith(ORIGIN)))
  if (expectOne) await expect.poll(() => pages().length, { timeout: 20_000 }).toBeGreaterThan(0)
  return pages()[0]
}

/** Tries what a visitor might: another site, a local file, a download. */
async function escapes(run: Run, other: string[]) {
  const page = (await kioskPageOf(run, true))!
  const tryGo = async (url: string) => {
    try {
      await page.goto(url)
      return await page.locator('body').innerText()
    } catch (e) {
      return (e as Error).message.split('\n')[0]!
    }
  }
  // Playwright, attached, refuses downloads itself: give them back to the browser (and its policy).
  const session = await run.cdp!.newBrowserCDPSession()
  await session.send('Browser.setDownloadBehavior', { behavior: 'default' })
  // As the operator screen's "Export as CSV" does.
  await page.evaluate(() => {
    const a = document.createElement('a')
    a.href = URL.createObjectURL(new Blob(['date,metric\n'], { type: 'text/csv' }))
    a.download = 'portage-kiosk-stats.csv'
    document.body.append(a)
    a.click()
  })
  // Long enough for it to land (it does within a second without the policy) before the page moves on.
  await new Promise((r) => setTimeout(r, 3000))
  other.length = 0
  const otherSite = await tryGo(`http://127.0.0.1:${OTHER_PORT}/`)
  const otherHits = other.length
  const file = join(run.dir, 'local-file.txt')
  writeFileSync(file, 'a local file, read by the browser')
  const localFile = await tryGo(`file://${file}`)
  const landed = async () => readdirSync(run.downloads).filter((n) => n.endsWith('.csv')).length
  return { otherSite, otherHits, localFile, landed }
}

test('the policy --install-policy writes is in force: no developer tools, other origins, files or downloads', async () => {
  const hits: string[] = []
  const other: string[] = []
  const kioskServer = await serve(KIOSK_PORT, hits)
  const otherServer = await serve(OTHER_PORT, other)
  const etc = mkdtempSync(join(tmpdir(), 'portage-etc-chromium-'))
  const runs: Run[] = []
  try {
    // Without a policy, the probe gets through everywhere: the refusals below are the policy's.
    const open = await startChromium(null)
    runs.push(open)
    const page = (await kioskPageOf(open, true))!
    expect(await page.evaluate(() => document.getElementById('here')?.textContent)).toBe('reached')
    const free = await escapes(open, other)
    expect(free.otherSite).toContain('reached')
    expect(free.otherHits).toBeGreaterThan(0)
    expect(free.localFile).toContain('a local file, read by the browser')
    expect(await free.landed()).toBe(1)
    await stop(runs.pop()!)

    // The launcher writes the policy for its origin into the (scratch) machine folder.
    cpSync(MOUNT_POINT, etc, { recursive: true })
    const install = spawnSync(
      UNSHARE[0]!,
      [
        ...UNSHARE.slice(1),
        'sh',
        '-c',
        MOUNTED,
        etc,
        MOUNT_POINT,
        process.execPath,
        '--import',
        'tsx',
        'tools/kiosk/launcher.ts',
        '--install-policy',
        '--port',
        String(KIOSK_PORT),
        '--browser',
        CHROMIUM_PATH,
      ],
      { encoding: 'utf8' },
    )
    expect(install.status, install.stderr).toBe(0)
    expect(install.stdout).toContain(`now allows only ${ORIGIN}`)
    const written = join(etc, relative(MOUNT_POINT, POLICY_DIR), POLICY_FILE_NAME)
    const policy = JSON.parse(readFileSync(written, 'utf8')) as ReturnType<typeof kioskPolicy>
    expect(policy).toEqual(kioskPolicy(ORIGIN))

    // That policy in force: the kiosk's page loads, but DevTools (here, the debugging port the
    // test itself opened) cannot reach it, nor any other page.
    hits.length = 0
    const locked = await startChromium(etc)
    runs.push(locked)
    // The kiosk's own origin is allowed.
    await expect.poll(() => hits.includes('/')).toBe(true)
    await new Promise((r) => setTimeout(r, 2000))
    expect(await kioskPageOf(locked, false)).toBeUndefined()
    await stop(runs.pop()!)

    // To look inside the page, the same policy with developer tools allowed and nothing else
    // changed: another origin and file:// are refused by the browser, and no download lands.
    writeFileSync(written, JSON.stringify({ ...policy, DeveloperToolsAvailability: 0 }))
    const watched = await startChromium(etc)
    runs.push(watched)
    const blocked = await escapes(watched, other)
    expect(blocked.otherSite).toContain('ERR_BLOCKED_BY_ADMINISTRATOR')
    expect(blocked.otherHits).toBe(0)
    expect(blocked.localFile).toContain('ERR_BLOCKED_BY_ADMINISTRATOR')
    expect(await blocked.landed()).toBe(0)
  } finally {
    for (const run of runs) await stop(run)
    kioskServer.close()
    otherServer.close()
    rmSync(etc, { recursive: true, force: true })
  }
})
