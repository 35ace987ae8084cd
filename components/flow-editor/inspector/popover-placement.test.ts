// The token picker's floating panel: readable width, inside the viewport, and above the field
// when the field sits low in the inspector.
import { describe, expect, it } from 'vitest';
import { placePopover, POPOVER_SIZES, samePlacement } from './popover-placement';

const viewport = { width: 1366, height: 900 };
const { minWidth, margin, gap, preferredHeight } = POPOVER_SIZES;

describe('placePopover', () => {
  it('spans a wide field, just below it', () => {
    const p = placePopover({ left: 1000, right: 1330, top: 200, bottom: 238 }, viewport);
    expect(p).toEqual({ side: 'below', left: 1000, width: 330, top: 238 + gap, maxHeight: preferredHeight });
  });

  it('widens a narrow field leftwards from its right edge (a Run code input value)', () => {
    const p = placePopover({ left: 1180, right: 1300, top: 300, bottom: 338 }, viewport);
    expect(p.width).toBe(minWidth);
    expect(p.left + p.width).toBe(1300);
  });

  it('keeps the panel on screen when the field is squeezed to nothing at the right edge', () => {
    const p = placePopover({ left: 1366, right: 1366, top: 300, bottom: 338 }, viewport);
    expect(p.width).toBe(minWidth);
    expect(p.left).toBe(viewport.width - margin - minWidth);
  });

  it('opens above a field low on the screen, measured from the bottom edge', () => {
    const p = placePopover({ left: 1000, right: 1330, top: 700, bottom: 738 }, viewport);
    expect(p.side).toBe('above');
    expect(p.bottom).toBe(viewport.height - 700 + gap);
    expect(p.top).toBeUndefined();
    expect(p.maxHeight).toBe(preferredHeight);
  });

  it('stays below with a shorter list when there is less room above than below', () => {
    const p = placePopover({ left: 10, right: 400, top: 120, bottom: 160 }, { width: 800, height: 400 });
    expect(p.side).toBe('below');
    expect(p.maxHeight).toBe(400 - margin - 160 - gap);
  });

  it('never exceeds a viewport narrower than the minimum width', () => {
    const p = placePopover({ left: 0, right: 200, top: 10, bottom: 40 }, { width: 240, height: 600 });
    expect(p.width).toBe(240 - 2 * margin);
    expect(p.left).toBe(margin);
  });

  it('compares placements by value, so scrolling the list inside the panel does not re-render', () => {
    const a = placePopover({ left: 1000, right: 1330, top: 200, bottom: 238 }, viewport);
    expect(samePlacement(a, { ...a })).toBe(true);
    expect(samePlacement(null, a)).toBe(false);
    expect(samePlacement(a, { ...a, left: a.left + 1 })).toBe(false);
  });
});
