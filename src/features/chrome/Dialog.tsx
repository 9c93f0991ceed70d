import { useEffect, useRef, type ReactNode } from 'react'

/**
 * A modal dialog on the native <dialog> element: the browser traps focus inside, restores it
 * on close, and closes on Escape. `open` mirrors the store; closing by any means calls onClose.
 */
export function Dialog(props: {
  open: boolean
  onClose: () => void
  title: string
  id: string
  children: ReactNode
}) {
  const { open, onClose, title, id, children } = props
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) dialog.showModal()
    if (!open && dialog.open) dialog.close()
  }, [open])
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={`${id}-title`} onClose={onClose} data-testid={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </dialog>
  )
}
