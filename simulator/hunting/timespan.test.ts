import { describe, expect, it } from 'vitest';
import { parseTimespan, TimespanError } from './timespan';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const DAY = 86_400_000;

describe('Graph Timespan', () => {
  it('accepts the documented forms', () => {
    expect(parseTimespan('P7D', NOW)).toEqual({ fromMs: NOW - 7 * DAY, toMs: NOW });
    expect(parseTimespan('PT12H', NOW)).toEqual({ fromMs: NOW - DAY / 2, toMs: NOW });
    expect(parseTimespan('2026-03-01T00:00:00Z', NOW)).toEqual({ fromMs: Date.parse('2026-03-01T00:00:00Z'), toMs: NOW });
    expect(parseTimespan('2026-03-01/2026-03-02', NOW)).toEqual({ fromMs: Date.parse('2026-03-01'), toMs: Date.parse('2026-03-02') });
    expect(parseTimespan('P1D/2026-03-02T00:00:00Z', NOW)).toEqual({ fromMs: Date.parse('2026-03-01'), toMs: Date.parse('2026-03-02') });
    expect(parseTimespan('2026-03-01T00:00:00Z/P2D', NOW)).toEqual({ fromMs: Date.parse('2026-03-01'), toMs: Date.parse('2026-03-03') });
  });

  it('refuses anything else', () => {
    for (const bad of ['', 'P', 'PT', '7d', 'P7D/P1D', '2026-03-02/2026-03-01', 'a/b/c', 'yesterday']) {
      expect(() => parseTimespan(bad, NOW), bad).toThrow(TimespanError);
    }
  });
});
