import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter';

describe('sliding-window rate limiter', () => {
  it('allows N calls per minute, then asks to wait until the oldest leaves the window', () => {
    const limiter = createRateLimiter();
    expect(limiter.take('t', 2, 0)).toEqual({ allowed: true });
    expect(limiter.take('t', 2, 10_000)).toEqual({ allowed: true });
    expect(limiter.take('t', 2, 20_000)).toEqual({ allowed: false, retryAfterSeconds: 40 });
    expect(limiter.take('other', 2, 20_000)).toEqual({ allowed: true });
    expect(limiter.take('t', 2, 60_001)).toEqual({ allowed: true });
  });

  it('is off when the limit is 0', () => {
    const limiter = createRateLimiter();
    for (let i = 0; i < 500; i++) expect(limiter.take('t', 0, i).allowed).toBe(true);
  });
});
