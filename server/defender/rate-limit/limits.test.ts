import { describe, expect, it } from 'vitest';
import { SIM_PUBLISHED_LIMITS } from '@/simulator/rate-limits';
import { API_FAMILIES, PUBLISHED_LIMITS } from './families';
import { effectiveLimits, familyWindows, ZRateLimitOverrides, ZRateLimitWindows } from './limits';

describe('published limits (reference B.4)', () => {
  it('has the MDE figures per API family', () => {
    expect(PUBLISHED_LIMITS).toEqual({
      alerts: { perMinute: 100, perHour: 1500 },
      alertCreate: { perMinute: 15, perHour: 900 },
      machines: { perMinute: 100, perHour: 1500 },
      packageUri: { perMinute: 2, perHour: 120 },
      liveResponse: { perMinute: 10, perHour: 600 },
      indicators: { perMinute: 100, perHour: 1500 },
      hunting: { perMinute: 45, perHour: 1500 },
      default: { perMinute: 100, perHour: 1500 },
    });
    expect(Object.keys(PUBLISHED_LIMITS)).toEqual([...API_FAMILIES]);
  });

  it('matches what the simulator enforces', () => {
    expect(SIM_PUBLISHED_LIMITS).toEqual(PUBLISHED_LIMITS);
  });
});

describe('effective limits and windows', () => {
  it('overrides only the given family and window', () => {
    const limits = effectiveLimits({ alerts: { perMinute: 200 }, hunting: { perHour: 100 } });
    expect(limits.alerts).toEqual({ perMinute: 200, perHour: 1500 });
    expect(limits.hunting).toEqual({ perMinute: 45, perHour: 100 });
    expect(limits.machines).toEqual(PUBLISHED_LIMITS.machines);
  });

  it('gives every family a minute and an hour window, each lengthened by the margin', () => {
    expect(familyWindows().packageUri).toEqual([{ limit: 2, windowMs: 61_000 }, { limit: 120, windowMs: 3_601_000 }]);
    expect(familyWindows({ alerts: { perMinute: 200, perHour: 5000 } }, { minuteMs: 2000, hourMs: 60_000, marginMs: 300 }).alerts)
      .toEqual([{ limit: 200, windowMs: 2300 }, { limit: 5000, windowMs: 60_300 }]);
  });

  it('rejects unknown families, unknown fields and limits below 1', () => {
    expect(ZRateLimitOverrides.safeParse({ alerts: { perMinute: 50 } }).success).toBe(true);
    expect(ZRateLimitOverrides.safeParse({ alert: { perMinute: 50 } }).success).toBe(false);
    expect(ZRateLimitOverrides.safeParse({ alerts: { perMinute: 0 } }).success).toBe(false);
    expect(ZRateLimitOverrides.safeParse({ alerts: { perMinute: 1.5 } }).success).toBe(false);
    expect(ZRateLimitOverrides.safeParse({ alerts: { perDay: 5 } }).success).toBe(false);
    expect(ZRateLimitWindows.safeParse({ minuteMs: 2000 }).success).toBe(true);
    expect(ZRateLimitWindows.safeParse({ minuteMs: 10 }).success).toBe(false);
    expect(ZRateLimitWindows.safeParse({ seconds: 1 }).success).toBe(false);
  });
});
