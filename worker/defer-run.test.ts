import { describe, expect, it } from 'vitest';
import { delayFor, mayWaitFreely, MAX_FREE_WAITING_MS } from './defer-run';

describe('deferring a run', () => {
  it('never wakes earlier than told, and at most 10% (≤ 2 s) later', () => {
    expect(delayFor(5000, () => 0)).toBe(5000);
    expect(delayFor(5000, () => 0.5)).toBe(5250);
    expect(delayFor(5000, () => 0.9999)).toBeLessThanOrEqual(5500);
    expect(delayFor(600_000, () => 0.5)).toBe(601_000);
    expect(delayFor(600_000, () => 0.9999)).toBeLessThanOrEqual(602_000);
    expect(delayFor(0, () => 0.5)).toBe(0);
  });

  it('waits freely for a day after enqueueing, then waits count as attempts', () => {
    const t0 = 1_000_000;
    expect(mayWaitFreely(t0, t0 + 1000)).toBe(true);
    expect(mayWaitFreely(t0, t0 + MAX_FREE_WAITING_MS - 1)).toBe(true);
    expect(mayWaitFreely(t0, t0 + MAX_FREE_WAITING_MS)).toBe(false);
  });
});
