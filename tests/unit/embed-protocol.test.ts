/**
 * The embed postMessage protocol (portage/1): message schema, allow-list matching, commands on the
 * store, events derived from store changes, and the bridge that ties them to `window` — including
 * fuzzed messages that must never throw and never act.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { startEmbedBridge, type IgnoredReason } from '../../src/modes/embed/bridge'
import { executeCommand } from '../../src/modes/embed/commands'
import { deriveEvents } from '../../src/modes/embed/events'
import {
  isAllowedOrigin,
  parentOrigin,
  parseEmbedConfig,
  parseOriginPattern,
  type OriginPattern,
} from '../../src/modes/embed/origins'
import { parseCommand, PROTOCOL, type EmbedEvent } from '../../src/modes/embed/protocol'
import { createAppStore } from '../../src/state/store'
import { makeTour } from './tour-fixture'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { embedOrigins } from '../../tools/policy/security-policy.mjs'

const LANGS = ['en', 'fr']
const PARENT = 'https://school.example.org'

function loadedStore() {
  const store = createAppStore({ language: 'en', settings: { autoplay: false } })
  store.setState({ tours: new Map([['t', makeTour('t')]]) })
  return store
}
const patterns = (...entries: string[]) => entries.map((e) => parseOriginPattern(e)!)

describe('messages', () => {
  it('parses each command of portage/1', () => {
    expect(parseCommand({ protocol: PROTOCOL, command: 'goTo', stop: 'second', id: 7 })).toEqual({
      protocol: PROTOCOL,
      command: 'goTo',
      stop: 'second',
      id: 7,
    })
    for (const command of ['playNarration', 'pauseNarration', 'getState'])
      expect(parseCommand({ protocol: PROTOCOL, command })).toMatchObject({ command })
    expect(parseCommand({ protocol: PROTOCOL, command: 'setLanguage', language: 'fr' })).toMatchObject({
      language: 'fr',
    })
  })

  it.each([
    ['a string', 'goTo'],
    ['null', null],
    ['another version', { protocol: 'portage/2', command: 'getState' }],
    ['no version', { command: 'getState' }],
    ['an unknown command', { protocol: PROTOCOL, command: 'deleteEverything' }],
    ['a wrong type', { protocol: PROTOCOL, command: 'goTo', stop: 3 }],
    ['a missing field', { protocol: PROTOCOL, command: 'setLanguage' }],
    ['an over-long id', { protocol: PROTOCOL, command: 'getState', id: 'x'.repeat(101) }],
    ['an array', [PROTOCOL, 'getState']],
    ['an unknown field', { protocol: PROTOCOL, command: 'goTo', stop: 'second', extra: 1 }],
    ['a __proto__ field', JSON.parse('{"protocol":"portage/1","command":"goTo","__proto__":{"stop":"x"}}')],
  ])('rejects %s', (_name, data) => expect(parseCommand(data)).toBeNull())

  it('a hostile object (throwing getter) is rejected, not thrown', () => {
    const evil = Object.defineProperty({ protocol: PROTOCOL }, 'command', {
      get() {
        throw new Error('boom')
      },
      enumerable: true,
    })
    expect(parseCommand(evil)).toBeNull()
  })
})

describe('the allow-list', () => {
  it('matches exact origins, scheme and port included', () => {
    const p = patterns('https://school.example.org', 'http://127.0.0.1:4293')
    expect(isAllowedOrigin('https://school.example.org', p)).toBe(true)
    expect(isAllowedOrigin('http://127.0.0.1:4293', p)).toBe(true)
    expect(isAllowedOrigin('http://school.example.org', p)).toBe(false)
    expect(isAllowedOrigin('https://school.example.org:8443', p)).toBe(false)
    expect(isAllowedOrigin('http://127.0.0.1:4294', p)).toBe(false)
    expect(isAllowedOrigin('https://school.example.org.evil.test', p)).toBe(false)
    expect(isAllowedOrigin('https://evilschool.example.org', p)).toBe(false)
  })

  it('takes no wildcard: each page is named (as for embedding)', () => {
    expect(parseOriginPattern('https://*.instructure.com')).toBeNull()
  })

  it('is empty by default and then allows nobody', () => {
    expect(isAllowedOrigin(PARENT, [])).toBe(false)
    expect(isAllowedOrigin('null', patterns('https://school.example.org'))).toBe(false)
  })

  it('rejects entries that are not origins', () => {
    for (const bad of [
      '*',
      'https://*',
      'https://*.org',
      'school.example.org',
      'https://a.org/path',
      'ftp://a.org',
    ])
      expect(parseOriginPattern(bad), bad).toBeNull()
  })

  it('reads the config file, reporting every bad entry', () => {
    const c = parseEmbedConfig({
      version: 'portage.embed/1',
      allowedOrigins: ['https://ok.example.org', 'nope', '*'],
    })
    expect(c.patterns).toHaveLength(1)
    expect(c.problems).toHaveLength(2)
    expect(parseEmbedConfig({ version: 'portage.embed/9', allowedOrigins: [] }).problems).not.toEqual([])
    expect(parseEmbedConfig('garbage').patterns).toEqual([])
  })

  it('the shipped scenes/embed.json is valid and allows no one', () => {
    const json = JSON.parse(readFileSync('scenes/embed.json', 'utf8')) as unknown
    expect(parseEmbedConfig(json)).toEqual({ patterns: [], problems: [] })
    // The server reads the same file for who may embed: nobody else, by default.
    expect(embedOrigins(process.cwd(), {})).toEqual([])
  })

  it('a page allowed to send commands may also embed the tour (the server’s frame-ancestors)', () => {
    const root = mkdtempSync(join(tmpdir(), 'portage-embed-'))
    mkdirSync(join(root, 'scenes'))
    writeFileSync(
      join(root, 'scenes/embed.json'),
      JSON.stringify({
        version: 'portage.embed/1',
        origins: ['https://viewer.example'],
        allowedOrigins: ['https://school.example'],
      }),
    )
    expect(embedOrigins(root, {})).toEqual(['https://viewer.example', 'https://school.example'])
    const config = parseEmbedConfig(JSON.parse(readFileSync(join(root, 'scenes/embed.json'), 'utf8')))
    expect(config.problems).toEqual([])
    expect(isAllowedOrigin('https://school.example', config.patterns)).toBe(true)
    // Embedding is not commanding.
    expect(isAllowedOrigin('https://viewer.example', config.patterns)).toBe(false)
  })
})

describe('the parent origin', () => {
  const top = {} as unknown
  it('is the nearest ancestor origin where the browser tells it', () => {
    expect(
      parentOrigin({
        parent: top,
        location: { ancestorOrigins: ['https://school.example.org', 'https://lms.example'] },
        document: { referrer: 'https://other.example/page' },
      }),
    ).toBe('https://school.example.org')
  })
  it('else the referrer’s origin', () => {
    expect(
      parentOrigin({ parent: top, location: {}, document: { referrer: 'https://school.example.org/a?b' } }),
    ).toBe('https://school.example.org')
  })
  it('is unknown when not framed, hidden, or opaque', () => {
    const self = { location: {}, document: { referrer: 'https://x.example' } } as Parameters<
      typeof parentOrigin
    >[0]
    self.parent = self
    expect(parentOrigin(self)).toBeNull()
    expect(parentOrigin({ parent: top, location: {}, document: { referrer: '' } })).toBeNull()
    expect(
      parentOrigin({ parent: top, location: { ancestorOrigins: ['null'] }, document: { referrer: '' } }),
    ).toBe(null)
  })
})

describe('commands', () => {
  const run = (store: ReturnType<typeof loadedStore>, data: unknown) =>
    executeCommand(parseCommand(data)!, { store, languages: LANGS })

  it('goTo opens a stop or a story, and the reply carries the new state', () => {
    const store = loadedStore()
    const reply = run(store, { protocol: PROTOCOL, command: 'goTo', tour: 't', hotspot: 'e', id: 'a1' })
    expect(reply).toMatchObject({ event: 'reply', id: 'a1', command: 'goTo', ok: true })
    expect(reply.state).toMatchObject({ tour: 't', stop: 'third', stopIndex: 2, hotspot: 'e' })
    // Within the open tour, the tour may be left out.
    expect(run(store, { protocol: PROTOCOL, command: 'goTo', stop: 'second' }).state).toMatchObject({
      stop: 'second',
      hotspot: null,
    })
  })

  it('a goTo to something that does not exist changes nothing and says why', () => {
    const store = loadedStore()
    run(store, { protocol: PROTOCOL, command: 'goTo', tour: 't', stop: 'second' })
    const before = store.getState().engine
    for (const [data, error] of [
      [{ tour: 'atlantis' }, 'unknown-tour'],
      [{ stop: 'gone' }, 'unknown-stop'],
      [{ hotspot: 'gone' }, 'unknown-hotspot'],
      [{ stop: 'first', hotspot: 'e' }, 'unknown-hotspot'],
    ] as const) {
      expect(run(store, { protocol: PROTOCOL, command: 'goTo', ...data })).toMatchObject({ ok: false, error })
      expect(store.getState().engine).toBe(before)
    }
    expect(store.getState().notices).toEqual([])
  })

  it('narration commands need an open story; setLanguage only known languages', () => {
    const store = loadedStore()
    run(store, { protocol: PROTOCOL, command: 'goTo', tour: 't' })
    expect(run(store, { protocol: PROTOCOL, command: 'playNarration' })).toMatchObject({
      ok: false,
      error: 'no-hotspot-open',
    })
    run(store, { protocol: PROTOCOL, command: 'goTo', hotspot: 'a' })
    expect(run(store, { protocol: PROTOCOL, command: 'playNarration' }).state.narration).toBe('loading')
    store.getState().actions.narrationStarted()
    expect(run(store, { protocol: PROTOCOL, command: 'pauseNarration' }).state.narration).toBe('paused')
    expect(run(store, { protocol: PROTOCOL, command: 'setLanguage', language: 'fr' }).state.language).toBe(
      'fr',
    )
    expect(run(store, { protocol: PROTOCOL, command: 'setLanguage', language: 'de' })).toMatchObject({
      ok: false,
      error: 'unknown-language',
    })
  })

  it('a goTo to the story already open does not restart its narration', () => {
    const store = loadedStore()
    run(store, { protocol: PROTOCOL, command: 'goTo', tour: 't', hotspot: 'a' })
    store.getState().actions.playNarration()
    store.getState().actions.narrationStarted()
    run(store, { protocol: PROTOCOL, command: 'goTo', tour: 't', hotspot: 'a' })
    expect(store.getState().engine.narration.status).toBe('playing')
  })
})

describe('events derived from store changes', () => {
  function recording() {
    const store = loadedStore()
    const events: EmbedEvent[] = []
    store.subscribe((next, prev) => events.push(...deriveEvents(prev, next)))
    return { store, events, actions: store.getState().actions, names: () => events.map((e) => e.event) }
  }

  it('stopchange, hotspotopen and progress as the visitor moves', () => {
    const { actions, events, names } = recording()
    actions.openTour('t')
    expect(names()).toEqual(['stopchange', 'progress'])
    expect(events[0]).toMatchObject({ tour: 't', stop: 'first', stopIndex: 0, protocol: PROTOCOL })
    events.length = 0
    actions.openHotspot('b')
    expect(names()).toEqual(['hotspotopen', 'progress'])
    expect(events[0]).toMatchObject({ hotspot: 'b', value: 'democracy', state: { hotspot: 'b' } })
    expect(events[1]).toMatchObject({ progress: { hotspotsVisited: 1, hotspotsTotal: 6 } })
    events.length = 0
    // Re-opening a visited story: a hotspotopen, but progress has not changed.
    actions.closeHotspot()
    actions.openHotspot('b')
    expect(names()).toEqual(['hotspotopen'])
  })

  it('narrationend once when the audio ends; languagechange on a switch', () => {
    const { actions, names, events } = recording()
    actions.openTour('t', { hotspotId: 'a' })
    events.length = 0
    actions.playNarration()
    actions.narrationStarted()
    actions.narrationProgress(3, 3)
    actions.narrationEnded()
    actions.narrationEnded()
    actions.setLanguage('fr')
    expect(names()).toEqual(['narrationend', 'languagechange'])
    expect(events[0]).toMatchObject({ hotspot: 'a' })
  })

  it('tourcomplete once, when the last stop and story are visited', () => {
    const { actions, names, store } = recording()
    const tour = store.getState().tours.get('t')!
    actions.openTour('t')
    tour.stops.forEach((s, i) => {
      actions.goToStop(i)
      for (const h of s.hotspots) actions.openHotspot(h.id)
    })
    expect(names().filter((n) => n === 'tourcomplete')).toHaveLength(1)
    expect(names().at(-1)).toBe('tourcomplete')
    actions.goToStop(0)
    actions.openHotspot('a')
    expect(names().filter((n) => n === 'tourcomplete')).toHaveLength(1)
  })

  it('settings and notices are not events', () => {
    const { actions, names } = recording()
    actions.setSettings({ captions: false })
    actions.notify('notice.unknown-tour', { value: 'x' })
    expect(names()).toEqual([])
  })
})

/** A fake window pair: the frame (receives messages) and its parent (records posted ones). */
function framed(allowed: OriginPattern[], origin: string | null = PARENT) {
  const store = loadedStore()
  const listeners = new Set<(e: MessageEvent) => void>()
  const posted: { message: EmbedEvent; targetOrigin: string }[] = []
  const parent = {
    postMessage: (message: unknown, targetOrigin: string) =>
      posted.push({ message: message as EmbedEvent, targetOrigin }),
  }
  const ignored: IgnoredReason[] = []
  const stop = startEmbedBridge({
    store,
    self: {
      addEventListener: (_: string, fn: (e: MessageEvent) => void) => listeners.add(fn),
      removeEventListener: (_: string, fn: (e: MessageEvent) => void) => listeners.delete(fn),
    } as unknown as Window,
    parent,
    parentOrigin: origin,
    allowed,
    languages: LANGS,
    onIgnored: (r) => ignored.push(r),
  })
  const receive = (data: unknown, from: { origin?: string; source?: unknown } = {}) => {
    const event = { data, origin: from.origin ?? PARENT, source: 'source' in from ? from.source : parent }
    for (const fn of listeners) fn(event as MessageEvent)
  }
  return { store, posted, receive, ignored, stop, listeners }
}

describe('the bridge', () => {
  it('says ready to the parent’s origin — never "*" — and whether it takes commands', () => {
    const { posted } = framed(patterns(PARENT))
    expect(posted).toHaveLength(1)
    expect(posted[0]).toMatchObject({
      targetOrigin: PARENT,
      message: { event: 'ready', acceptsCommands: true },
    })
    expect(framed([]).posted[0]!.message).toMatchObject({ event: 'ready', acceptsCommands: false })
  })

  it('sends nothing when the parent origin cannot be known', () => {
    const { posted, store } = framed(patterns(PARENT), null)
    store.getState().actions.openTour('t')
    expect(posted).toEqual([])
  })

  it('events follow every change and go only to the parent origin', () => {
    const { posted, store } = framed([])
    store.getState().actions.openTour('t', { hotspotId: 'b' })
    expect(posted.map((p) => p.message.event)).toEqual(['ready', 'stopchange', 'hotspotopen', 'progress'])
    expect(new Set(posted.map((p) => p.targetOrigin))).toEqual(new Set([PARENT]))
  })

  it('acts on commands from an allowed parent and replies', () => {
    const { posted, receive, store } = framed(patterns(PARENT))
    receive({ protocol: PROTOCOL, command: 'goTo', tour: 't', stop: 'second', id: 1 })
    expect(store.getState().engine.stopIndex).toBe(1)
    expect(posted.at(-1)).toMatchObject({
      targetOrigin: PARENT,
      message: { event: 'reply', id: 1, ok: true },
    })
  })

  it('ignores commands from an origin not on the list, and from windows other than the parent', () => {
    const { posted, receive, store, ignored } = framed(patterns(PARENT))
    const before = store.getState()
    receive({ protocol: PROTOCOL, command: 'goTo', tour: 't' }, { origin: 'https://evil.example' })
    receive({ protocol: PROTOCOL, command: 'goTo', tour: 't' }, { source: { sibling: true } })
    receive({ protocol: PROTOCOL, command: 'goTo', tour: 't' }, { source: null })
    expect(store.getState()).toBe(before)
    expect(posted).toHaveLength(1) // ready only: no reply leaks to a stranger
    expect(ignored).toEqual(['origin-not-allowed', 'not-from-parent', 'not-from-parent'])
  })

  it('with the default empty list, even the parent’s commands are ignored (events only)', () => {
    const { receive, store } = framed([])
    const before = store.getState()
    receive({ protocol: PROTOCOL, command: 'goTo', tour: 't' })
    expect(store.getState()).toBe(before)
  })

  it('stops listening and posting when stopped', () => {
    const { stop, listeners, posted, store } = framed(patterns(PARENT))
    stop()
    expect(listeners.size).toBe(0)
    store.getState().actions.openTour('t')
    expect(posted).toHaveLength(1)
  })
})

describe('fuzzed messages never throw and never act', () => {
  const command = fc.constantFrom('goTo', 'setLanguage', 'playNarration', 'pauseNarration', 'getState')
  /** Near-misses: the right envelope with wrong or missing parts, mixed with arbitrary values. */
  const nearMiss = fc.oneof(
    fc.record(
      {
        protocol: fc.oneof(fc.constant('portage/2'), fc.constant('portage'), fc.string(), fc.anything()),
        command,
        id: fc.anything(),
      },
      { requiredKeys: ['command'] },
    ),
    fc.record({
      protocol: fc.constant(PROTOCOL),
      command: fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant('__proto__')),
    }),
    fc.record({
      protocol: fc.constant(PROTOCOL),
      command: fc.constant('goTo'),
      stop: fc.oneof(fc.integer(), fc.constant(null), fc.object(), fc.string({ minLength: 101 })),
    }),
    fc.record({
      protocol: fc.constant(PROTOCOL),
      command: fc.constant('setLanguage'),
      language: fc.oneof(fc.constant(''), fc.integer(), fc.array(fc.string())),
    }),
    fc.record({ protocol: fc.constant(PROTOCOL), command, id: fc.oneof(fc.object(), fc.constant(Infinity)) }),
  )

  const anyMessage = fc.oneof(fc.anything(), nearMiss)

  it('parseCommand never throws on anything at all', () => {
    fc.assert(
      fc.property(fc.anything({ withMap: true, withSet: true, withTypedArray: true }), (data) => {
        expect(() => parseCommand(data)).not.toThrow()
      }),
      { numRuns: 2000 },
    )
  })

  it('parseCommand rejects every near-miss', () => {
    fc.assert(
      fc.property(nearMiss, (data) => {
        expect(parseCommand(data)).toBeNull()
      }),
      { numRuns: 2000 },
    )
  })

  it('the bridge leaves the store untouched and answers nothing for malformed messages', () => {
    fc.assert(
      fc.property(anyMessage, (data) => {
        const { receive, store, posted } = framed(patterns(PARENT))
        store.getState().actions.openTour('t', { hotspotId: 'b' })
        const before = store.getState()
        const sent = posted.length
        receive(data)
        if (parseCommand(data) === null) {
          expect(store.getState()).toBe(before)
          expect(posted).toHaveLength(sent)
        }
      }),
      { numRuns: 1000 },
    )
  })

  it('well-formed commands with arbitrary names never throw and never land on a state that does not exist', () => {
    const name = fc.oneof(
      fc.constantFrom('t', 'first', 'second', 'third', 'a', 'e', 'fr', 'en'),
      fc.string({ minLength: 1, maxLength: 100 }),
    )
    const wellFormed = fc.oneof(
      fc.record(
        {
          protocol: fc.constant(PROTOCOL),
          command: fc.constant('goTo'),
          tour: name,
          stop: name,
          hotspot: name,
        },
        { requiredKeys: ['protocol', 'command'] },
      ),
      fc.record({ protocol: fc.constant(PROTOCOL), command: fc.constant('setLanguage'), language: name }),
      fc.record({
        protocol: fc.constant(PROTOCOL),
        command: fc.constantFrom('playNarration', 'pauseNarration', 'getState'),
      }),
    )
    fc.assert(
      fc.property(fc.array(wellFormed, { maxLength: 12 }), (messages) => {
        const { receive, store, posted } = framed(patterns(PARENT))
        for (const m of messages) receive(m)
        const { engine, tours } = store.getState()
        expect(LANGS).toContain(engine.language)
        if (engine.tourId) {
          const stop = tours.get(engine.tourId)!.stops[engine.stopIndex]
          expect(stop).toBeDefined()
          if (engine.hotspotId) expect(stop!.hotspots.some((h) => h.id === engine.hotspotId)).toBe(true)
        }
        // One reply per command, each to the parent origin.
        expect(posted.filter((p) => p.message.event === 'reply')).toHaveLength(messages.length)
        expect(posted.every((p) => p.targetOrigin === PARENT)).toBe(true)
      }),
      { numRuns: 300 },
    )
  })
})
