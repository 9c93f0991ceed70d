/**
 * The in-world panels' canvases, shared by every mode that shows them (the headset, AR on a
 * table). Each mode chooses where a panel stands and how wide it is in metres; the canvas gives
 * its sharpness: ~2000 px/m at 0.5 m wide, so the story's body text (36 px) is ~18 mm tall.
 */
export const STORY_CANVAS = { width: 1024, maxHeight: 1400 } as const

/** Up to four lines of 36 px captions (three of 44 px). */
export const CAPTIONS_CANVAS = { width: 1024, height: 260 } as const
