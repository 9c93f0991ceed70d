import { useEffect, useState } from 'react'
import { appStore } from '../store/app-store'
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

/** The on-screen panel of `?diagnostics=1`, refreshed four times a second. */
export function DiagnosticsOverlay() {
  const [snap, setSnap] = useState<DiagnosticsSnapshot>(() => readDiagnostics(appStore))
  useEffect(() => {
    const id = setInterval(() => setSnap(readDiagnostics(appStore)), 250)
    return () => clearInterval(id)
  }, [])
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
          <tr>
            <th scope="row">at</th>
            <td>{[snap.tour, snap.stop, snap.hotspot].filter(Boolean).join(' / ') || '—'}</td>
          </tr>
        </tbody>
      </table>
    </aside>
  )
}
