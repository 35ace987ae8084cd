// Where a field's floating panel (token picker, `{{` autocomplete) goes on screen. The panel is
// position: fixed, so no scrolling or overflow-hidden ancestor (the inspector's scroll area, a
// CodeMirror wrapper, a flex row) can clip it or squeeze it to the width of a narrow field.

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Viewport {
  width: number;
  height: number;
}

export interface PopoverPlacement {
  side: 'below' | 'above';
  left: number;
  width: number;
  /** Set for `below`: the panel's top edge. */
  top?: number;
  /** Set for `above`: the distance from the viewport's bottom edge, so the panel's own height is not needed. */
  bottom?: number;
  maxHeight: number;
}

export interface PopoverSizes {
  /** Narrower than this, option labels and samples are cut to a few letters. */
  minWidth: number;
  /** Search box plus a full list (TokenList's max-h-72): below the field when this fits. */
  preferredHeight: number;
  /** Kept free between the panel and the viewport's edges. */
  margin: number;
  /** Between the field and the panel. */
  gap: number;
}

export const POPOVER_SIZES: PopoverSizes = { minWidth: 288, preferredHeight: 340, margin: 8, gap: 4 };

export function placePopover(anchor: Box, viewport: Viewport, sizes: PopoverSizes = POPOVER_SIZES): PopoverPlacement {
  const { minWidth, preferredHeight, margin, gap } = sizes;
  const room = Math.max(0, viewport.width - 2 * margin);
  const width = Math.min(room, Math.max(anchor.right - anchor.left, minWidth));
  // Spans the field when it is wide enough; otherwise grows leftwards from the field's right edge,
  // where the picker button is (the inspector sits at the right of the screen).
  const left = Math.min(Math.max(anchor.right - width, margin), viewport.width - margin - width);
  const below = viewport.height - margin - (anchor.bottom + gap);
  const above = anchor.top - gap - margin;
  if (below >= preferredHeight || below >= above) {
    return { side: 'below', left, width, top: anchor.bottom + gap, maxHeight: Math.max(0, Math.min(preferredHeight, below)) };
  }
  return { side: 'above', left, width, bottom: viewport.height - anchor.top + gap, maxHeight: Math.max(0, Math.min(preferredHeight, above)) };
}

export function samePlacement(a: PopoverPlacement | null, b: PopoverPlacement): boolean {
  return a !== null && a.side === b.side && a.left === b.left && a.width === b.width && a.top === b.top && a.bottom === b.bottom && a.maxHeight === b.maxHeight;
}
