import { describe, expect, it } from 'vitest'
import {
  browserCandidates,
  chromiumArgs,
  cleanExitPreferences,
  findBrowser,
  KIOSK_FLAGS,
} from '../../../tools/kiosk/chromium'
import {
  kioskPolicy,
  linuxPolicyDir,
  missingPolicy,
  parseRegQuery,
  readPolicyStatus,
  vendorOf,
  WINDOWS_KEYS,
} from '../../../tools/kiosk/policy'
import { DEFAULT_BACKOFF, isHung, nextRestart } from '../../../tools/kiosk/supervisor'

describe('kiosk launcher: restarts', () => {
  it('waits 1, 2, 4, ... s after quick failures, up to a minute', () => {
    let failures = 0
    const delays: number[] = []
    for (let i = 0; i < 9; i++) {
      const next = nextRestart(failures, 3000)
      failures = next.failures
      delays.push(next.delayMs / 1000)
    }
    expect(delays).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60])
  })
  it('starts again from 1 s after a healthy run', () => {
    expect(nextRestart(6, DEFAULT_BACKOFF.stableMs)).toEqual({ failures: 1, delayMs: 1000 })
  })
  it('a page that beat and went silent is hung; one that never beat, after the start grace', () => {
    expect(isHung({ startedAt: 0, lastBeatAt: 10_000 }, 40_000, 45_000, 180_000)).toBe(false)
    expect(isHung({ startedAt: 0, lastBeatAt: 10_000 }, 56_000, 45_000, 180_000)).toBe(true)
    expect(isHung({ startedAt: 0, lastBeatAt: 0 }, 170_000, 45_000, 180_000)).toBe(false)
    expect(isHung({ startedAt: 0, lastBeatAt: 0 }, 181_000, 45_000, 180_000)).toBe(true)
  })
})

describe('kiosk launcher: Chromium', () => {
  it('runs the kiosk URL full screen with the flags a kiosk needs, in its own profile', () => {
    const args = chromiumArgs({ url: 'http://127.0.0.1:4180/?mode=kiosk', profile: '/var/kiosk/profile' })
    for (const flag of [
      '--kiosk',
      '--noerrdialogs',
      '--disable-pinch',
      '--overscroll-history-navigation=0',
      '--disable-session-crashed-bubble',
      '--autoplay-policy=no-user-gesture-required',
      '--user-data-dir=/var/kiosk/profile',
    ])
      expect(args).toContain(flag)
    expect(args.at(-1)).toBe('http://127.0.0.1:4180/?mode=kiosk')
    expect(args.some((a) => a.startsWith('--remote-debugging'))).toBe(false)
    expect(args).not.toContain('--headless=new')
    expect(args).not.toContain('--incognito') // the offline copy and the statistics live in the profile
  })
  it('adds headless and a local debugging port only when asked (tests)', () => {
    const args = chromiumArgs({ url: 'u', profile: 'p', headless: true, debugPort: 0 })
    expect(args).toContain('--headless=new')
    expect(args).toContain('--remote-debugging-port=0')
    expect(args).toContain('--remote-debugging-address=127.0.0.1')
    expect(new Set(KIOSK_FLAGS).size).toBe(KIOSK_FLAGS.length)
  })
  it('finds Chromium, Chrome or Edge where each platform puts them', () => {
    const on = (files: string[]) => (p: string) => files.includes(p)
    expect(findBrowser(undefined, 'linux', {}, on(['/usr/bin/google-chrome']))).toBe('/usr/bin/google-chrome')
    const win = { PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)' }
    const edge = browserCandidates('win32', win).find((p) => p.endsWith('msedge.exe'))!
    expect(findBrowser(undefined, 'win32', win, on([edge]))).toBe(edge)
    expect(findBrowser('/opt/chrome', 'linux', {}, on([]))).toBeNull()
    expect(findBrowser(undefined, 'linux', {}, on([]))).toBeNull()
  })
  it('marks the last exit clean, so no "Restore pages?" ever shows, keeping other preferences', () => {
    const after = JSON.parse(
      cleanExitPreferences(
        JSON.stringify({ profile: { exit_type: 'Crashed', name: 'Kiosk' }, homepage: 'x' }),
      ),
    )
    expect(after.profile).toEqual({ exit_type: 'Normal', exited_cleanly: true, name: 'Kiosk' })
    expect(after.homepage).toBe('x')
    expect(JSON.parse(cleanExitPreferences('{broken')).profile.exit_type).toBe('Normal')
    expect(JSON.parse(cleanExitPreferences(null)).translate).toEqual({ enabled: false })
  })
})

describe('kiosk launcher: the browser policy', () => {
  const origin = 'http://127.0.0.1:4180'
  it('allows only the kiosk origin, with no developer tools and no downloads', () => {
    const p = kioskPolicy(origin)
    expect(p.DeveloperToolsAvailability).toBe(2)
    expect(p.URLBlocklist).toEqual(expect.arrayContaining(['*', 'file://*']))
    expect(p.URLAllowlist).toEqual([origin])
    expect(p.DownloadRestrictions).toBe(3)
    expect(missingPolicy(p, JSON.parse(JSON.stringify(p)) as Record<string, unknown>)).toEqual([])
  })
  it('says what is missing from the policy in force, and refuses other allowed origins', () => {
    const p = kioskPolicy(origin)
    expect(missingPolicy(p, {})).toEqual([
      'DeveloperToolsAvailability',
      'URLBlocklist',
      'URLAllowlist',
      'DownloadRestrictions',
    ])
    expect(missingPolicy(p, { ...p, URLAllowlist: [origin, 'https://example.com'] })).toEqual([
      'URLAllowlist (other origins allowed)',
    ])
    expect(missingPolicy(p, { ...p, DeveloperToolsAvailability: 0 })).toEqual(['DeveloperToolsAvailability'])
  })
  it('knows where each browser reads it', () => {
    expect(linuxPolicyDir('/usr/bin/chromium')).toBe('/etc/chromium/policies/managed')
    expect(linuxPolicyDir('/usr/bin/google-chrome-stable')).toBe('/etc/opt/chrome/policies/managed')
    expect(linuxPolicyDir('/usr/bin/microsoft-edge')).toBe('/etc/opt/edge/policies/managed')
    expect(vendorOf('C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe')).toBe('edge')
    expect(WINDOWS_KEYS[vendorOf('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe')]).toBe(
      'HKLM\\SOFTWARE\\Policies\\Google\\Chrome',
    )
  })
  it('reads the Windows registry as reg query prints it', () => {
    const key = WINDOWS_KEYS.chrome
    const output = [
      '',
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome',
      '    DeveloperToolsAvailability    REG_DWORD    0x2',
      '    DownloadRestrictions    REG_DWORD    0x3',
      '',
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome\\URLBlocklist',
      '    1    REG_SZ    *',
      '    2    REG_SZ    file://*',
      '    3    REG_SZ    chrome://*',
      '    4    REG_SZ    javascript://*',
      '',
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome\\URLAllowlist',
      `    1    REG_SZ    ${origin}`,
      '',
    ].join('\r\n')
    const found = parseRegQuery(output, key)
    expect(found).toMatchObject({
      DeveloperToolsAvailability: 2,
      DownloadRestrictions: 3,
      URLAllowlist: [origin],
    })
    expect(missingPolicy(kioskPolicy(origin), found)).toEqual([])
  })
  it('on Linux, reads the policy files of the browser’s folder (none here: not in force)', () => {
    const status = readPolicyStatus('/nonexistent/chromium', origin, 'linux')
    expect(status.canCheck).toBe(true)
    if (!status.inForce) expect(status.missing.length).toBeGreaterThan(0)
  })
})
