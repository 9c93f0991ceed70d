/**
 * What a lesson handout says about a tour, in one language: derived from the tour document only,
 * so a handout never says anything the tour does not (and a stop without discussion questions
 * gets none — they are never made up).
 */
import { VALUES, type Source, type Tour, type ValueId } from '../../core/content/schema'
import { localize } from '../../core/i18n/i18n'

export type HandoutStory = {
  id: string
  title: string
  value: ValueId
  body: string
  /** The narration's words in this language (or English when the tour lacks it). */
  transcript: string
  transcriptLang: string
  sources: Source[]
}

export type HandoutStop = {
  id: string
  number: number
  title: string
  place: string
  description: string
  stories: HandoutStory[]
  /** Null when the tour gives this stop no questions. */
  discussion: string[] | null
}

export type Handout = {
  tourId: string
  lang: string
  title: string
  summary: string
  /** The values the tour speaks to, in the canonical order, each with the stories about it. */
  values: { value: ValueId; stories: { id: string; title: string }[] }[]
  stops: HandoutStop[]
  storyCount: number
}

export function handoutModel(tour: Tour, lang: string): Handout {
  const stops: HandoutStop[] = tour.stops.map((stop, i) => ({
    id: stop.id,
    number: i + 1,
    title: localize(stop.title, lang),
    place: localize(stop.place, lang),
    description: localize(stop.description, lang),
    stories: stop.hotspots.map((h) => {
      const transcriptLang = h.narration[lang] ? lang : (Object.keys(h.narration)[0] ?? lang)
      return {
        id: h.id,
        title: localize(h.title, lang),
        value: h.value,
        body: localize(h.body, lang),
        transcript: h.narration[transcriptLang]?.script ?? '',
        transcriptLang,
        sources: h.sources,
      }
    }),
    discussion: stop.discussion ? stop.discussion.map((q) => localize(q, lang)) : null,
  }))
  const all = stops.flatMap((s) => s.stories)
  return {
    tourId: tour.id,
    lang,
    title: localize(tour.title, lang),
    summary: localize(tour.summary, lang),
    values: VALUES.map((value) => ({
      value,
      stories: all.filter((s) => s.value === value).map((s) => ({ id: s.id, title: s.title })),
    })).filter((v) => v.stories.length > 0),
    stops,
    storyCount: all.length,
  }
}
