// Sliding-window limiter: MDE publishes "100 calls per minute" per tenant (B.4) and
// answers 429 with Retry-After once that is exceeded.

const WINDOW_MS = 60_000;

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  take(key: string, limitPerMinute: number, nowMs: number): RateDecision;
  reset(): void;
}

export function createRateLimiter(): RateLimiter {
  const windows = new Map<string, number[]>();
  return {
    take(key, limitPerMinute, nowMs) {
      if (limitPerMinute <= 0) return { allowed: true };
      const recent = (windows.get(key) ?? []).filter((t) => t > nowMs - WINDOW_MS);
      if (recent.length >= limitPerMinute) {
        windows.set(key, recent);
        // The caller may retry when the oldest call in the window leaves it.
        const waitMs = recent[0] + WINDOW_MS - nowMs;
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
      }
      // Rejected calls are not recorded, so a client that honours Retry-After gets through.
      recent.push(nowMs);
      windows.set(key, recent);
      return { allowed: true };
    },
    reset() {
      windows.clear();
    },
  };
}
