'use client';
/**
 * Keeps an open floating panel (token picker, `{{` autocomplete) against its field: measured
 * before paint, and again when anything scrolls (the inspector) or the window resizes. The
 * field is the given element's positioned ancestor (the `relative` wrapper every token field
 * has), so the panel lines up with the whole field, not with the bolt button or the caret.
 */
import { useLayoutEffect, useState, type CSSProperties, type RefObject } from 'react';
import { placePopover, samePlacement, type PopoverPlacement } from '../popover-placement';

export function useAnchoredPanel(open: boolean, inside: RefObject<HTMLElement | null>): CSSProperties {
  const [placement, setPlacement] = useState<PopoverPlacement | null>(null);

  useLayoutEffect(() => {
    if (!open) return;
    const update = () => {
      const el = inside.current;
      if (el === null) return;
      const field = el.offsetParent ?? el;
      const root = document.documentElement;
      const next = placePopover(field.getBoundingClientRect(), { width: root.clientWidth, height: root.clientHeight });
      setPlacement((prev) => (samePlacement(prev, next) ? prev : next));
    };
    update();
    window.addEventListener('scroll', update, { capture: true, passive: true });
    window.addEventListener('resize', update);
    return () => {
      window.removeEventListener('scroll', update, { capture: true });
      window.removeEventListener('resize', update);
    };
  }, [open, inside]);

  // Not measured yet (the first render after opening): the layout effect places it before paint.
  // Transparent rather than hidden, so the search box can still take focus on mount.
  if (!open || placement === null) return { left: 0, top: 0, opacity: 0 };
  return {
    left: placement.left,
    width: placement.width,
    maxHeight: placement.maxHeight,
    ...(placement.side === 'below' ? { top: placement.top } : { bottom: placement.bottom }),
  };
}
