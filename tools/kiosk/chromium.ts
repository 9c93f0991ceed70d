/**
 * Chromium for an unattended kiosk: which browser to run, with which flags, and a profile that
 * never asks to "restore pages" after a crash or a power cut. Pure functions where possible, so
 * the launcher's choices are unit-tested.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, win32 } from 'node:path'

/**
 * Flags for a kiosk, each for a reason:
 * - `--kiosk`: full screen, no address bar, no way to other tabs or windows.
 * - `--noerrdialogs`, `--disable-session-crashed-bubble`, `--hide-crash-restore-bubble`: no dialog
 *   or "Restore pages?" bubble in front of visitors after a crash or a power cut.
 * - `--disable-pinch`, `--overscroll-history-navigation=0`: no browser zoom by pinch, no back/forward
 *   by swipe (the 3D view still gets the fingers for its own pinch and drag).
 * - `--autoplay-policy=no-user-gesture-required`: narration may play before anyone touches.
 * - `--user-data-dir`: a profile of its own, kept between runs (it holds the offline copy and the
 *   statistics).
 * - `--password-store=basic`: no keyring unlock prompt on Linux desktops.
 * - `--disable-background-timer-throttling` and friends: the idle timer and the watchdog keep
 *   their pace even if a system notification covers the window.
 * - translation, first-run, default-browser, sync, notification and permission prompts off;
 *   component updates and update checks off (nothing is fetched from the internet).
 */
export const KIOSK_FLAGS = [
  '--kiosk',
  '--noerrdialogs',
  '--disable-session-crashed-bubble',
  '--hide-crash-restore-bubble',
  '--disable-pinch',
  '--overscroll-history-navigation=0',
  '--autoplay-policy=no-user-gesture-required',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-infobars',
  '--disable-translate',
  '--disable-features=Translate,TranslateUI,TouchpadOverscrollHistoryNavigation,MediaRouter,HardwareMediaKeyHandling',
  '--disable-sync',
  '--disable-notifications',
  '--deny-permission-prompts',
  '--password-store=basic',
  '--disable-component-update',
  '--check-for-update-interval=31536000',
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
  '--touch-events=enabled',
] as const

/** Extra flags for running the kiosk in tests: no screen, CPU-rendered WebGL. */
export const HEADLESS_FLAGS = [
  '--headless=new',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-gpu-sandbox',
] as const

export function chromiumArgs(options: {
  url: string
  profile: string
  headless?: boolean
  /** Remote debugging port (tests only: it lets local programs drive the browser). */
  debugPort?: number
  extra?: readonly string[]
}): string[] {
  return [
    ...KIOSK_FLAGS,
    `--user-data-dir=${options.profile}`,
    ...(options.headless ? HEADLESS_FLAGS : []),
    ...(options.debugPort !== undefined
      ? [`--remote-debugging-port=${options.debugPort}`, '--remote-debugging-address=127.0.0.1']
      : []),
    ...(options.extra ?? []),
    options.url,
  ]
}

/** Where Chromium, Chrome or Edge usually are, per platform, in order of preference. */
export function browserCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'win32') {
    const roots = [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env['LOCALAPPDATA']].filter(
      Boolean,
    ) as string[]
    return roots.flatMap((root) => [
      win32.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      win32.join(root, 'Chromium', 'Application', 'chrome.exe'),
      win32.join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
    ])
  }
  if (platform === 'darwin')
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ]
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/microsoft-edge',
  ]
}

export function findBrowser(
  explicit: string | undefined,
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = existsSync,
): string | null {
  if (explicit) return exists(explicit) ? explicit : null
  return browserCandidates(platform, env).find(exists) ?? null
}

/**
 * A profile's Preferences after an unclean exit say so, and Chromium then offers to restore the
 * last session. Marking the last exit clean before each start keeps that offer away for good.
 */
export function cleanExitPreferences(json: string | null): string {
  let prefs: Record<string, unknown> = {}
  try {
    const parsed = json ? (JSON.parse(json) as unknown) : {}
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      prefs = parsed as Record<string, unknown>
  } catch {
    prefs = {}
  }
  const profile = (typeof prefs['profile'] === 'object' && prefs['profile']) || {}
  return JSON.stringify({
    ...prefs,
    profile: { ...(profile as object), exit_type: 'Normal', exited_cleanly: true },
    // No translation bar, no "save password?" in front of visitors.
    translate: { enabled: false },
    credentials_enable_service: false,
  })
}

export function prepareProfile(dir: string) {
  const defaultDir = join(dir, 'Default')
  mkdirSync(defaultDir, { recursive: true })
  const file = join(defaultDir, 'Preferences')
  writeFileSync(file, cleanExitPreferences(existsSync(file) ? readFileSync(file, 'utf8') : null))
}
