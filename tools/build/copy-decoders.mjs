// Copies the decoders three.js needs into public/ so nothing is ever fetched from a CDN
// (drei's defaults point at gstatic and jsdelivr). Runs on `npm install` / `npm ci`.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { patchBasisTranscoder } from './basis-no-eval.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
// three's "exports" map hides package.json, so resolve by path, not require.resolve.
const three = join(root, 'node_modules/three/examples/jsm/libs')
const profiles = join(root, 'node_modules/@webxr-input-profiles/assets/dist/profiles')

const copies = [
  [join(three, 'draco/gltf'), 'public/decoders/draco'],
  [join(three, 'basis'), 'public/decoders/basis'],
]
// Controller and hand models for the headset, when the package is installed (only the profiles
// we use: the whole folder is ~100 MB). Meta's controllers (Quest 3/3S, Quest Pro, Quest 2) get
// their own models; any other controller the generic one, hands the generic hand.
const PROFILES = [
  'meta-quest-touch-plus',
  'meta-quest-touch-pro',
  'oculus-touch-v3',
  'generic-trigger',
  'generic-hand',
]
if (existsSync(profiles)) {
  for (const p of PROFILES) copies.push([join(profiles, p), `public/xr-profiles/${p}`])
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
// The profiles list names only what is served: a device whose profile is not here then falls back
// to the generic model instead of asking for a file that does not exist (and showing nothing).
const list = join(profiles, 'profilesList.json')
if (existsSync(list)) {
  const all = JSON.parse(readFileSync(list, 'utf8'))
  const served = Object.fromEntries(Object.entries(all).filter(([id]) => PROFILES.includes(id)))
  writeFileSync(join(root, 'public/xr-profiles/profilesList.json'), `${JSON.stringify(served, null, 2)}\n`)
}
// three's Basis transcoder builds helpers with `new Function`, which our Content-Security-Policy
// refuses: ship it with those replaced by closures (tools/build/basis-no-eval.mjs, docs/security.md).
const transcoder = join(root, 'public/decoders/basis/basis_transcoder.js')
if (existsSync(transcoder)) writeFileSync(transcoder, patchBasisTranscoder(readFileSync(transcoder, 'utf8')))
console.log('copy-decoders: decoders copied to public/')
