import { describe, expect, it } from 'vitest'
import {
  dayOf,
  discardVisit,
  emptyStats,
  endVisit,
  parseStats,
  prune,
  recordVisitEvent,
  startVisit,
  statsToCsv,
  summarize,
  totals,
  touchVisit,
  type KioskStats,
} from '../../../src/modes/kiosk/logic/stats'

const at = (day: string, time = '10:00') => new Date(`${day}T${time}:00`).getTime()

function visit(stats: KioskStats, day: string, lang: string, seconds: number, hotspots: string[] = []) {
  const started = startVisit(stats, at(day), lang)
  let v = recordVisitEvent(started.visit, { type: 'tour', tourId: 'parliament-hill' })
  v = recordVisitEvent(v, { type: 'stop', tourId: 'parliament-hill', stopId: 'parliament-hill' })
  for (const h of hotspots)
    v = recordVisitEvent(v, { type: 'hotspot', tourId: 'parliament-hill', hotspotId: h })
  v = touchVisit(v, at(day) + seconds * 1000)
  return endVisit(started.stats, v)
}

describe('kiosk statistics', () => {
  it('counts visits, opens, time and language per day', () => {
    let s = emptyStats()
    s = visit(s, '2025-06-01', 'en', 60, ['charter', 'persons-case'])
    s = visit(s, '2025-06-01', 'fr', 120, ['charter'])
    s = visit(s, '2025-06-02', 'fr', 30)
    const [d2, d1] = summarize(s)
    expect(d1).toMatchObject({
      day: '2025-06-01',
      visits: 2,
      averageVisitSeconds: 90,
      languages: { en: 1, fr: 1 },
      toursOpened: 2,
      stopsOpened: 2,
      hotspotsOpened: 3,
      topHotspots: [
        ['parliament-hill/charter', 2],
        ['parliament-hill/persons-case', 1],
      ],
    })
    expect(d2).toMatchObject({ day: '2025-06-02', visits: 1, averageVisitSeconds: 30, languages: { fr: 1 } })
    expect(totals(s)).toMatchObject({ visits: 3, averageVisitSeconds: 70, languages: { en: 1, fr: 2 } })
  })

  it('counts a visit as started at once, and its time only when it ends', () => {
    const { stats } = startVisit(emptyStats(), at('2025-06-01'), 'en')
    expect(summarize(stats)[0]).toMatchObject({ visits: 1, averageVisitSeconds: null })
  })

  it('the language of a visit is the one it ended in', () => {
    const started = startVisit(emptyStats(), at('2025-06-01'), 'en')
    const v = recordVisitEvent(started.visit, { type: 'language', language: 'fr' })
    expect(summarize(endVisit(started.stats, v))[0]!.languages).toEqual({ fr: 1 })
  })

  it('an operator session is taken back', () => {
    const started = startVisit(emptyStats(), at('2025-06-01'), 'en')
    expect(summarize(discardVisit(started.stats, started.visit))[0]!.visits).toBe(0)
  })

  it('exports CSV: a header, one row per day, metric and item, oldest day first', () => {
    let s = visit(emptyStats(), '2025-06-02', 'fr', 30)
    s = visit(s, '2025-06-01', 'en', 61, ['charter'])
    expect(statsToCsv(s).split('\r\n')).toEqual([
      'date,metric,item,value',
      '2025-06-01,visits,,1',
      '2025-06-01,average_visit_seconds,,61',
      '2025-06-01,language,en,1',
      '2025-06-01,tour_opened,parliament-hill,1',
      '2025-06-01,stop_opened,parliament-hill/parliament-hill,1',
      '2025-06-01,hotspot_opened,parliament-hill/charter,1',
      '2025-06-02,visits,,1',
      '2025-06-02,average_visit_seconds,,30',
      '2025-06-02,language,fr,1',
      '2025-06-02,tour_opened,parliament-hill,1',
      '2025-06-02,stop_opened,parliament-hill/parliament-hill,1',
      '',
    ])
  })

  it('quotes what CSV needs quoted and defuses spreadsheet formulas', () => {
    const s: KioskStats = {
      version: 1,
      days: {
        '2025-06-01': {
          visits: 1,
          visitsEnded: 0,
          visitMs: 0,
          languages: {},
          tours: { 'a,"b"': 1, '=cmd()': 2 },
          stops: {},
          hotspots: {},
        },
      },
    }
    const csv = statsToCsv(s)
    expect(csv).toContain('2025-06-01,tour_opened,"a,""b""",1')
    expect(csv).toContain("2025-06-01,tour_opened,'=cmd(),2")
  })

  it('keeps a bounded number of days', () => {
    let s = visit(emptyStats(), '2024-01-01', 'en', 10)
    s = visit(s, '2025-06-01', 'en', 10)
    expect(Object.keys(prune(s, at('2025-06-02'), 400).days)).toEqual(['2025-06-01'])
  })

  it('reads stored data defensively', () => {
    expect(parseStats(null)).toEqual(emptyStats())
    expect(parseStats('{oops')).toEqual(emptyStats())
    expect(parseStats('{"version":7,"days":{}}')).toEqual(emptyStats())
    const odd = parseStats('{"version":1,"days":{"2025-06-01":{"visits":"x","tours":{"a":2}},"junk":{}}}')
    expect(odd.days).toEqual({
      '2025-06-01': {
        visits: 0,
        visitsEnded: 0,
        visitMs: 0,
        languages: {},
        tours: { a: 2 },
        stops: {},
        hotspots: {},
      },
    })
  })

  it('dates are the kiosk’s local days', () => {
    expect(dayOf(new Date(2025, 0, 31, 23, 59).getTime())).toBe('2025-01-31')
  })
})
