// Per-connection overrides of the published limits (connection config `rateLimits`, and
// `rateLimitWindows` to scale time in tests), and the windows the limiter enforces.
import { z } from 'zod';
import { API_FAMILIES, DEFAULT_WINDOWS, PUBLISHED_LIMITS, type ApiFamily, type FamilyLimit, type RateWindows } from './families';
import type { Window } from './sliding-window';

const ZLimit = z.number().int().min(1).max(1_000_000);

export const ZRateLimitOverrides = z.partialRecord(
  z.enum(API_FAMILIES),
  z.strictObject({ perMinute: ZLimit.optional(), perHour: ZLimit.optional() }),
);
export type RateLimitOverrides = z.infer<typeof ZRateLimitOverrides>;

export const ZRateLimitWindows = z.strictObject({
  minuteMs: z.number().int().min(100).max(3_600_000).optional(),
  hourMs: z.number().int().min(100).max(86_400_000).optional(),
  marginMs: z.number().int().min(0).max(60_000).optional(),
});
export type RateLimitWindowsInput = z.infer<typeof ZRateLimitWindows>;

export type FamilyWindows = Record<ApiFamily, Window[]>;

export function effectiveLimits(overrides: RateLimitOverrides = {}): Record<ApiFamily, FamilyLimit> {
  const out = {} as Record<ApiFamily, FamilyLimit>;
  for (const family of API_FAMILIES) out[family] = { ...PUBLISHED_LIMITS[family], ...overrides[family] };
  return out;
}

/**
 * Each window is lengthened by a margin: a slot is granted here but counted by MDE when the request
 * arrives, so a call delayed on its way (event loop, network) would otherwise land in a window
 * that already holds the call granted one window later. The margin must exceed that delay.
 */
export function familyWindows(overrides?: RateLimitOverrides, windows: RateLimitWindowsInput = {}): FamilyWindows {
  const w: RateWindows = { ...DEFAULT_WINDOWS, ...windows };
  const limits = effectiveLimits(overrides);
  const out = {} as FamilyWindows;
  for (const family of API_FAMILIES) {
    out[family] = [
      { limit: limits[family].perMinute, windowMs: w.minuteMs + w.marginMs },
      { limit: limits[family].perHour, windowMs: w.hourMs + w.marginMs },
    ];
  }
  return out;
}
