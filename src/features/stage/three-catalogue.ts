/**
 * The three.js classes the app's 3D tree creates as JSX elements (`<mesh>`, `<group>`, ...), and
 * the only ones registered with React Three Fiber. R3F's <Canvas> registers the whole `three`
 * namespace by default, which keeps all of three.js in the bundle (~40 KB gzip more than the app
 * uses); the build removes that call (vite.config.ts, `portage:three-catalogue`) and this list
 * takes its place. A test (tests/unit/three-catalogue.test.ts) scans the app's components and the
 * R3F libraries it renders for JSX elements, and fails when one is missing here.
 */
import {
  BoxGeometry,
  CircleGeometry,
  Color,
  DirectionalLight,
  Fog,
  Group,
  HemisphereLight,
  Mesh,
  MeshBasicMaterial,
  PlaneGeometry,
  RingGeometry,
} from 'three'

export const THREE_CATALOGUE = {
  BoxGeometry,
  CircleGeometry,
  Color,
  DirectionalLight,
  Fog,
  Group,
  HemisphereLight,
  Mesh,
  MeshBasicMaterial,
  PlaneGeometry,
  RingGeometry,
}
