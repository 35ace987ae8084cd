import { describe, expect, it } from 'vitest';
import { formatSpan, usedPercent } from './format';
import { bucketLabel } from './run-status';

describe('dashboard formatting', () => {
  it('shows response times in their two largest units', () => {
    expect(formatSpan(null)).toBe('—');
    expect(formatSpan(45_400)).toBe('45 s');
    expect(formatSpan(180_000)).toBe('3 min');
    expect(formatSpan(528_000)).toBe('8 min 48 s');
    expect(formatSpan(7_500_000)).toBe('2 h 5 min');
    expect(formatSpan(97_200_000)).toBe('1 d 3 h');
    expect(formatSpan(86_400_000)).toBe('1 d');
  });

  it('caps quota bars at 100 % and labels buckets in UTC', () => {
    expect(usedPercent(3, 100)).toBe(3);
    expect(usedPercent(150, 100)).toBe(100);
    expect(usedPercent(1, 0)).toBe(0);
    expect(bucketLabel('2026-11-28T00:00:00.000Z', 'day')).toBe('Nov 28');
    expect(bucketLabel('2026-11-28T07:00:00.000Z', 'hour')).toBe('07:00');
  });
});
