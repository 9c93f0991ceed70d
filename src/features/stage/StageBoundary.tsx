import { Component, type ReactNode } from 'react'
import { appStore } from '../../state/app-store'

/**
 * If the 3D view cannot start (WebGL context creation failing after all, the 3D code failing to
 * load), the visitor continues in the 2D tour at the same place, with a notice saying why.
 */
export class StageBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false }
  static getDerivedStateFromError() {
    return { failed: true }
  }
  componentDidCatch(error: Error) {
    console.warn('3D view unavailable, switching to the 2D tour:', error.message)
    const { actions } = appStore.getState()
    actions.notify('notice.webglFailed')
    actions.setSettings({ view: '2d' })
  }
  render() {
    return this.state.failed ? null : this.props.children
  }
}
