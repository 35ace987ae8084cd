// The Entra token endpoint down (issue 9): runs created before the outage execute in a fresh
// worker process (no cached token) while every token request gets 503. Runs must wait and retry
// under their step's retry policy and succeed once the endpoint is back; when the outage lasts
// past the policy, the run must fail with a clear error saying Entra ID was unavailable.
// Full form: a one-minute outage under the default policy (4 retries, 7 s doubling: ~105 s);
// short form: a few seconds under a shorter fixed policy, which the flow's settings allow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushQueues } from '../integration/harness';
import { db } from '@/server/db/client';
import { closeMailTransports } from '@/server/mail/mailer';
import { createQueues, enqueueRuns, type Queues } from '@/server/queue/queues';
import { producerConnection } from '@/server/queue/connection';
import { pollConnection } from '@/worker/poll-alerts';
import { closeMdeClients } from '@/worker/mde-clients';
import type { TDraftGraph } from '@/core/flow/schema';
import type { TStepSettings } from '@/core/flow/step-settings';
import { allTerminal, FULL, report, sized, sleep, startFaultStack, workerPool, type FaultStack } from './lib/faults-stack';

const RUNS = sized(6, 30);
const TOKEN_PATH = '/oauth2/v2.0/token';
// Recovers: the outage is shorter than the policy's total wait.
const OUTAGE_MS = sized(5_000, 60_000);
const RECOVER_POLICY: TStepSettings['retry'] | undefined = FULL ? undefined : { mode: 'fixed', count: 5, intervalSeconds: 2 };
// Gives up: the policy's total wait (2 × 1 s, or 2 × 5 s) is shorter than the outage.
const LONG_OUTAGE_MS = sized(10_000, 60_000);
const GIVE_UP_POLICY: TStepSettings['retry'] = FULL ? { mode: 'fixed', count: 2, intervalSeconds: 5 } : { mode: 'fixed', count: 2, intervalSeconds: 1 };

let stack: FaultStack;
let queues: Queues;
const pool = workerPool();

/** The seed flow with a retry policy on its first Defender step (the one that needs a token). */
const withPolicy = (retry: TStepSettings['retry'] | undefined) => (g: TDraftGraph): TDraftGraph => ({
  ...g,
  nodes: g.nodes.map((n) => (n.id === 'get_alert' && retry ? { ...n, settings: { ...n.settings, retry } } : n)),
});

async function sim<T>(method: string, p: string, body?: unknown): Promise<T> {
  const res = await fetch(`${stack.sim.url}${p}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return (await res.json()) as T;
}
const tokenOutage = () => sim('POST', '/_sim/faults', { path: TOKEN_PATH, status: 503, times: 1_000_000, message: 'AADSTS90033: A transient error has occurred. Please try again.' });
const tokenBack = () => sim('DELETE', '/_sim/faults');
const tokenCalls = async () => (await stack.calls()).filter((c) => c.path.includes(TOKEN_PATH));

/** Alerts raised and their runs created here (this process has a token), not yet queued. */
async function runsBeforeOutage(from: number, to: number): Promise<string[]> {
  await stack.raise(from, to);
  const { runIds } = await pollConnection(stack.defenderId, { overlapSeconds: 120 });
  return runIds;
}

beforeAll(async () => {
  await flushQueues();
  stack = await startFaultStack({ machines: RUNS * 2, graph: withPolicy(RECOVER_POLICY) });
  queues = createQueues(producerConnection());
});

afterAll(async () => {
  await pool.killAll();
  await queues?.close();
  await closeMdeClients();
  closeMailTransports();
  await stack?.close();
  await flushQueues();
  await db().$disconnect();
});

describe('the token endpoint down', () => {
  it('runs wait and retry, and succeed once it is back within their retry policy', async () => {
    const runIds = await runsBeforeOutage(0, RUNS);
    expect(runIds).toHaveLength(RUNS);
    await tokenOutage();
    const before = (await tokenCalls()).length;
    // The worker starts during the outage (its poller would otherwise fetch and cache a token);
    // the outage lasts OUTAGE_MS from the moment it takes runs.
    const worker = await pool.spawn();
    const outageStart = Date.now();
    await enqueueRuns(queues.runs, runIds);
    await sleep(OUTAGE_MS);
    await tokenBack();
    const outageMs = Date.now() - outageStart;

    const runs = await allTerminal([stack.flowId], RUNS, 180_000);
    // Before any assertion: this worker holds a token now, the next test needs one without.
    await pool.kill(worker);
    const refused = (await tokenCalls()).slice(before).filter((c) => c.status === 503).length;
    const steps = await db().stepRun.findMany({ where: { runId: { in: runIds }, nodeId: 'get_alert', status: 'succeeded' } });
    const lastFinish = Math.max(...runs.map((r) => r.finishedAt?.getTime() ?? 0));
    report('token-outage-recovers', { runs: runs.length, outageMs, policy: RECOVER_POLICY ?? 'default', tokenRequestsRefused: refused, byStatus: Object.fromEntries(['succeeded', 'failed'].map((s) => [s, runs.filter((r) => r.status === s).length])), maxStepAttempt: Math.max(...steps.map((s) => s.attempt)), msAfterOutageToLastRun: lastFinish - outageStart - outageMs });

    expect(runs.filter((r) => r.status !== 'succeeded').map((r) => r.error)).toEqual([]);
    // They really waited: token requests were refused, and each get-alert step needed more than
    // one try (one MSAL app per connection asks for everyone, so requests are fewer than runs).
    expect(refused).toBeGreaterThanOrEqual(1);
    expect(steps).toHaveLength(RUNS);
    expect(steps.every((s) => s.attempt > 1)).toBe(true);
    // Each run succeeded only after the endpoint came back.
    expect(runs.every((r) => (r.finishedAt?.getTime() ?? 0) >= outageStart + outageMs)).toBe(true);
  });

  it('a run gets a clear error when the outage lasts past its retry policy', async () => {
    await stack.replaceFlow(withPolicy(GIVE_UP_POLICY));
    const runIds = await runsBeforeOutage(RUNS, RUNS * 2);
    expect(runIds).toHaveLength(RUNS);
    await tokenOutage();
    // A fresh process, started during the outage: the worker before it holds a cached token.
    await pool.spawn();
    const outageStart = Date.now();
    await enqueueRuns(queues.runs, runIds);

    const runs = await allTerminal([stack.flowId], RUNS, LONG_OUTAGE_MS + 60_000);
    const gaveUpMs = Math.max(...runs.map((r) => r.finishedAt?.getTime() ?? 0)) - outageStart;
    const stillDown = Date.now() - outageStart < LONG_OUTAGE_MS;
    await sleep(Math.max(0, LONG_OUTAGE_MS - (Date.now() - outageStart)));
    await tokenBack();
    const errors = runs.map((r) => r.error as { code?: string; message?: string } | null);
    report('token-outage-gives-up', { runs: runs.length, policy: GIVE_UP_POLICY, outageMs: LONG_OUTAGE_MS, byStatus: Object.fromEntries(['succeeded', 'failed'].map((s) => [s, runs.filter((r) => r.status === s).length])), msToFailure: gaveUpMs, error: errors[0] });

    expect(stillDown).toBe(true);
    expect(runs.map((r) => r.status)).toEqual(runs.map(() => 'failed'));
    for (const error of errors) {
      expect(error?.code).toBe('AuthorityUnavailable');
      expect(error?.message).toMatch(/Microsoft Entra ID .* is temporarily unavailable/);
      expect(error?.message).toContain('AADSTS90033');
    }
  });
});
