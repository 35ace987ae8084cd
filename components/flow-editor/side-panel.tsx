'use client';
// The right-hand panel (inspector or versions) floats over the canvas instead of taking a column
// beside it. A column narrowed the canvas on every selection, and on a large flow that resize
// (browser layout, React Flow re-measuring its viewport, the minimap re-projecting) was most of
// the cost of a click. The canvas leaves SIDE_PANEL_INSET px out when it fits or reveals steps.
import type { ReactNode } from 'react';

const WIDTH = 360;
const GAP = 12;
/** Canvas pixels, from the right edge, that the open panel covers (plus a gap before it). */
export const SIDE_PANEL_INSET = WIDTH + 2 * GAP;

export function SidePanel({ children }: { children: ReactNode }) {
  return (
    <div
      data-testid="side-panel"
      style={{ top: GAP, right: GAP, bottom: GAP, width: WIDTH }}
      className="absolute z-10 flex max-w-[calc(100%-24px)] flex-col overflow-hidden rounded-xl border border-slate-200 bg-white shadow-xl shadow-slate-900/10"
    >
      {children}
    </div>
  );
}
