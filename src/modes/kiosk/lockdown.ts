/**
 * Kiosk lockdown in the page: no context menu, no text selection or dragging, no page zoom (pinch,
 * Ctrl+wheel, Ctrl+plus), no pull-to-refresh, no back navigation, no browser shortcuts that leave
 * or cover the app, and no link or window to another site. The browser's own kiosk flags (see
 * tools/kiosk/chromium.ts) and OS settings do the rest; docs/kiosk.md says which is which.
 */

/** Where typing and selecting stay allowed (the operator's PIN pad). */
const EDITABLE = 'input, textarea, [contenteditable="true"], [data-kiosk-editable]'

/** Keys the browser would act on with Ctrl (or Cmd): zoom, reload, print, save, open, find, ... */
const BLOCKED_CTRL_KEYS = new Set([
  '+',
  '=',
  '-',
  '_',
  '0',
  'r',
  'p',
  's',
  'o',
  'u',
  'f',
  'g',
  'h',
  'j',
  'd',
  'l',
  'n',
  't',
  'e',
  'k',
  'w',
  'q',
  'b',
  'y',
  'a',
  'tab',
])
const BLOCKED_KEYS = new Set([
  'F1',
  'F3',
  'F5',
  'F6',
  'F7',
  'F10',
  'F11',
  'F12',
  'BrowserBack',
  'BrowserForward',
  'BrowserHome',
  'BrowserRefresh',
  'BrowserSearch',
  'BrowserFavorites',
  'ContextMenu',
])

export const KIOSK_VIEWPORT =
  'width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no, viewport-fit=cover'

function isEditable(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest(EDITABLE) !== null
}

/** Whether the browser would act on this key press instead of the app. */
export function isBlockedKey(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
  editable = false,
): boolean {
  if (BLOCKED_KEYS.has(e.key)) return true
  if ((e.ctrlKey || e.metaKey) && BLOCKED_CTRL_KEYS.has(e.key.toLowerCase())) return true
  // Developer tools: Ctrl+Shift+I/J/C.
  // Developer tools: Ctrl+Shift+I/J/C, and Cmd+Alt+I/J/C on a Mac.
  if ((e.ctrlKey || e.metaKey) && (e.shiftKey || e.altKey) && ['i', 'j', 'c'].includes(e.key.toLowerCase()))
    return true
  // History: Alt+Left/Right; the address bar: Alt+D; Alt+Home opens the home page.
  if (e.altKey && ['ArrowLeft', 'ArrowRight', 'Home', 'd', 'D'].includes(e.key)) return true
  // Alt+F4 closes the window (Windows), Alt alone or F10 opens the menu.
  if (e.altKey && (e.key === 'F4' || e.key === 'Alt')) return true
  // Backspace outside a field was "back" in older browsers.
  if (e.key === 'Backspace' && !editable) return true
  return false
}

export function installLockdown(win: Window): () => void {
  const doc = win.document
  const off: (() => void)[] = []
  const on = <K extends keyof WindowEventMap>(
    type: K,
    handler: (e: WindowEventMap[K]) => void,
    options: AddEventListenerOptions = { capture: true, passive: false },
  ) => {
    win.addEventListener(type, handler, options)
    off.push(() => win.removeEventListener(type, handler, options))
  }

  on('contextmenu', (e) => e.preventDefault())
  on('selectstart', (e) => !isEditable(e.target) && e.preventDefault())
  on('dragstart', (e) => e.preventDefault())
  // Ctrl+wheel and trackpad pinches arrive as wheel events with ctrlKey: page zoom.
  on('wheel', (e) => e.ctrlKey && e.preventDefault())
  // Safari's pinch events.
  for (const type of ['gesturestart', 'gesturechange', 'gestureend'] as const) {
    const h = (e: Event) => e.preventDefault()
    doc.addEventListener(type, h, { passive: false })
    off.push(() => doc.removeEventListener(type, h))
  }
  // Two fingers on the page (not on the 3D view, which handles its own pinch) would zoom it.
  on('touchmove', (e) => {
    if (e.touches.length > 1 && !(e.target instanceof Element && e.target.closest('.stage-focus')))
      e.preventDefault()
  })
  on('keydown', (e) => {
    if (isBlockedKey(e, isEditable(e.target))) e.preventDefault()
  })
  // Mouse buttons other than the main one: back / forward (3, 4), the middle button's autoscroll
  // and "open in a new tab" (1, on auxclick), whatever the target.
  for (const type of ['mouseup', 'mousedown', 'auxclick'] as const)
    on(type, (e) => e.button !== 0 && e.button !== 2 && e.preventDefault())
  on('auxclick', (e) => e.preventDefault())
  // Links: nothing leaves the app (sources are shown as text and a QR code instead). A click with a
  // modifier (Ctrl/Cmd: new tab, Shift: new window, Alt: download) or another button opens a copy of
  // the app outside the kiosk, even on a link to this very origin (the brand link): refused on
  // every link. A plain click on a link of this origin is the app's own navigation.
  const linkOf = (e: MouseEvent) => {
    const a = e.target instanceof Element ? e.target.closest('a[href], area[href]') : null
    return a instanceof HTMLAnchorElement || a instanceof HTMLAreaElement ? a : null
  }
  on('click', (e) => {
    const a = linkOf(e)
    if (!a) return
    const modified = e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button !== 0
    const leaves =
      new URL(a.href, win.location.href).origin !== win.location.origin ||
      (a.target !== '' && a.target !== '_self') ||
      a.hasAttribute('download')
    if (modified || (leaves && !a.hasAttribute('data-kiosk-allow'))) e.preventDefault()
  })
  // After the app's own handlers: a plain click on a same-origin link the app did not take would
  // load that address, out of kiosk mode. The kiosk stays where it is.
  on(
    'click',
    (e) => {
      const a = linkOf(e)
      if (!a || e.defaultPrevented || a.hasAttribute('data-kiosk-allow')) return
      const to = new URL(a.href, win.location.href)
      if (to.searchParams.get('mode') !== 'kiosk') e.preventDefault()
    },
    { capture: false, passive: false },
  )
  const open = win.open
  win.open = () => null
  off.push(() => (win.open = open))

  // Back navigation: a trap entry in the history; Back lands on it and is pushed forward again.
  const trap = () => win.history.pushState({ portageKiosk: true }, '', win.location.href)
  trap()
  on('popstate', trap, { capture: false })

  // No pinch zoom from the viewport either, and CSS for selection, callouts and overscroll.
  let meta = doc.querySelector<HTMLMetaElement>('meta[name="viewport"]')
  if (!meta) {
    meta = doc.createElement('meta')
    meta.name = 'viewport'
    doc.head.append(meta)
  }
  const viewport = meta.content
  meta.content = KIOSK_VIEWPORT
  doc.documentElement.setAttribute('data-kiosk', '')
  off.push(() => {
    meta.content = viewport
    doc.documentElement.removeAttribute('data-kiosk')
  })

  return () => {
    for (const f of off.splice(0)) f()
  }
}
