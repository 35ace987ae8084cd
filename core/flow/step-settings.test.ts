import { describe, expect, it } from 'vitest';
import { describeRetry, retryPolicyOf, timeoutMsOf, ZStepSettings } from './step-settings';

describe('step settings', () => {
  it('defaults to 4 retries, 7 s doubling, capped at 60 s', () => {
    const p = retryPolicyOf(undefined);
    expect(p.count).toBe(4);
    expect([1, 2, 3, 4, 5].map((n) => p.delayMs(n))).toEqual([7000, 14_000, 28_000, 56_000, 60_000]);
    expect(timeoutMsOf(undefined)).toBe(120_000);
  });

  it('none, fixed and exponential policies', () => {
    expect(retryPolicyOf({ retry: { mode: 'none' } }).count).toBe(0);
    const fixed = retryPolicyOf({ retry: { mode: 'fixed', count: 2, intervalSeconds: 3 } });
    expect([fixed.count, fixed.delayMs(1), fixed.delayMs(2)]).toEqual([2, 3000, 3000]);
    const exp = retryPolicyOf({ retry: { mode: 'exponential', count: 6, intervalSeconds: 10, maxIntervalSeconds: 30 } });
    expect([exp.count, exp.delayMs(1), exp.delayMs(2), exp.delayMs(3)]).toEqual([6, 10_000, 20_000, 30_000]);
    expect(timeoutMsOf({ timeoutSeconds: 5 })).toBe(5000);
  });

  it('refuses out-of-range values and describes the policy', () => {
    expect(ZStepSettings.safeParse({ retry: { mode: 'fixed', count: 99 } }).success).toBe(false);
    expect(ZStepSettings.safeParse({ timeoutSeconds: 0 }).success).toBe(false);
    expect(describeRetry({ retry: { mode: 'none' } })).toBe('No retries');
    expect(describeRetry({ retry: { mode: 'fixed', count: 2, intervalSeconds: 3 } })).toBe('2 retries, every 3 s');
  });
});
