/**
 * Whether this frame may start a WebXR session. A cross-origin iframe may only when the page gives
 * it `allow="xr-spatial-tracking"`; otherwise the embed offers to open the same place in a new tab,
 * where the headset's browser can enter VR.
 */
type PolicyDocument = { allowsFeature?(feature: string): boolean }

export function frameAllowsXR(doc: Document = document, win: Window = window): boolean {
  if (win.parent === win) return true
  const d = doc as Document & { permissionsPolicy?: PolicyDocument; featurePolicy?: PolicyDocument }
  const policy = d.permissionsPolicy ?? d.featurePolicy
  // A browser that cannot tell (no policy API): say no, so the visitor gets the new-tab way in.
  if (!policy?.allowsFeature) return false
  try {
    return policy.allowsFeature('xr-spatial-tracking')
  } catch {
    return false
  }
}
