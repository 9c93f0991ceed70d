/**
 * The headset runtime: a lazy chunk, loaded only where `immersive-vr` is supported (or emulated).
 */
export { enterVR, exitVR } from './session-lifecycle'
export { XrMode } from './XrMode'
