// A working example of the Portage embed API (portage/1): see docs/embed.md.
// No framework and no inline script, so it also runs under a strict Content Security Policy.
const PROTOCOL = 'portage/1'
const params = new URLSearchParams(location.search)

// Where the tour is served. Change the default to your own Portage server.
const PORTAGE = new URL(params.get('portage') ?? 'http://127.0.0.1:4173').origin

const src = new URL('/', PORTAGE)
src.searchParams.set('mode', 'embed')
src.searchParams.set('tour', params.get('tour') ?? 'parliament-hill')
for (const name of ['stop', 'hotspot', 'lang', 'autoplay', 'captions', 'controls'])
  if (params.has(name)) src.searchParams.set(name, params.get(name))

const frame = document.createElement('iframe')
frame.src = src.href
frame.title = 'Portage virtual tour: Parliament Hill and the Peace Tower'
frame.width = params.get('width') ?? '800'
frame.height = params.get('height') ?? '450'
// ?xr=0 leaves out xr-spatial-tracking: the tour then offers "Open full screen / in VR" in a new tab.
frame.allow =
  params.get('xr') === '0'
    ? 'fullscreen; autoplay'
    : 'xr-spatial-tracking; fullscreen; autoplay; clipboard-write'
frame.allowFullscreen = true
// An explicit policy, so the tour can tell this page's origin (where to send its events).
frame.referrerPolicy = 'strict-origin-when-cross-origin'
document.getElementById('frame-slot').replaceWith(frame)

/** Every event received, for whoever wants them (and for the tests of this page). */
const events = (window.portageEvents = [])
const log = document.getElementById('log')
const state = document.getElementById('state')

window.addEventListener('message', (e) => {
  // Only the tour in our iframe, from its own origin, speaking our protocol.
  if (e.source !== frame.contentWindow || e.origin !== PORTAGE) return
  const message = e.data
  if (!message || message.protocol !== PROTOCOL || typeof message.event !== 'string') return
  events.push(message)
  const { event, state: s, ...details } = message
  const item = document.createElement('li')
  item.dataset.event = event
  const name = document.createElement('strong')
  name.textContent = event
  item.append(name, ` ${JSON.stringify(details)}`)
  log.prepend(item)
  if (s) {
    const p = s.progress
    state.textContent =
      `Tour ${s.tour ?? '(none)'}, stop ${s.stop ?? '(none)'}, story ${s.hotspot ?? '(none)'}, ` +
      `language ${s.language}, narration ${s.narration}` +
      (p
        ? `, ${p.hotspotsVisited} of ${p.hotspotsTotal} stories heard${p.complete ? ' (tour complete)' : ''}`
        : '')
  }
})

let nextId = 1
function send(command) {
  // Name the tour's origin: a message never goes to whatever page the frame happens to show.
  frame.contentWindow.postMessage({ protocol: PROTOCOL, id: nextId++, ...command }, PORTAGE)
}
window.portageSend = send

document.getElementById('goto').addEventListener('submit', (e) => {
  e.preventDefault()
  const form = new FormData(e.currentTarget)
  const command = { command: 'goTo' }
  for (const key of ['stop', 'hotspot']) {
    const value = String(form.get(key) ?? '').trim()
    if (value) command[key] = value
  }
  send(command)
})
for (const button of document.querySelectorAll('button[data-command]'))
  button.addEventListener('click', () => {
    const { command, language } = button.dataset
    send(language ? { command, language } : { command })
  })
