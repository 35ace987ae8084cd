/**
 * Per-step settings of actions (issue 4, Reliability): the retry policy and a timeout, as in
 * Power Automate's action settings and n8n's "Retry on fail". Part of the flow definition (so they
 * are versioned, exported and imported with the flow), never needed: every field has a default.
 */
import { z } from 'zod';
import { ZFailureNotification } from './failure-notification';

export const RETRY_MODES = ['default', 'none', 'fixed', 'exponential'] as const;
export type RetryMode = (typeof RETRY_MODES)[number];

export const ZStepSettings = z.object({
  retry: z
    .object({
      mode: z.enum(RETRY_MODES).default('default'),
      /** Retries after the first try (not counting Retry-After or rate-limit waits). */
      count: z.number().int().min(0).max(20).optional(),
      intervalSeconds: z.number().min(1).max(3600).optional(),
      maxIntervalSeconds: z.number().min(1).max(86_400).optional(),
    })
    .optional(),
  /** How long one try of the action may take before it counts as failed (and is retried). */
  timeoutSeconds: z.number().int().min(1).max(3600).optional(),
  /** Triggers only: how long a run may take in all (waits included) before it ends timed out. */
  runTimeoutMinutes: z.number().int().min(1).max(43_200).optional(),
  /** Triggers only: at most this many runs of the flow execute at once; the others wait their turn. */
  concurrency: z.number().int().min(1).max(100).optional(),
  /** Triggers only: who is emailed / which Teams webhook is posted to when a run fails or times out. */
  onFailure: ZFailureNotification.optional(),
});
export type TStepSettings = z.output<typeof ZStepSettings>;

/** The default policy: exponential, 4 retries, 7 s then doubling, capped at 60 s per wait. */
export const DEFAULT_RETRY = { count: 4, intervalSeconds: 7, maxIntervalSeconds: 60 } as const;
export const DEFAULT_TIMEOUT_SECONDS = 120;

export interface RetryPolicy {
  /** Retries allowed after the first try. */
  count: number;
  /** Wait before retry number `n` (1-based), in ms. */
  delayMs(n: number): number;
}

export function retryPolicyOf(settings: TStepSettings | undefined): RetryPolicy {
  const retry = settings?.retry;
  const mode: RetryMode = retry?.mode ?? 'default';
  if (mode === 'none') return { count: 0, delayMs: () => 0 };
  const interval = (retry?.intervalSeconds ?? DEFAULT_RETRY.intervalSeconds) * 1000;
  const count = retry?.count ?? DEFAULT_RETRY.count;
  if (mode === 'fixed') return { count, delayMs: () => interval };
  const cap = (retry?.maxIntervalSeconds ?? (mode === 'default' ? DEFAULT_RETRY.maxIntervalSeconds : 3600)) * 1000;
  const base = mode === 'default' ? DEFAULT_RETRY.intervalSeconds * 1000 : interval;
  return { count: mode === 'default' ? DEFAULT_RETRY.count : count, delayMs: (n) => Math.min(cap, base * 2 ** Math.max(0, n - 1)) };
}

/** A run's default time limit, waits included (an approval can wait days). */
export const DEFAULT_RUN_TIMEOUT_MINUTES = 7 * 24 * 60;

export function runTimeoutMsOf(triggerSettings: TStepSettings | undefined): number {
  return (triggerSettings?.runTimeoutMinutes ?? DEFAULT_RUN_TIMEOUT_MINUTES) * 60_000;
}

export function timeoutMsOf(settings: TStepSettings | undefined): number {
  return (settings?.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
}

/** How the inspector and step summaries describe a policy. */
export function describeRetry(settings: TStepSettings | undefined): string {
  const retry = settings?.retry;
  switch (retry?.mode ?? 'default') {
    case 'none':
      return 'No retries';
    case 'fixed':
      return `${retry?.count ?? DEFAULT_RETRY.count} retries, every ${retry?.intervalSeconds ?? DEFAULT_RETRY.intervalSeconds} s`;
    case 'exponential':
      return `${retry?.count ?? DEFAULT_RETRY.count} retries, from ${retry?.intervalSeconds ?? DEFAULT_RETRY.intervalSeconds} s doubling`;
    default:
      return `Default: ${DEFAULT_RETRY.count} retries, from ${DEFAULT_RETRY.intervalSeconds} s doubling (at most ${DEFAULT_RETRY.maxIntervalSeconds} s)`;
  }
}
