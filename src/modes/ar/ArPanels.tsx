import { useFrame, useThree, type ThreeEvent } from '@react-three/fiber'
import { useCallback, useEffect, useRef } from 'react'
import type { Camera, Group } from 'three'
import { useStore } from 'zustand'
import { languageName, UI_LANGUAGES } from '../../core/i18n/i18n'
import { CanvasPanel, type PanelDrawing } from '../../features/xr-panels/CanvasPanel'
import { followAhead, yawFromQuaternion } from '../../features/xr-panels/follow'
import { InWorldCaptions } from '../../features/xr-panels/InWorldCaptions'
import { InWorldStory, type StoryShown } from '../../features/xr-panels/InWorldStory'
import { COLORS, drawButton, drawPanelBackground, drawParagraph } from '../../features/xr-panels/panel-draw'
import { rowOfButtons, type HitRect } from '../../features/xr-panels/panel-layout'
import { useApp } from '../../state/app-context'
import { selectActions, selectHotspot, selectStop, selectTour } from '../../state/selectors'
import { useT } from '../../state/use-t'
import { useArRuntime } from './ar-context'
import { arLive } from './ar-live'
import { behindSite, besideSite, inFrontOfSite, TABLETOP_PANELS, type PanelPose } from './panel-placement'

const W = 1024
const PAD = 40
const BUTTON_H = 88
const GAP = 16
/** About the story panel's and captions' heights (m), to tilt them back about their middles. */
const STORY_HEIGHT = 0.45
const CAPTIONS_HEIGHT = 0.1

function setPose(g: Group, p: PanelPose) {
  g.position.set(p.x, p.y, p.z)
  g.rotation.set(p.pitch, p.yaw, 0, 'YXZ')
}

type Head = { x: number; y: number; z: number; yaw: number }

/** The head in the room (the XR camera's pose is in the reference space, the origin's own). */
function readHead(camera: Camera, out: Head) {
  const q = camera.quaternion
  out.x = camera.position.x
  out.y = camera.position.y
  out.z = camera.position.z
  out.yaw = yawFromQuaternion(q.x, q.y, q.z, q.w)
  return out
}

const reportStory = ({ hotspot, title, lang }: StoryShown) => {
  arLive.panel.hotspot = hotspot
  arLive.panel.title = title
  arLive.panel.lang = lang
}
const reportCaption = (text: string, lang: string) => {
  arLive.caption = text
  arLive.captionLang = lang
}

/**
 * What to do next, the stop with previous / next, move the site, the other language and leave AR,
 * on one in-world panel: a headset has no screen to put the phone's overlay on.
 */
function TabletopBar({ height }: { height: { current: number } }) {
  const { t, loc, lang } = useT()
  const { tabletop, exitAR } = useArRuntime()
  // The other language (the headset has no page to switch it on): named in itself.
  const other = UI_LANGUAGES[(UI_LANGUAGES.indexOf(lang) + 1) % UI_LANGUAGES.length]!
  const placed = useStore(tabletop, (s) => s.placed)
  const surfaceFound = useStore(tabletop, (s) => s.surfaceFound)
  const tour = useApp(selectTour)
  const stop = useApp(selectStop)
  const stopIndex = useApp((s) => s.engine.stopIndex)
  const app = useApp(selectActions)
  const stops = tour?.stops.length ?? 0
  const hint = t(
    !placed ? (surfaceFound ? 'ar.headset.place' : 'ar.headset.findSurface') : 'ar.headset.placed',
  )
  useEffect(() => {
    arLive.hint = hint
  }, [hint])

  const draw = useCallback(
    (ctx: CanvasRenderingContext2D, hover: string | null): PanelDrawing => {
      const inner = W - PAD * 2
      let y = PAD
      if (placed && stop) {
        y = drawParagraph(ctx, loc(stop.title), PAD, y, inner, 40, {
          bold: true,
          lineHeight: 1.2,
          maxLines: 2,
        })
        y += 12
      }
      y = drawParagraph(ctx, hint, PAD, y, inner, 34, { color: COLORS.soft, lineHeight: 1.35, maxLines: 4 })
      const buttons: HitRect[] = []
      y += 24
      if (placed && stops > 1) {
        const [previous, next] = rowOfButtons(['previous-stop', 'next-stop'], PAD, y, inner, BUTTON_H, GAP)
        const first = stopIndex === 0
        const last = stopIndex === stops - 1
        // At either end the button stays, dimmed and not selectable, so the row does not jump.
        ctx.save()
        if (first) ctx.globalAlpha = 0.4
        drawButton(ctx, previous!, t('tour.previousStop'), first ? null : hover, { icon: 'previous' })
        ctx.restore()
        ctx.save()
        if (last) ctx.globalAlpha = 0.4
        drawButton(ctx, next!, t('tour.nextStop'), last ? null : hover, { icon: 'next' })
        ctx.restore()
        if (!first) buttons.push(previous!)
        if (!last) buttons.push(next!)
        y += BUTTON_H + GAP
      }
      const ids = placed ? ['move', `lang:${other}`, 'exit'] : [`lang:${other}`, 'exit']
      const row = rowOfButtons(ids, PAD, y, inner, BUTTON_H, GAP)
      const small = { size: 30 }
      if (placed) drawButton(ctx, row[0]!, t('ar.move'), hover, small)
      drawButton(ctx, row[row.length - 2]!, languageName(other), hover, small)
      drawButton(ctx, row[row.length - 1]!, t('ar.exit'), hover, { ...small, primary: true })
      buttons.push(...row)
      const h = y + BUTTON_H + PAD
      drawPanelBackground(ctx, W, h)
      height.current = (TABLETOP_PANELS.barWidth * h) / W
      return { height: h, buttons }
    },
    [placed, stop, stops, stopIndex, hint, t, loc, height, other],
  )

  const onSelect = useCallback(
    (id: string) => {
      if (id === 'previous-stop') app.previousStop()
      else if (id === 'next-stop') app.nextStop()
      else if (id === 'move') tabletop.getState().actions.unplace()
      else if (id === 'exit') exitAR()
      else if (id.startsWith('lang:')) app.setLanguage(id.slice(5))
    },
    [app, tabletop, exitAR],
  )

  return (
    <CanvasPanel
      name="ar"
      width={TABLETOP_PANELS.barWidth}
      canvasWidth={W}
      canvasMaxHeight={900}
      draw={draw}
      onSelect={onSelect}
      anchor="bottom"
    />
  )
}

/**
 * The miniature's controls and the open story. Before the site is placed they travel together
 * ahead of the visitor (the story above the controls); once placed, the story rises behind the
 * miniature and the controls stand on the table at its right (panel-placement.ts), at the same
 * readable size whatever the miniature's scale. A site too large to stand by (near true size) or a
 * visitor too far from it brings them back to the visitor.
 */
function Panels() {
  const { tabletop } = useArRuntime()
  const camera = useThree((s) => s.gl.xr.getCamera())
  const hotspot = useApp(selectHotspot)
  const stop = useApp(selectStop)
  const bar = useRef<Group>(null)
  const story = useRef<Group>(null)
  const captions = useRef<Group>(null)
  const barHeight = useRef(0)
  const head = useRef<Head>({ x: 0, y: 1.5, z: 0, yaw: 0 })
  const yaw = useRef<number | null>(null)
  const captionsYaw = useRef<number | null>(null)
  const dirty = useRef(true)
  const near = useRef(true)
  // A story opened from the panel's own previous / next stays where the panel is.
  const keepPlace = useRef(false)

  useEffect(
    () =>
      tabletop.subscribe((s, p) => {
        if (s.placed !== p.placed || s.surface !== p.surface || s.scale !== p.scale || s.yaw !== p.yaw)
          dirty.current = true
      }),
    [tabletop],
  )
  const hotspotId = hotspot?.id
  useEffect(() => {
    if (keepPlace.current) keepPlace.current = false
    else dirty.current = true
  }, [hotspotId])
  const stopId = stop?.id
  useEffect(() => {
    dirty.current = true
  }, [stopId])

  useFrame((_, delta) => {
    const b = bar.current
    const st = story.current
    const c = captions.current
    if (!b || !st || !c) return
    readHead(camera, head.current)
    const t = tabletop.getState()
    if (t.placed && dirty.current) {
      dirty.current = false
      const site = { surface: t.surface, size: t.scale * arLive.size }
      const barPose = besideSite(site, head.current, barHeight.current)
      const storyPose = behindSite(site, head.current, STORY_HEIGHT)
      const captionsPose = inFrontOfSite(site, head.current, CAPTIONS_HEIGHT)
      near.current = !barPose || !storyPose || !captionsPose
      if (barPose && storyPose && captionsPose) {
        setPose(b, barPose)
        setPose(st, storyPose)
        setPose(c, captionsPose)
        yaw.current = null
        captionsYaw.current = null
      }
    } else if (!t.placed) near.current = true
    if (near.current) {
      followAhead(b, head.current, yaw, delta, TABLETOP_PANELS.near)
      st.position.copy(b.position)
      st.quaternion.copy(b.quaternion)
      st.translateY(barHeight.current + TABLETOP_PANELS.stack)
      followAhead(c, head.current, captionsYaw, delta, TABLETOP_PANELS.captions)
    }
  })

  // A trigger pulled on a panel presses its button; it does not also set the site down.
  const over = (e: ThreeEvent<PointerEvent>) => void arLive.overPanels.add(e.pointerId)
  const out = (e: ThreeEvent<PointerEvent>) => void arLive.overPanels.delete(e.pointerId)
  useEffect(() => () => arLive.overPanels.clear(), [])

  return (
    <group onPointerOver={over} onPointerOut={out}>
      <group ref={bar} name="ar-controls">
        <TabletopBar height={barHeight} />
      </group>
      <group ref={story} visible={!!hotspot} name="ar-story">
        <InWorldStory
          width={TABLETOP_PANELS.storyWidth}
          anchor="bottom"
          onStep={() => (keepPlace.current = true)}
          onShown={reportStory}
        />
      </group>
      <group ref={captions} name="ar-captions">
        <InWorldCaptions width={TABLETOP_PANELS.captions.width} onText={reportCaption} />
      </group>
    </group>
  )
}

/**
 * The story in the world, for a headset without a DOM overlay (Quest Browser): the same in-world
 * story panel and captions as the headset mode, in the visitor's language, with the miniature's
 * controls beside them. Inside the XR origin, so in room metres, whatever the site's scale.
 */
export function ArPanels() {
  useEffect(
    () => () => {
      reportStory({ hotspot: null, title: '', lang: '' })
      reportCaption('', '')
      arLive.hint = ''
    },
    [],
  )
  return <Panels />
}
