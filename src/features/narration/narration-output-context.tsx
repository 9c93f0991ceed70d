import { createContext, useContext, type ReactNode } from 'react'
import type { NarrationOutput } from './narration-output'

const NarrationOutputContext = createContext<NarrationOutput | null>(null)

/** Give the tree its page's one narration output (made by the shell). */
export function NarrationOutputProvider({
  output,
  children,
}: {
  output: NarrationOutput
  children: ReactNode
}) {
  return <NarrationOutputContext.Provider value={output}>{children}</NarrationOutputContext.Provider>
}

/** The page's narration output: where the one <audio> element plays, on a screen or in a headset. */
export function useNarrationOutput(): NarrationOutput {
  const output = useContext(NarrationOutputContext)
  if (!output)
    throw new Error(
      'Portage: the narration output is used outside <NarrationOutputProvider> (its shell gives it)',
    )
  return output
}
