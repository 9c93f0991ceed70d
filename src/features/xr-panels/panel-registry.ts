/**
 * The in-world panels on show, for tools (`?diagnostics=1`): each panel's buttons in world space,
 * so a test can aim an emulated controller at them. Every CanvasPanel registers itself here while
 * mounted; the mode that shows panels reports `panelTargets()` in its diagnostics section. Read
 * when asked, never computed in the frame loop.
 */
import type { RefObject } from 'react'
import { Vector3, type Mesh, type Object3D } from 'three'
import type { HitRect } from './panel-layout'

type PanelEntry = {
  mesh: Mesh
  layout: RefObject<{ height: number; buttons: HitRect[] }>
  canvasWidth: number
}

const panels = new Map<string, PanelEntry>()

export function registerPanel(name: string, mesh: Mesh, layout: PanelEntry['layout'], canvasWidth: number) {
  const entry = { mesh, layout, canvasWidth }
  panels.set(name, entry)
  return () => {
    if (panels.get(name) === entry) panels.delete(name)
  }
}

const p = new Vector3()
const visibleInWorld = (o: Object3D) => {
  for (let n: Object3D | null = o; n; n = n.parent) if (!n.visible) return false
  return true
}

const n = new Vector3()

/**
 * Every visible panel button, by `panel:button`, at its centre in world coordinates, with the
 * panel's facing direction (a ray must come from that side).
 */
export function panelTargets() {
  const out: { id: string; x: number; y: number; z: number; normal: [number, number, number] }[] = []
  for (const [name, { mesh, layout, canvasWidth }] of panels) {
    if (!visibleInWorld(mesh) || !layout.current) continue
    mesh.updateWorldMatrix(true, false)
    mesh.getWorldDirection(n)
    const { height, buttons } = layout.current
    for (const b of buttons) {
      // Canvas pixels to the unit quad (-0.5..0.5), then to the world.
      p.set((b.x + b.w / 2) / canvasWidth - 0.5, 0.5 - (b.y + b.h / 2) / height, 0).applyMatrix4(
        mesh.matrixWorld,
      )
      out.push({ id: `${name}:${b.id}`, x: p.x, y: p.y, z: p.z, normal: [n.x, n.y, n.z] })
    }
  }
  return out
}
