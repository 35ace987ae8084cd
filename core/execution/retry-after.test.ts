// A retryable error that carries retryAfterMs (Retry-After, a rate-limit wait) on the final attempt:
// with honourRetryAfter the run waits instead of failing; without it the old rule holds.
import { describe, expect, it } from 'vitest';
import { ActionError } from '../errors';
import { checkFlow } from '../flow/check';
import { createFakePorts } from '../testing/fake-ports';
import { buildAlert, buildSeedFlow } from '../testing/builders';
import { executeRun } from './execute';

const check = checkFlow(buildSeedFlow());
if (!check.ok) throw new Error('seed flow must check');
const graph = check.graph;

const throttled = () => {
  throw new ActionError('RateLimited', 'alerts budget used up', { retryable: true, retryAfterMs: 30_000 });
};
const unavailable = () => {
  throw new ActionError('ServiceUnavailable', 'MDE returned 503', { retryable: true });
};

async function finalAttempt(handler: () => never, honourRetryAfter: boolean | undefined) {
  const ports = createFakePorts({ 'defender.getAlert': handler });
  const outcome = await executeRun({ graph, trigger: buildAlert({ id: 'a1' }), previous: new Map(), attempt: 8, finalAttempt: true, honourRetryAfter, ports });
  return { outcome, steps: ports.steps };
}

describe('executeRun — Retry-After on the final attempt', () => {
  it('asks for a retry at the given time when the caller honours Retry-After', async () => {
    const { outcome, steps } = await finalAttempt(throttled, true);
    expect(outcome).toEqual({ status: 'retry', retryAfterMs: 30_000, error: { nodeId: 'get_alert', code: 'RateLimited', message: 'alerts budget used up' } });
    expect(steps.find((s) => s.nodeId === 'get_alert')).toBeUndefined();
  });

  it('still fails a retryable error without Retry-After on the final attempt', async () => {
    const { outcome, steps } = await finalAttempt(unavailable, true);
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'ServiceUnavailable' } });
    expect(steps.find((s) => s.nodeId === 'get_alert')?.status).toBe('failed');
  });

  it('fails it on the final attempt when the caller does not ask (default)', async () => {
    const { outcome } = await finalAttempt(throttled, undefined);
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'RateLimited' } });
  });
});
