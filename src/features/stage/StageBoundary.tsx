import { Component, type ContextType, type ReactNode } from 'react'
import { AppContext } from '../../state/app-context'

/**
 * If the 3D view cannot start (WebGL context creation failing after all, the 3D code failing to
 * load), the visitor continues in the 2D tour at the same place, with a notice saying why.
 */
export class StageBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  static contextType = AppContext
  declare context: ContextType<typeof AppContext>
  state = { failed: false }
  static getDerivedStateFromError() {
    return { failed: true }
  }
  componentDidCatch(error: Error) {
    console.warn('3D view unavailable, switching to the 2D tour:', error.message)
    const actions = this.context?.store.getState().actions
    actions?.notify('notice.webglFailed')
    actions?.setSettings({ view: '2d' })
  }
  render() {
    return this.state.failed ? null : this.props.children
  }
}
