import { describe, expect, it } from 'vitest';
import { getViewportForBounds } from '@xyflow/react';
import { centreXForVisibleArea, fitPadding, isInVisibleArea, nudgeIntoView } from './visible-area';

const canvas = { width: 1000, height: 600 };

describe('fitPadding', () => {
  it('is React Flow’s own numeric padding when nothing covers the canvas', () => {
    expect(fitPadding(0.2, canvas, 0)).toBe(0.2);
  });

  it('fits the bounds left of the panel, with the margins of a canvas that wide', () => {
    const bounds = { x: 0, y: 0, width: 2000, height: 100 };
    const inset = 400;
    const vp = getViewportForBounds(bounds, canvas.width, canvas.height, 0.1, 2, fitPadding(0.2, canvas, inset));
    // Same zoom and left margin as fitting into a 600 px wide canvas without a panel.
    const bare = getViewportForBounds(bounds, canvas.width - inset, canvas.height, 0.1, 2, 0.2);
    expect(vp.zoom).toBeCloseTo(bare.zoom, 5);
    expect(vp.x).toBeCloseTo(bare.x, 0);
    // The right end of the bounds stays clear of the panel.
    expect(vp.x + bounds.width * vp.zoom).toBeLessThanOrEqual(canvas.width - inset);
  });
});

describe('isInVisibleArea', () => {
  const box = { left: 100, top: 50, right: 1100, bottom: 650 };
  it('is false for a step under the panel, true once it is left of it', () => {
    expect(isInVisibleArea({ left: 800, top: 100, right: 1000, bottom: 180 }, box, 0)).toBe(true);
    expect(isInVisibleArea({ left: 800, top: 100, right: 1000, bottom: 180 }, box, 372)).toBe(false);
    expect(isInVisibleArea({ left: 400, top: 100, right: 600, bottom: 180 }, box, 372)).toBe(true);
  });
  it('is false for a step above or below the canvas', () => {
    expect(isInVisibleArea({ left: 400, top: 20, right: 600, bottom: 100 }, box, 0)).toBe(false);
    expect(isInVisibleArea({ left: 400, top: 600, right: 600, bottom: 700 }, box, 0)).toBe(false);
  });
});

describe('centreXForVisibleArea', () => {
  it('shifts the centre right by half the covered strip, in flow units', () => {
    expect(centreXForVisibleArea(500, 0, 0.8)).toBe(500);
    expect(centreXForVisibleArea(500, 400, 0.8)).toBe(750);
  });
});

describe('nudgeIntoView', () => {
  const box = { left: 0, top: 0, right: 1000, bottom: 600 };
  it('pans a step out from under the panel, just far enough', () => {
    expect(nudgeIntoView({ left: 700, top: 100, right: 900, bottom: 180 }, box, 372, 24)).toEqual({ dx: -296, dy: 0 });
  });
  it('pans a step above or left of the canvas down and right', () => {
    expect(nudgeIntoView({ left: -50, top: -30, right: 150, bottom: 50 }, box, 0, 24)).toEqual({ dx: 74, dy: 54 });
  });
  it('leaves a visible step alone', () => {
    expect(nudgeIntoView({ left: 100, top: 100, right: 300, bottom: 180 }, box, 372, 24)).toEqual({ dx: 0, dy: 0 });
  });
  it('keeps the top-left corner in view when the step is bigger than the area', () => {
    expect(nudgeIntoView({ left: 100, top: 100, right: 900, bottom: 180 }, { left: 0, top: 0, right: 600, bottom: 600 }, 372, 24)).toEqual({ dx: -76, dy: 0 });
  });
});
