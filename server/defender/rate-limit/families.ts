// MDE's published rate limits per API (reference/defender-api.md B.4). Each family is one budget
// per tenant: every call of that API, from every worker, counts against it.

export const API_FAMILIES = ['alerts', 'alertCreate', 'machines', 'packageUri', 'liveResponse', 'indicators', 'hunting', 'default'] as const;
export type ApiFamily = (typeof API_FAMILIES)[number];

export interface FamilyLimit {
  perMinute: number;
  perHour: number;
}

export const PUBLISHED_LIMITS: Readonly<Record<ApiFamily, Readonly<FamilyLimit>>> = {
  // List, get, update alerts and batch update.
  alerts: { perMinute: 100, perHour: 1500 },
  // Create alert by reference: 15/min; MDE publishes no hourly figure, so it is 15 × 60.
  alertCreate: { perMinute: 15, perHour: 900 },
  // Machines, tags, machine actions (isolate, unisolate, scan, restrict, collect, …) and their listing.
  machines: { perMinute: 100, perHour: 1500 },
  // Get investigation package SAS URI.
  packageUri: { perMinute: 2, perHour: 120 },
  // Run live response: 10/min; MDE publishes no hourly figure, so it is 10 × 60.
  liveResponse: { perMinute: 10, perHour: 600 },
  // Submit, list, delete indicators.
  indicators: { perMinute: 100, perHour: 1500 },
  // Advanced hunting (MDE /api/advancedqueries/run and Graph runHuntingQuery).
  hunting: { perMinute: 45, perHour: 1500 },
  // Anything else: the common 100/min, 1,500/h most MDE pages publish.
  default: { perMinute: 100, perHour: 1500 },
};

/** Window lengths; tests shrink them to scale time. `marginMs` is added to every window (see limits.ts). */
export interface RateWindows {
  minuteMs: number;
  hourMs: number;
  marginMs: number;
}

export const DEFAULT_WINDOWS: Readonly<RateWindows> = { minuteMs: 60_000, hourMs: 3_600_000, marginMs: 1000 };
