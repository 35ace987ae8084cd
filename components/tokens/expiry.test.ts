import { describe, expect, it } from 'vitest';
import { formatUntil } from './expiry';

const NOW = Date.parse('2026-12-01T12:00:00Z');

describe('formatUntil', () => {
  it('speaks about the future in days and says when it has passed', () => {
    expect(formatUntil('2026-12-31T12:00:00Z', NOW)).toBe('in 30 days');
    expect(formatUntil('2026-12-02T12:00:00Z', NOW)).toBe('in 1 day');
    expect(formatUntil('2026-12-01T18:00:00Z', NOW)).toBe('in less than a day');
    expect(formatUntil('2026-12-01T11:00:00Z', NOW)).toBe('expired');
    expect(formatUntil('not a date', NOW)).toBe('—');
  });
});
