import { useEffect, useState } from 'react'
import { useAppStore } from '../../state/app-context'
import { readDiagnostics, type DiagnosticsSnapshot } from './diagnostics'

const ROWS: [keyof DiagnosticsSnapshot, string][] = [
  ['frameTimeMs', 'frame ms (median)'],
  ['fps', 'fps'],
  ['drawCalls', 'draw calls'],
  ['triangles', 'triangles'],
  ['geometries', 'geometries'],
  ['textures', 'textures'],
  ['programs', 'programs'],
]

type XrSection = {
  presenting?: boolean
  resolution?: { scale: number; budgetMs: number; frameMs: number; mechanism: string }
}

/** The on-screen panel of `?diagnostics=1`, refreshed four times a second. */
export function DiagnosticsOverlay() {
  const store = useAppStore()
  const [snap, setSnap] = useState<DiagnosticsSnapshot>(() => readDiagnostics(store))
  useEffect(() => {
    const id = setInterval(() => setSnap(readDiagnostics(store)), 250)
    return () => clearInterval(id)
  }, [store])
  const xr = snap['xr'] as XrSection | undefined
  return (
    <aside className="diagnostics" aria-label="Diagnostics" data-testid="diagnostics">
      <table>
        <tbody>
          {ROWS.map(([key, label]) => (
            <tr key={key}>
              <th scope="row">{label}</th>
              <td>{String(snap[key])}</td>
            </tr>
          ))}
          {xr?.presenting && xr.resolution && (
            <>
              <tr>
                <th scope="row">VR resolution scale</th>
                <td data-testid="diagnostics-vr-scale">
                  {xr.resolution.scale.toFixed(2)} ({xr.resolution.mechanism})
                </td>
              </tr>
              <tr>
                <th scope="row">VR frame ms / budget</th>
                <td>
                  {xr.resolution.frameMs.toFixed(1)} / {xr.resolution.budgetMs.toFixed(1)}
                </td>
              </tr>
            </>
          )}
          <tr>
            <th scope="row">at</th>
            <td>{[snap.tour, snap.stop, snap.hotspot].filter(Boolean).join(' / ') || '—'}</td>
          </tr>
        </tbody>
      </table>
    </aside>
  )
}
