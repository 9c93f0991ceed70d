/**
 * `npm run posters`: a poster image per stop, rendered from the real model by the app itself in
 * headless Chromium (start viewpoint, markers hidden), encoded to WebP by the browser. Used on the
 * landing page, in link previews and by the 2D tour. Needs a build (`npm run build`) and Chromium.
 *
 *   npm run posters [-- <stop-id> ...]
 */
import { spawn } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { chromium } from '@playwright/test'
import { CatalogDocument } from '../../src/core/content/schema'
import { parseTourText } from '../../src/core/content/validate'
import { POSTER_FORMAT } from './poster-format'

const PORT = 4199
const SIZE = { width: 1280, height: 720 } as const
const OUT = POSTER_FORMAT

const wanted = process.argv.slice(2)
const catalog = CatalogDocument.parse(JSON.parse(readFileSync('scenes/catalog.json', 'utf8')))
const stops = new Map<string, { tour: string; poster: string }>()
for (const id of catalog.tours) {
  const parsed = parseTourText(readFileSync(`scenes/${id}/tour.json`, 'utf8'))
  if (!parsed.ok) continue
  for (const s of parsed.tour.stops)
    if (s.poster && !stops.has(s.id) && (!wanted.length || wanted.includes(s.id)))
      stops.set(s.id, { tour: id, poster: s.poster })
}

const server = spawn(process.execPath, ['tools/server/serve.mjs', '--port', String(PORT)], {
  stdio: 'inherit',
})
await new Promise((r) => setTimeout(r, 800))
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
})
try {
  for (const [stop, { tour, poster }] of stops) {
    const page = await browser.newPage({ viewport: SIZE, deviceScaleFactor: 1 })
    await page.goto(`http://127.0.0.1:${PORT}/?tour=${tour}&stop=${stop}&lang=en&view=poster`)
    await page.waitForFunction(
      (s) =>
        performance
          .getEntriesByName('portage:stop-frame')
          .some((e) => (e as PerformanceMark).detail?.stop === s),
      stop,
      { timeout: 120_000 },
    )
    await page.waitForTimeout(1500) // a few more frames: damping settles
    const png = await page.locator('canvas').screenshot()
    const dataUrl = await page.evaluate(
      async ({ b64, out }) => {
        const img = new Image()
        img.src = `data:image/png;base64,${b64}`
        await img.decode()
        const c = document.createElement('canvas')
        c.width = out.width
        c.height = out.height
        const ctx = c.getContext('2d')!
        ctx.imageSmoothingQuality = 'high'
        ctx.drawImage(img, 0, 0, out.width, out.height)
        return c.toDataURL('image/webp', out.quality)
      },
      { b64: png.toString('base64'), out: OUT },
    )
    const bytes = Buffer.from(dataUrl.split(',')[1]!, 'base64')
    mkdirSync(`assets/${poster.split('/').slice(0, -1).join('/')}`, { recursive: true })
    writeFileSync(`assets/${poster}`, bytes)
    console.log(`assets/${poster}: ${(bytes.length / 1024).toFixed(0)} KB`)
    await page.close()
  }
} finally {
  await browser.close()
  server.kill()
}
