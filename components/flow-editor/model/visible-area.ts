// The part of the canvas the user can see. The side panel (inspector, versions) floats over the
// canvas's right edge, so fitting and revealing steps must leave that strip out: these helpers
// turn "padding as a share of the canvas" and "is it on screen" into the visible area's terms.
import type { FitViewOptions } from '@xyflow/react';

type Padding = NonNullable<FitViewOptions['padding']>;

export interface Size {
  width: number;
  height: number;
}

export interface ScreenRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** React Flow's padding for a share of the canvas (as its numeric `padding`), per side in px. */
function share(ratio: number, length: number): number {
  return Math.floor((length - length / (1 + ratio)) * 0.5);
}

/**
 * fitView padding that fits into the canvas minus `rightInset` px on the right, with the same
 * margins React Flow's numeric `padding: ratio` gives a canvas of that visible width.
 */
export function fitPadding(ratio: number, canvas: Size, rightInset: number): Padding {
  if (rightInset <= 0) return ratio;
  const visibleWidth = Math.max(canvas.width - rightInset, 1);
  const x = share(ratio, visibleWidth);
  const y = share(ratio, canvas.height);
  return { top: `${y}px`, bottom: `${y}px`, left: `${x}px`, right: `${x + rightInset}px` };
}

/** Whether `rect` lies wholly inside `canvas` once its right `rightInset` px are covered. */
export function isInVisibleArea(rect: ScreenRect, canvas: ScreenRect, rightInset: number): boolean {
  return rect.left >= canvas.left && rect.top >= canvas.top && rect.right <= canvas.right - rightInset && rect.bottom <= canvas.bottom;
}

/**
 * The flow x to pass to setCenter so that `flowX` lands in the middle of the visible area
 * (setCenter centres on the whole canvas, part of which is under the panel).
 */
export function centreXForVisibleArea(flowX: number, rightInset: number, zoom: number): number {
  return flowX + rightInset / 2 / zoom;
}

/**
 * The smallest pan (screen px) that brings `rect` inside the visible area with `margin` to spare.
 * When it cannot fit, its top-left corner wins (that is where a step's name is).
 */
export function nudgeIntoView(rect: ScreenRect, canvas: ScreenRect, rightInset: number, margin: number): { dx: number; dy: number } {
  const axis = (start: number, end: number, min: number, max: number) => {
    if (end > max) return Math.max(max - end, min - start);
    if (start < min) return min - start;
    return 0;
  };
  return {
    dx: axis(rect.left, rect.right, canvas.left + margin, canvas.right - rightInset - margin),
    dy: axis(rect.top, rect.bottom, canvas.top + margin, canvas.bottom - margin),
  };
}
