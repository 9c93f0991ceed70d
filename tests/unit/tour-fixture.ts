/** A small valid tour built in code, for engine and store tests (and mutated into broken ones). */
import type { Tour } from '../../src/core/content/schema'

const text = (en: string, fr = `${en} (fr)`) => ({ en, fr })

function hotspot(id: string, value: Tour['stops'][number]['hotspots'][number]['value'] = 'democracy') {
  return {
    id,
    value,
    position: [0, 2, 0] as [number, number, number],
    title: text(`Title ${id}`),
    body: text(`Body ${id}`),
    narration: {
      en: { script: `Script ${id}.`, audio: `audio/t/${id}.en.mp3`, captions: `captions/t/${id}.en.vtt` },
      fr: { script: `Texte ${id}.`, audio: `audio/t/${id}.fr.mp3`, captions: `captions/t/${id}.fr.vtt` },
    },
    sources: [{ url: 'https://www.canada.ca/en.html', title: 'Canada.ca' }],
  }
}

function stop(id: string, hotspots: string[]) {
  return {
    id,
    title: text(`Stop ${id}`),
    place: text('Somewhere'),
    description: text('A view.'),
    model: { src: `models/${id}.glb`, credits: { en: 'Tests', fr: 'Tests' }, licence: 'CC0-1.0' },
    startViewpoint: 'overview',
    viewpoints: [{ id: 'overview', title: text('Overview'), position: [0, 10, 50], target: [0, 0, 0] }],
    walkableAreas: [
      {
        id: 'ground',
        y: 0,
        polygon: [
          [-10, -10],
          [10, -10],
          [10, 10],
        ],
      },
    ],
    hotspots: hotspots.map((h) => hotspot(h)),
  }
}

export function makeTour(id = 'test-tour'): Tour {
  return {
    version: 'portage.tour/1',
    id,
    languages: ['en', 'fr'],
    title: text('Test tour'),
    summary: text('A tour for tests.'),
    stops: [stop('first', ['a', 'b', 'c']), stop('second', ['d']), stop('third', ['e', 'f'])],
  } as unknown as Tour
}
