/**
 * The JSON Schema of the tour document, generated from the zod schema (the single source of
 * truth), for content authors' editors: tours point at it with "$schema": "../tour.schema.json".
 */
import { z } from 'zod'
import { TourDocument, TOUR_VERSION } from '../../src/core/content/schema'

export const JSON_SCHEMA_FILE = 'scenes/tour.schema.json'

export function tourJsonSchema(): string {
  const schema = z.toJSONSchema(TourDocument, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  })
  const doc = {
    ...schema,
    $id: 'https://portage.example/schemas/tour.schema.json',
    title: `Portage tour (${TOUR_VERSION})`,
    description:
      'A Portage tour: stops with a site model, viewpoints, walkable areas and narrated, sourced hotspots. ' +
      'Every text is given per language listed in "languages". See docs/authoring.md.',
  }
  return `${JSON.stringify(doc, null, 2)}\n`
}
