import { XRSpace, useXRInputSourceState } from '@react-three/xr'
import { useCallback, type ReactNode } from 'react'
import { languageName, UI_LANGUAGES } from '../../core/i18n/i18n'
import { useT } from '../../state/use-t'
import { useApp } from '../../state/app-context'
import { selectActions, selectStop, selectTour } from '../../state/selectors'
import { CanvasPanel, type PanelDrawing } from '../../features/xr-panels/CanvasPanel'
import { nextSnapAngle, toggleComfort } from './comfort'
import { COLORS, drawButton, drawPanelBackground, font } from '../../features/xr-panels/panel-draw'
import { rowOfButtons, type HitRect } from '../../features/xr-panels/panel-layout'
import { applyRig, useRig } from './rig'
import { placeHead, viewpointStance } from './rig-math'
import { useXrRuntime } from './XrLayer'
import { COMFORT_VIGNETTE, MENU } from './tuning'
import { useHeadset, useXrMode } from './headset-context'

const W = MENU.canvasWidth
const PAD = 28
const ROW = 64
const GAP = 10
/** Width of the closed tab (m). */
const TAB_WIDTH = 0.09

/** Where the menu is worn: the left controller's grip, else the left wrist, else beside the visitor. */
function MenuAnchor({ children }: { children: ReactNode }) {
  const controller = useXRInputSourceState('controller', 'left')
  const hand = useXRInputSourceState('hand', 'left')
  const space = controller?.inputSource.gripSpace ?? hand?.inputSource.hand?.get('wrist')
  const content = (
    <group position={MENU.offset as unknown as [number, number, number]} rotation-x={MENU.tilt}>
      {children}
    </group>
  )
  if (space) return <XRSpace space={space}>{content}</XRSpace>
  return <group position={[-0.3, 1.05, -0.4]}>{content}</group>
}

/**
 * The menu on the left wrist (or controller): another stop, a place at this stop, the language,
 * comfort (snap angle, smooth turning, vignette, seated), recenter and exit VR. Closed, it is a
 * small tab; open it by selecting the tab or with X / Y on the left controller.
 */
export function XrMenu() {
  const { t, lang, loc } = useT()
  const rig = useRig()
  const tour = useApp(selectTour)
  const stop = useApp(selectStop)
  const stopIndex = useApp((s) => s.engine.stopIndex)
  const actions = useApp(selectActions)
  const open = useXrMode((s) => s.menuOpen)
  const comfort = useXrMode((s) => s.comfort)
  const modeStore = useHeadset().store
  const runtime = useXrRuntime()

  const draw = useCallback(
    (ctx: CanvasRenderingContext2D, hover: string | null): PanelDrawing => {
      if (!open) {
        const tab: HitRect = { id: 'open', x: 6, y: 6, w: W - 12, h: 200 }
        drawButton(ctx, tab, t('vr.menu'), hover, { icon: 'menu', size: 80 })
        return { height: 212, buttons: [tab] }
      }
      const inner = W - PAD * 2
      const buttons: HitRect[] = []
      type Item = { id: string; label: string; current?: boolean }
      const sections: [string, Item[], number][] = [
        [
          t('vr.stops'),
          (tour?.stops ?? []).map((s, i) => ({
            id: `stop:${i}`,
            label: `${i + 1}. ${loc(s.title)}`,
            current: i === stopIndex,
          })),
          1,
        ],
        [
          t('vr.places'),
          (stop?.viewpoints ?? []).map((v) => ({ id: `place:${v.id}`, label: loc(v.title) })),
          1,
        ],
        [
          t('lang.switch'),
          UI_LANGUAGES.map((l) => ({ id: `lang:${l}`, label: languageName(l), current: l === lang })),
          2,
        ],
        [
          t('vr.comfort'),
          [
            { id: 'snap', label: t('vr.snapTurn', { angle: comfort.snapAngle }) },
            {
              id: 'smoothTurn',
              label: t('vr.smoothTurn', { state: t(comfort.smoothTurn ? 'vr.on' : 'vr.off') }),
            },
            { id: 'vignette', label: t('vr.vignette', { state: t(comfort.vignette ? 'vr.on' : 'vr.off') }) },
            { id: 'seated', label: t('vr.seated', { state: t(comfort.seated ? 'vr.on' : 'vr.off') }) },
            { id: 'recenter', label: t('vr.recenter') },
          ],
          1,
        ],
      ]
      const button = (rect: HitRect, label: string, style: Parameters<typeof drawButton>[4] = {}) => {
        drawButton(ctx, rect, label, hover, { size: 28, ...style })
        buttons.push(rect)
      }
      const heading = (text: string, y: number, size = 28, color: string = COLORS.soft) => {
        ctx.font = font(size, true)
        ctx.fillStyle = color
        ctx.textBaseline = 'top'
        ctx.textAlign = 'left'
        ctx.fillText(text, PAD, y, inner - ROW)
      }
      let y = PAD
      heading(t('vr.menu'), y + 14, 40, COLORS.text)
      button({ id: 'close', x: W - PAD - ROW, y, w: ROW, h: ROW }, '', { icon: 'close' })
      y += ROW + GAP
      for (const [title, items, columns] of sections) {
        if (items.length === 0) continue
        heading(title, y)
        y += 44
        for (let i = 0; i < items.length; i += columns) {
          const group = items.slice(i, i + columns)
          // A last, shorter row keeps the column width.
          const width = group.length === columns ? inner : (inner - GAP * (columns - 1)) / columns
          rowOfButtons(
            group.map((it) => it.id),
            PAD,
            y,
            width,
            ROW,
            GAP,
          ).forEach((rect, k) => button(rect, group[k]!.label, { current: group[k]!.current }))
          y += ROW + GAP
        }
        y += 8
      }
      button({ id: 'exit', x: PAD, y, w: inner, h: ROW }, t('vr.exit'), { primary: true })
      const height = Math.min(MENU.canvasMaxHeight, y + ROW + PAD)
      drawPanelBackground(ctx, W, height)
      return { height, buttons }
    },
    [open, t, lang, loc, tour, stop, stopIndex, comfort],
  )

  const onSelect = useCallback(
    (id: string) => {
      const mode = modeStore.getState()
      const [kind, arg] = id.split(':') as [string, string | undefined]
      switch (kind) {
        case 'open':
          mode.actions.setMenuOpen(true)
          break
        case 'close':
          mode.actions.setMenuOpen(false)
          break
        case 'stop':
          mode.actions.setMenuOpen(false)
          actions.goToStop(Number(arg))
          break
        case 'place': {
          const s = stop && arg ? viewpointStance(stop, arg) : null
          if (!s) break
          // A jump the visitor asked for: same comfort blink as a teleport.
          placeHead(rig.pose, rig.head, s.x, s.y, s.z, s.yaw, rig.lift)
          rig.floorY = s.y
          rig.blink = COMFORT_VIGNETTE.blink
          applyRig(rig)
          break
        }
        case 'lang':
          if (arg) actions.setLanguage(arg)
          break
        case 'snap':
          mode.actions.setComfort({ ...mode.comfort, snapAngle: nextSnapAngle(mode.comfort.snapAngle) })
          break
        case 'smoothTurn':
        case 'vignette':
        case 'seated':
          mode.actions.setComfort(toggleComfort(mode.comfort, kind))
          break
        case 'recenter':
          mode.actions.recenter()
          break
        case 'exit':
          runtime.exitVR()
          break
      }
    },
    [actions, stop, rig, modeStore, runtime],
  )

  return (
    <MenuAnchor>
      <group name="xr-menu">
        <CanvasPanel
          name="menu"
          width={open ? MENU.width : TAB_WIDTH}
          canvasWidth={W}
          canvasMaxHeight={MENU.canvasMaxHeight}
          draw={draw}
          onSelect={onSelect}
          renderOrder={40}
          anchor="bottom"
        />
      </group>
    </MenuAnchor>
  )
}
