import type { ThreeEvent } from '@react-three/fiber'
import { forwardRef, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { CanvasTexture, LinearMipmapLinearFilter, SRGBColorSpace, type Mesh } from 'three'
import { hitTest, type HitRect } from './panel-layout'
import { loadPanelFonts } from './panel-draw'
import { registerPanel } from './panel-registry'

export type PanelDrawing = { height: number; buttons: HitRect[] }

export type CanvasPanelProps = {
  /** Name for tools (diagnostics list each panel's buttons with their world positions). */
  name: string
  /** Width in metres; the height follows what is drawn. */
  width: number
  /** Canvas pixels across the width. */
  canvasWidth: number
  /** Tallest drawing, in canvas pixels. */
  canvasMaxHeight: number
  /** Draw the panel (the context is cleared), returning the height used and the buttons drawn. */
  draw: (ctx: CanvasRenderingContext2D, hover: string | null) => PanelDrawing
  /** A button was selected (ray click, pinch or poke). */
  onSelect?: (id: string) => void
  renderOrder?: number
  /** Which point of the panel sits at its position: its centre, or the middle of its bottom edge. @default 'center' */
  anchor?: 'center' | 'bottom'
  /** False for a panel only to be read: rays and fingers pass through it. @default true */
  interactive?: boolean
}

/** Raycasting that never hits (three's Object3D.raycast signature). */
const noRaycast = () => undefined

export type CanvasPanelHandle = { mesh: Mesh | null }

/**
 * A panel in the world: a 2D canvas on one quad, so a whole panel, buttons included, is one draw
 * call. It is redrawn only when `draw` changes (new content) or the hovered button changes; the
 * texture is disposed with the panel (R3F disposes only what it created).
 */
export const CanvasPanel = forwardRef<CanvasPanelHandle, CanvasPanelProps>(function CanvasPanel(
  {
    name,
    width,
    canvasWidth,
    canvasMaxHeight,
    draw,
    onSelect,
    renderOrder = 20,
    anchor = 'center',
    interactive = true,
  },
  ref,
) {
  const mesh = useRef<Mesh>(null)
  const [hover, setHover] = useState<string | null>(null)
  const [fontsReady, setFontsReady] = useState(false)
  const layout = useRef<PanelDrawing>({ height: 1, buttons: [] })
  useImperativeHandle(ref, () => ({ mesh: mesh.current }), [])

  const { canvas, texture } = useMemo(() => {
    const canvas = document.createElement('canvas')
    canvas.width = canvasWidth
    canvas.height = canvasMaxHeight
    const texture = new CanvasTexture(canvas)
    texture.colorSpace = SRGBColorSpace
    texture.minFilter = LinearMipmapLinearFilter
    texture.anisotropy = 4
    return { canvas, texture }
  }, [canvasWidth, canvasMaxHeight])
  useEffect(() => () => texture.dispose(), [texture])

  useEffect(() => {
    let live = true
    void loadPanelFonts().then(() => live && setFontsReady(true))
    return () => {
      live = false
    }
  }, [])

  useLayoutEffect(() => {
    const ctx = canvas.getContext('2d')
    if (!ctx) return
    ctx.clearRect(0, 0, canvas.width, canvas.height)
    const drawn = draw(ctx, hover)
    const height = Math.min(canvasMaxHeight, Math.max(1, Math.ceil(drawn.height)))
    layout.current = { height, buttons: drawn.buttons }
    // Show only the part drawn: the top `height` rows of the canvas (flipY puts row 0 at v = 1).
    texture.repeat.set(1, height / canvasMaxHeight)
    texture.offset.set(0, 1 - height / canvasMaxHeight)
    texture.needsUpdate = true
    const h = (width * height) / canvasWidth
    mesh.current?.scale.set(width, h, 1)
    mesh.current?.position.set(0, anchor === 'bottom' ? h / 2 : 0, 0)
  }, [canvas, texture, draw, hover, width, canvasWidth, canvasMaxHeight, fontsReady, anchor])

  useEffect(() => {
    if (!mesh.current) return
    return registerPanel(name, mesh.current, layout, canvasWidth)
  }, [name, canvasWidth])

  const buttonAt = (e: ThreeEvent<PointerEvent | MouseEvent>) => {
    const uv = e.uv
    return uv ? hitTest(layout.current.buttons, uv.x, uv.y, canvasWidth, layout.current.height) : null
  }
  return (
    <mesh
      ref={mesh}
      name={`panel:${name}`}
      renderOrder={renderOrder}
      {...(interactive ? {} : { raycast: noRaycast })}
      onPointerMove={(e) => {
        e.stopPropagation()
        const id = buttonAt(e)
        if (id !== hover) setHover(id)
      }}
      onPointerLeave={() => setHover(null)}
      onClick={(e) => {
        e.stopPropagation()
        const id = buttonAt(e)
        if (id) onSelect?.(id)
      }}
    >
      <planeGeometry />
      <meshBasicMaterial map={texture} transparent toneMapped={false} depthWrite={false} />
    </mesh>
  )
})
