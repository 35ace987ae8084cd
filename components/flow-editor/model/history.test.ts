import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, createHistory, push, redo, undo } from './history';

describe('history', () => {
  it('undoes and redoes in order', () => {
    let h = createHistory('a');
    h = push(h, 'b', { now: 0 });
    h = push(h, 'c', { now: 5000 });
    expect(canRedo(h)).toBe(false);
    h = undo(h);
    expect(h.present).toBe('b');
    h = undo(h);
    expect(h.present).toBe('a');
    expect(canUndo(h)).toBe(false);
    expect(undo(h)).toBe(h);
    h = redo(h);
    h = redo(h);
    expect(h.present).toBe('c');
    expect(redo(h)).toBe(h);
  });

  it('a new edit clears redo', () => {
    let h = push(push(createHistory(1), 2, { now: 0 }), 3, { now: 1 });
    h = undo(h);
    h = push(h, 4, { now: 2 });
    expect(canRedo(h)).toBe(false);
    expect(h.past).toEqual([1, 2]);
  });

  it('coalesces pushes of one group within a second into one step', () => {
    let h = createHistory('');
    h = push(h, 'H', { group: 'is_high.right', now: 1000 });
    h = push(h, 'Hi', { group: 'is_high.right', now: 1300 });
    h = push(h, 'Hig', { group: 'is_high.right', now: 1900 });
    expect(h.past).toEqual(['']);
    // A pause longer than the window starts a new step…
    h = push(h, 'High', { group: 'is_high.right', now: 3500 });
    expect(h.past).toEqual(['', 'Hig']);
    // …and so does another field.
    h = push(h, 'High!', { group: 'notify.subject', now: 3600 });
    expect(h.past).toEqual(['', 'Hig', 'High']);
    // Undo breaks the group so the next keystroke is its own step.
    h = push(undo(h), 'Highs', { group: 'is_high.right', now: 3700 });
    expect(h.past).toEqual(['', 'Hig', 'High']);
  });

  it('ignores a push of the present itself', () => {
    const h = createHistory({ a: 1 });
    expect(push(h, h.present, { now: 0 })).toBe(h);
  });

  it('is bounded', () => {
    let h = createHistory(0);
    for (let i = 1; i <= 250; i++) h = push(h, i, { now: i * 2000 });
    expect(h.past).toHaveLength(200);
    expect(h.past[0]).toBe(50);
  });
});
