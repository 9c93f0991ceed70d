/** `npm run content:schema`: writes scenes/tour.schema.json from the zod schema. */
import { writeFileSync } from 'node:fs'
import { JSON_SCHEMA_FILE, tourJsonSchema } from './json-schema'

writeFileSync(JSON_SCHEMA_FILE, tourJsonSchema())
console.log(`wrote ${JSON_SCHEMA_FILE}`)
