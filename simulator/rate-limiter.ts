// Sliding-window limiter with several windows per key, the way MDE publishes its limits
// ("100 calls per minute and 1,500 calls per hour", B.4), answering 429 with Retry-After.

export interface RateWindow {
  limit: number;
  windowMs: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; window: RateWindow };

export interface RateLimiter {
  take(key: string, windows: RateWindow[], nowMs: number): RateDecision;
  reset(): void;
}

export function createRateLimiter(): RateLimiter {
  const logs = new Map<string, number[]>();
  return {
    take(key, windows, nowMs) {
      const active = windows.filter((w) => w.limit > 0);
      if (active.length === 0) return { allowed: true };
      const longest = Math.max(...active.map((w) => w.windowMs));
      const log = (logs.get(key) ?? []).filter((t) => t > nowMs - longest);
      logs.set(key, log);
      for (const w of active) {
        const inWindow = log.filter((t) => t > nowMs - w.windowMs);
        if (inWindow.length >= w.limit) {
          // The caller may retry when enough calls have left this window.
          const waitMs = inWindow[inWindow.length - w.limit] + w.windowMs - nowMs;
          return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)), window: w };
        }
      }
      // Rejected calls are not recorded, so a client that honours Retry-After gets through.
      log.push(nowMs);
      return { allowed: true };
    },
    reset() {
      logs.clear();
    },
  };
}
