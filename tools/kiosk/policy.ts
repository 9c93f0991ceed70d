/**
 * The browser's own lockdown for a kiosk: what a page cannot block (new tab or window shortcuts,
 * developer tools, typing another address, file://, downloads) is closed by Chromium's managed
 * policy. Policies are machine settings that need an administrator: on Linux a JSON file under
 * /etc, on Windows the registry (or Group Policy), on macOS a configuration profile. The launcher
 * writes the file (Linux, `--install-policy`, as root), and on every start reads back what is in
 * force and says so in its console. docs/kiosk.md gives the steps per platform.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'

/** Chromium's policy names and values (chromeenterprise.google/policies). */
export function kioskPolicy(origin: string) {
  return {
    // 2: developer tools are not available at all (F12, Ctrl+Shift+I, the menu).
    DeveloperToolsAvailability: 2,
    // Only the kiosk's own origin: no other site, no file://, no chrome:// pages a visitor could reach.
    URLBlocklist: ['*', 'file://*', 'chrome://*', 'javascript://*'],
    URLAllowlist: [origin],
    // 3: no downloads at all.
    DownloadRestrictions: 3,
    AllowFileSelectionDialogs: false,
    // 1: no incognito windows; no guest or new profiles.
    IncognitoModeAvailability: 1,
    BrowserGuestModeEnabled: false,
    BrowserAddPersonEnabled: false,
    PrintingEnabled: false,
    PasswordManagerEnabled: false,
    AutofillAddressEnabled: false,
    AutofillCreditCardEnabled: false,
    TranslateEnabled: false,
    ExtensionInstallBlocklist: ['*'],
    TaskManagerEndProcessEnabled: false,
  } as const
}

export type KioskPolicy = ReturnType<typeof kioskPolicy>

/** The settings that make the lockdown; the others are comfort. */
export const ESSENTIAL = [
  'DeveloperToolsAvailability',
  'URLBlocklist',
  'URLAllowlist',
  'DownloadRestrictions',
] as const

/** What of the essential policy is missing from the policy in force (empty: all in force). */
export function missingPolicy(expected: KioskPolicy, found: Record<string, unknown>): string[] {
  const missing: string[] = []
  for (const name of ESSENTIAL) {
    const want = expected[name]
    const have = found[name]
    if (Array.isArray(want)) {
      const list = Array.isArray(have) ? have.map(String) : []
      if (!want.every((v) => list.includes(v))) missing.push(name)
    } else if (Number(have) !== want) missing.push(name)
  }
  // Anything on the allow-list beyond this origin is a hole in the lockdown.
  if (
    Array.isArray(found['URLAllowlist']) &&
    found['URLAllowlist'].some((v) => v !== expected.URLAllowlist[0])
  )
    missing.push('URLAllowlist (other origins allowed)')
  return missing
}

/** Linux: where each browser reads its managed policy files. */
export function linuxPolicyDir(browserPath: string): string {
  const name = basename(browserPath)
  if (/chrome/.test(name) && !/chromium/.test(name)) return '/etc/opt/chrome/policies/managed'
  if (/edge/.test(name)) return '/etc/opt/edge/policies/managed'
  return '/etc/chromium/policies/managed'
}

/** The file the launcher writes on Linux. */
export const POLICY_FILE_NAME = 'portage-kiosk.json'

/** Windows: the registry key of each browser's policies; macOS: the preference domain. */
export function vendorOf(browserPath: string): 'chrome' | 'chromium' | 'edge' {
  const p = browserPath.toLowerCase()
  if (p.includes('edge')) return 'edge'
  if (p.includes('chromium')) return 'chromium'
  return 'chrome'
}

export const WINDOWS_KEYS = {
  chrome: 'HKLM\\SOFTWARE\\Policies\\Google\\Chrome',
  chromium: 'HKLM\\SOFTWARE\\Policies\\Chromium',
  edge: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Edge',
} as const

export const MAC_DOMAINS = {
  chrome: 'com.google.Chrome',
  chromium: 'org.chromium.Chromium',
  edge: 'com.microsoft.Edge',
} as const

/**
 * `reg query <key> /s` output as policies: DWORD values as numbers, list policies (a subkey of
 * numbered string values) as arrays.
 */
export function parseRegQuery(output: string, key: string): Record<string, unknown> {
  const found: Record<string, unknown> = {}
  let list: string | null = null
  for (const raw of output.split(/\r?\n/)) {
    const line = raw.trimEnd()
    if (!line.trim()) continue
    if (/^HKEY_|^HKLM/i.test(line)) {
      const sub = line.slice(line.toLowerCase().indexOf(key.split('\\').slice(1).join('\\').toLowerCase()))
      const rest = sub.split('\\').slice(key.split('\\').length - 1)
      list = rest.length === 1 ? rest[0]! : null
      if (list) found[list] = []
      continue
    }
    const m = /^\s+(\S+)\s+(REG_DWORD|REG_SZ)\s+(.*)$/.exec(line)
    if (!m) continue
    const value = m[2] === 'REG_DWORD' ? Number(m[3]) : m[3]!
    if (list) (found[list] as unknown[]).push(value)
    else found[m[1]!] = value
  }
  return found
}

export type PolicyStatus = { inForce: boolean; where: string; missing: string[]; canCheck: boolean }

/** Reads the policy in force for this browser on this platform (never throws). */
export function readPolicyStatus(
  browserPath: string,
  origin: string,
  platform: NodeJS.Platform = process.platform,
): PolicyStatus {
  const expected = kioskPolicy(origin)
  const check = (where: string, found: Record<string, unknown> | null): PolicyStatus => {
    if (!found) return { inForce: false, where, missing: [...ESSENTIAL], canCheck: true }
    const missing = missingPolicy(expected, found)
    return { inForce: missing.length === 0, where, missing, canCheck: true }
  }
  try {
    if (platform === 'linux') {
      const dir = linuxPolicyDir(browserPath)
      if (!existsSync(dir)) return check(dir, null)
      const merged: Record<string, unknown> = {}
      for (const f of readdirSync(dir)
        .filter((n) => n.endsWith('.json'))
        .sort())
        Object.assign(merged, JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>)
      return check(dir, merged)
    }
    if (platform === 'win32') {
      const key = WINDOWS_KEYS[vendorOf(browserPath)]
      let output = ''
      try {
        output = execFileSync('reg', ['query', key, '/s'], { encoding: 'utf8' })
      } catch {
        return check(key, null)
      }
      return check(key, parseRegQuery(output, key))
    }
    if (platform === 'darwin') {
      const file = `/Library/Managed Preferences/${MAC_DOMAINS[vendorOf(browserPath)]}.plist`
      if (!existsSync(file)) return check(file, null)
      const json = execFileSync('plutil', ['-convert', 'json', '-o', '-', file], { encoding: 'utf8' })
      return check(file, JSON.parse(json) as Record<string, unknown>)
    }
  } catch (e) {
    return { inForce: false, where: `(${(e as Error).message})`, missing: [...ESSENTIAL], canCheck: false }
  }
  return { inForce: false, where: platform, missing: [...ESSENTIAL], canCheck: false }
}
