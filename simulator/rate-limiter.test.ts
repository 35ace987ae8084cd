import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter';

const perMinute = (limit: number) => [{ limit, windowMs: 60_000 }];

describe('sliding-window rate limiter', () => {
  it('allows N calls per minute, then asks to wait until the oldest leaves the window', () => {
    const limiter = createRateLimiter();
    expect(limiter.take('t', perMinute(2), 0)).toEqual({ allowed: true });
    expect(limiter.take('t', perMinute(2), 10_000)).toEqual({ allowed: true });
    expect(limiter.take('t', perMinute(2), 20_000)).toMatchObject({ allowed: false, retryAfterSeconds: 40 });
    expect(limiter.take('other', perMinute(2), 20_000)).toEqual({ allowed: true });
    expect(limiter.take('t', perMinute(2), 60_001)).toEqual({ allowed: true });
  });

  it('enforces the hourly window once the minute window has room again', () => {
    const limiter = createRateLimiter();
    const windows = [{ limit: 2, windowMs: 60_000 }, { limit: 3, windowMs: 3_600_000 }];
    expect(limiter.take('t', windows, 0).allowed).toBe(true);
    expect(limiter.take('t', windows, 1000).allowed).toBe(true);
    expect(limiter.take('t', windows, 61_000).allowed).toBe(true);
    // Minute window holds one call; the hour holds three: wait until the first (t=0) leaves it.
    expect(limiter.take('t', windows, 62_000)).toEqual({ allowed: false, retryAfterSeconds: 3538, window: windows[1] });
    expect(limiter.take('t', windows, 3_600_001).allowed).toBe(true);
  });

  it('is off when there are no windows or the limit is 0', () => {
    const limiter = createRateLimiter();
    for (let i = 0; i < 500; i++) expect(limiter.take('t', perMinute(0), i).allowed).toBe(true);
    expect(limiter.take('t', [], 0).allowed).toBe(true);
  });
});
