/**
 * What the built JavaScript is made of: each chunk's minified bytes attributed to the npm package
 * (or to the app's own code) they came from, using the build's source maps (`build.sourcemap` is
 * on), the way source-map-explorer does. The gzip figure of a package is its code gzipped on its
 * own, so the parts add up to slightly more than the chunk's gzip size.
 *
 *   npx tsx bench/bundle-breakdown.ts            (after `npm run build`)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

export type PackageShare = { name: string; bytes: number; gzipBytes: number }
export type ChunkBreakdown = { file: string; bytes: number; gzipBytes: number; packages: PackageShare[] }

/** Code the bundler wrote itself: namespace objects (`import * as THREE`), chunk imports, helpers. */
const UNMAPPED = 'bundler glue (unmapped)'

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const B64_VALUE = new Map([...B64].map((c, i) => [c, i]))

/** Decode one mappings segment (base64 VLQ) into its numbers. */
function decodeSegment(segment: string): number[] {
  const out: number[] = []
  let value = 0
  let shift = 0
  for (const c of segment) {
    const digit = B64_VALUE.get(c)
    if (digit === undefined) throw new Error(`bad VLQ character ${c}`)
    value += (digit & 31) << shift
    if (digit & 32) {
      shift += 5
    } else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1)
      value = 0
      shift = 0
    }
  }
  return out
}

/** `../../node_modules/@react-three/fiber/dist/x.js` -> `@react-three/fiber`; app files -> `app (src/)`. */
export function packageOf(source: string): string {
  const i = source.lastIndexOf('node_modules/')
  if (i < 0)
    return source.includes('src/') ? 'app (src/)' : source.includes('bench/') ? 'bench page' : 'other'
  const parts = source.slice(i + 'node_modules/'.length).split('/')
  // three's add-ons (GLTFLoader, OrbitControls...) are what three-stdlib repackages: keep them apart.
  if (parts[0] === 'three' && parts[1] === 'examples') return 'three/examples (add-ons)'
  return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? 'other')
}

export function breakdown(jsFile: string): ChunkBreakdown {
  const code = readFileSync(jsFile, 'utf8')
  const map = JSON.parse(readFileSync(`${jsFile}.map`, 'utf8')) as { sources: string[]; mappings: string }
  const lines = code.split('\n')
  const parts = new Map<string, string[]>()
  const add = (name: string, text: string) => {
    if (!text) return
    const list = parts.get(name)
    if (list) list.push(text)
    else parts.set(name, [text])
  }
  let source = 0
  // Carried across lines: the lines of a multi-line template string (three's GLSL chunks) have
  // no mappings of their own and belong to the source of the string that starts them.
  let spanSource: number | null = null
  map.mappings.split(';').forEach((lineMappings, lineIndex) => {
    const line = lines[lineIndex] ?? ''
    let column = 0
    let spanStart = 0
    for (const segment of lineMappings.split(',')) {
      if (!segment) continue
      const [dColumn = 0, dSource] = decodeSegment(segment)
      column += dColumn
      // The text up to this segment belongs to the previous segment's source.
      add(
        spanSource === null ? UNMAPPED : packageOf(map.sources[spanSource] ?? ''),
        line.slice(spanStart, column),
      )
      spanStart = column
      if (dSource !== undefined) {
        source += dSource
        spanSource = source
      } else {
        spanSource = null
      }
    }
    add(spanSource === null ? UNMAPPED : packageOf(map.sources[spanSource] ?? ''), line.slice(spanStart))
  })
  const packages = [...parts]
    .map(([name, texts]) => {
      const text = texts.join('')
      return { name, bytes: Buffer.byteLength(text), gzipBytes: gzipSync(text, { level: 9 }).length }
    })
    .sort((a, b) => b.bytes - a.bytes)
  return {
    file: jsFile.split('/').slice(-2).join('/'),
    bytes: Buffer.byteLength(code),
    gzipBytes: gzipSync(code, { level: 9 }).length,
    packages,
  }
}

/** Every chunk of a Vite build's JS folder that has a source map, largest first. */
export function breakdownDir(dir: string): ChunkBreakdown[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js') && existsSync(join(dir, `${f}.map`)))
    .map((f) => breakdown(join(dir, f)))
    .sort((a, b) => b.bytes - a.bytes)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = fileURLToPath(new URL('../dist/app/', import.meta.url))
  for (const chunk of breakdownDir(dir)) {
    console.log(
      `${chunk.file}: ${(chunk.bytes / 1024).toFixed(0)} KB, ${(chunk.gzipBytes / 1024).toFixed(0)} KB gzip`,
    )
    for (const p of chunk.packages.slice(0, 12))
      console.log(
        `  ${p.name.padEnd(28)} ${(p.bytes / 1024).toFixed(1).padStart(7)} KB  ${(p.gzipBytes / 1024).toFixed(1).padStart(6)} KB gzip`,
      )
  }
}
