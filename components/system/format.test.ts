import { describe, expect, it } from 'vitest';
import { formatAge, formatCount, formatSeconds } from './format';

describe('System page formatting', () => {
  it('writes ages in the largest two units', () => {
    expect(formatAge(0)).toBe('0 s');
    expect(formatAge(-3)).toBe('0 s');
    expect(formatAge(42.9)).toBe('42 s');
    expect(formatAge(185)).toBe('3 min 5 s');
    expect(formatAge(120)).toBe('2 min');
    expect(formatAge(2 * 3600 + 600)).toBe('2 h 10 min');
    expect(formatAge(3 * 86400 + 4 * 3600 + 59)).toBe('3 d 4 h');
  });

  it('writes step durations in ms under a second', () => {
    expect(formatSeconds(0.0424)).toBe('42 ms');
    expect(formatSeconds(1.5)).toBe('1.50 s');
    expect(formatSeconds(61)).toBe('1 min 1 s');
    expect(formatCount(12345)).toBe('12,345');
  });
});
