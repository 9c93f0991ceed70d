/**
 * Build-time security, in three small Vite plugins:
 * - `noCdnDefaults` rewrites the CDN URLs some libraries use as *defaults* to our local copies, so a
 *   call that forgets to pass a local path still never leaves the origin (and the dist scan stays
 *   clean).
 * - `subresourceIntegrity` adds sha384 `integrity` to the scripts and style sheets of index.html
 *   (including modulepreload links), and an import map whose `integrity` table covers every
 *   JavaScript chunk, so chunks loaded later by `import()` are verified too.
 * - both write `dist/_headers`: the security headers of tools/policy/security-policy.mjs with the hash
 *   of the import map, for static hosts (docs/deploy.md).
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Plugin } from 'vite'
import { embedOrigins, headersFile, inlineScriptHashes } from '../policy/security-policy.mjs'

/**
 * CDN defaults in our dependencies, replaced by the local copies that tools/build/copy-decoders.mjs
 * puts in public/. A library upgrade that changes the text fails the build here, on purpose: the
 * new default must be looked at.
 */
export const CDN_DEFAULTS = [
  {
    module: /@react-three[\\/]drei[\\/]core[\\/]Gltf\.js$/,
    find: `'https://www.gstatic.com/draco/versioned/decoders/1.5.5/'`,
    // The decoder path is used as a prefix by DRACOLoader's FileLoader: a relative path works.
    replace: (base: string) => JSON.stringify(`${base}decoders/draco/`),
  },
  {
    module: /@pmndrs[\\/]xr[\\/]dist[\\/]index\.js$/,
    find: `'https://cdn.jsdelivr.net/npm/@webxr-input-profiles/assets@1.0/dist/profiles/'`,
    // Controller profiles are resolved with `new URL(path, base)`: the base must be absolute.
    replace: (base: string) =>
      `new URL(${JSON.stringify(`${base}xr-profiles/`)}, globalThis.location.href).href`,
  },
] as const

export function noCdnDefaults(): Plugin {
  let base = '/'
  return {
    name: 'portage-no-cdn-defaults',
    apply: 'build',
    configResolved(config) {
      base = config.base
    },
    transform(code, id) {
      const rule = CDN_DEFAULTS.find((r) => r.module.test(id.split('?')[0] ?? id))
      if (!rule) return null
      if (!code.includes(rule.find))
        throw new Error(
          `${id} no longer contains ${rule.find}: check its CDN default (tools/build/vite-security.ts)`,
        )
      return { code: code.split(rule.find).join(rule.replace(base)), map: null }
    },
  }
}

export const sri = (bytes: Uint8Array) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`

const attr = (tag: string, name: string) =>
  new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i')
    .exec(tag)
    ?.slice(1)
    .find((v) => v !== undefined)

/**
 * Add `integrity` to every `<script src>` and every `<link rel="stylesheet|modulepreload|preload">`
 * of a page, and an import map with the integrity of `chunks` (URL → bytes) before anything else in
 * <head>. `file(url)` returns the bytes a same-origin URL serves, or undefined; a tag whose file is
 * missing throws (a script we cannot hash must not ship). Idempotent.
 */
export function withIntegrity(
  html: string,
  file: (url: string) => Uint8Array | undefined,
  chunks: ReadonlyMap<string, Uint8Array>,
): string {
  if (/<script\s+type="importmap"/i.test(html)) return html
  const hashTag = (tag: string, url: string | undefined) => {
    if (!url || /^([a-z][a-z0-9+.-]*:|\/\/)/i.test(url))
      throw new Error(`index.html: ${tag} is not a same-origin file and cannot be given an integrity hash`)
    if (attr(tag, 'integrity') !== undefined) return tag
    const bytes = file(url)
    if (!bytes) throw new Error(`index.html: ${url} is not in the build, so it cannot be hashed`)
    const cors = /\scrossorigin(?=[\s=/>])/i.test(tag) ? '' : ' crossorigin'
    return tag.replace(/\s*\/?>$/, (end) => ` integrity="${sri(bytes)}"${cors}${end}`)
  }
  let out = html.replace(/<script\b[^>]*\bsrc\s*=[^>]*>/gi, (tag) => hashTag(tag, attr(tag, 'src')))
  out = out.replace(/<link\b[^>]*>/gi, (tag) => {
    const rel = (attr(tag, 'rel') ?? '').toLowerCase().split(/\s+/)
    const asScriptOrStyle = rel.includes('preload') && ['script', 'style'].includes(attr(tag, 'as') ?? '')
    if (!rel.includes('stylesheet') && !rel.includes('modulepreload') && !asScriptOrStyle) return tag
    return hashTag(tag, attr(tag, 'href'))
  })
  const integrity = Object.fromEntries(
    [...chunks].sort(([a], [b]) => a.localeCompare(b)).map(([u, b]) => [u, sri(b)]),
  )
  const importMap = `<script type="importmap">${JSON.stringify({ integrity })}</script>`
  const head = /<head[^>]*>(\s*<meta\s+charset[^>]*>)?/i.exec(out)
  if (!head) throw new Error('index.html has no <head>')
  const at = head.index + head[0].length
  return `${out.slice(0, at)}\n    ${importMap}${out.slice(at)}`
}

export function subresourceIntegrity(root: string): Plugin {
  let outDir = join(root, 'dist')
  let base = '/'
  return {
    name: 'portage-sri',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir)
      base = config.base
    },
    // After the files are written: hash exactly the bytes that will be served.
    writeBundle(_options, bundle) {
      const page = join(outDir, 'index.html')
      if (!existsSync(page)) return
      const read = (url: string) => {
        if (!url.startsWith(base)) return undefined
        const path = join(outDir, url.slice(base.length))
        return existsSync(path) ? new Uint8Array(readFileSync(path)) : undefined
      }
      const chunks = new Map<string, Uint8Array>()
      for (const out of Object.values(bundle))
        if (out.type === 'chunk') chunks.set(`${base}${out.fileName}`, read(`${base}${out.fileName}`)!)
      const html = withIntegrity(readFileSync(page, 'utf8'), read, chunks)
      writeFileSync(page, html)
      writeFileSync(
        join(outDir, '_headers'),
        headersFile({ embedders: embedOrigins(root), scriptHashes: inlineScriptHashes(html) }),
      )
    },
  }
}

export function portageSecurity(root: string): Plugin[] {
  return [noCdnDefaults(), subresourceIntegrity(root)]
}
