// Copies the decoders three.js needs into public/ so nothing is ever fetched from a CDN
// (drei's defaults point at gstatic and jsdelivr). Runs on `npm install` / `npm ci`.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { patchBasisTranscoder } from './basis-no-eval.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
// three's "exports" map hides package.json, so resolve by path, not require.resolve.
const three = join(root, 'node_modules/three/examples/jsm/libs')
const profiles = join(root, 'node_modules/@webxr-input-profiles/assets/dist/profiles')

const copies = [
  [join(three, 'draco/gltf'), 'public/decoders/draco'],
  [join(three, 'basis'), 'public/decoders/basis'],
]
// Controller models for the headset, when the package is installed (only the profiles we use:
// the whole folder is ~100 MB).
if (existsSync(profiles)) {
  for (const p of ['profilesList.json', 'meta-quest-touch-plus', 'generic-trigger', 'generic-hand'])
    copies.push([join(profiles, p), `public/xr-profiles/${p}`])
}

rmSync(join(root, 'public/decoders'), { recursive: true, force: true })
rmSync(join(root, 'public/xr-profiles'), { recursive: true, force: true })
for (const [from, to] of copies) {
  if (!existsSync(from)) {
    console.warn(`copy-decoders: ${from} not found (is node_modules installed?)`)
    continue
  }
  mkdirSync(dirname(join(root, to)), { recursive: true })
  cpSync(from, join(root, to), { recursive: true, filter: (src) => !src.endsWith('README.md') })
}
// three's Basis transcoder builds helpers with `new Function`, which our Content-Security-Policy
// refuses: ship it with those replaced by closures (scripts/basis-no-eval.mjs, docs/security.md).
const transcoder = join(root, 'public/decoders/basis/basis_transcoder.js')
if (existsSync(transcoder)) writeFileSync(transcoder, patchBasisTranscoder(readFileSync(transcoder, 'utf8')))
console.log('copy-decoders: decoders copied to public/')
