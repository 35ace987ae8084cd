// Malformed alert payloads from Defender (issue 9): the simulator serves alerts with fields
// removed, retyped, nulled, huge, with bad dates, NUL and unpaired surrogates
// (POST /_sim/alerts/{id}/malform), mixed with good alerts, to a real in-process worker that
// polls every second and runs the seed flow (get alert → condition → isolate → email).
// Each malformed alert either gets a run that ends failed with a clear error (or succeeds, when
// the flow never needed the broken field), or is skipped with a logged reason; no run is left
// hanging, the worker keeps running, and every good alert, before and after, gets its run.
// Short form: 24 malformed alerts; RIPOSTE_FAULTS_FULL=1: 200. RIPOSTE_FUZZ_SEED replays.
import '../integration/setup-env';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { closeMailTransports } from '@/server/mail/mailer';
import { closeRunSignals } from '@/server/queue/run-signals';
import { startWorker, type WorkerHandle } from '@/worker/start-worker';
import { eventually, flushQueues, startHarness, type Harness } from '../integration/harness';
import { malformation, type Malformation } from './lib/fuzz-alerts';
import { MAX_ALERT_ID_LENGTH } from '@/server/defender/alert-records';
import { storableText } from '@/server/defender/storable-json';

const FULL = process.env.RIPOSTE_FAULTS_FULL === '1';
const MALFORMED = Number(process.env.RIPOSTE_FUZZ_ALERTS ?? (FULL ? 200 : 24));
const SEED = Number(process.env.RIPOSTE_FUZZ_SEED ?? 9009);
const TERMINAL = ['succeeded', 'failed', 'cancelled', 'timed_out'];

let h: Harness;
let worker: WorkerHandle | null = null;
const logs: { msg: string; extra?: Record<string, unknown> }[] = [];

beforeAll(async () => {
  await flushQueues();
  // Hundreds of runs each read their alert: lift Riposte's own per-tenant limit for the alerts API
  // (the simulator does not enforce one here), so what is measured is malformed data, not throttling.
  h = await startHarness({ actionLatencyMs: 0, connectionRateLimits: { rateLimits: { alerts: { perMinute: 100_000, perHour: 1_000_000 }, machines: { perMinute: 100_000, perHour: 1_000_000 } } } });
}, 120_000);

afterAll(async () => {
  await worker?.close();
  closeMailTransports();
  await closeRunSignals();
  await h?.close();
  await flushQueues();
  await db().$disconnect();
});

async function sim<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${h.sim.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`simulator ${method} ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** eventually(), failing with what the worker logged and the runs' states, to say why. */
async function waitFor(what: string, fn: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  try {
    await eventually(fn, timeoutMs, 500);
  } catch {
    const problems = [...new Set(logs.filter((l) => /failed|error/.test(l.msg)).map((l) => `${l.msg}: ${JSON.stringify(l.extra).slice(0, 300)}`))].slice(0, 8);
    const runs = await db().run.groupBy({ by: ['status'], _count: true });
    throw new Error(`${what} within ${timeoutMs} ms. Runs: ${JSON.stringify(runs)}. Worker logged:\n${problems.join('\n')}`);
  }
}

const raise = (severity: string) => sim<{ id: string }>('POST', '/_sim/alerts', { severity });

describe(`malformed alert payloads (${MALFORMED} alerts, seed ${SEED})`, () => {
  it('fail their own run cleanly or are skipped with a reason; the worker and the other alerts carry on', async () => {
    const shapes = fc.sample(malformation, { numRuns: MALFORMED, seed: SEED });
    const severities = ['High', 'Low', 'Medium', 'Informational'];
    const good: string[] = [];
    const bad: { id: string; m: Malformation }[] = [];
    for (const [i, m] of shapes.entries()) {
      if (i % 3 === 0) good.push((await raise(severities[i % 4])).id);
      const { id } = await raise(severities[(i + 1) % 4]);
      await sim('POST', `/_sim/alerts/${id}/malform`, m);
      bad.push({ id, m });
    }
    worker = await startWorker({ pollIntervalSeconds: 1, maintenanceEveryMs: 500, concurrency: 8, log: (msg, extra) => void logs.push({ msg, extra }) });

    const runsFor = (alertIds: string[]) => db().run.findMany({ where: { flowId: h.flowId, alertId: { in: alertIds } }, select: { alertId: true, status: true, error: true } });
    // Every good alert raised before the bad ones were served gets its run, and it ends.
    await waitFor('every good alert got a finished run', async () => {
      const runs = await runsFor(good);
      return runs.length === good.length && runs.every((r) => TERMINAL.includes(r.status));
    }, 120_000);
    // The worker still polls: an alert raised now gets a run too.
    const late = (await raise('Low')).id;
    await waitFor('the alert raised last got a finished run', async () => (await runsFor([late])).some((r) => TERMINAL.includes(r.status)), 60_000);

    // No run of a malformed alert is left queued or running.
    // The id each malformed alert was served with, as Riposte can hold it (or undefined: unusable).
    const servedId = (b: { id: string; m: Malformation }): string | undefined => {
      const id = b.m.remove.includes('id') ? undefined : 'id' in b.m.set ? b.m.set.id : b.id;
      return typeof id === 'string' && id.trim() !== '' && id.length <= MAX_ALERT_ID_LENGTH ? storableText(id) : undefined;
    };
    const badIds = bad.map(servedId).filter((id): id is string => id !== undefined);
    await waitFor('every run of a malformed alert ended', async () => (await runsFor(badIds)).every((r) => TERMINAL.includes(r.status)), 120_000);
    const badRuns = await runsFor(badIds);
    const goodRuns = await runsFor([...good, late]);
    expect(goodRuns.every((r) => r.status === 'succeeded'), JSON.stringify(goodRuns.filter((r) => r.status !== 'succeeded'))).toBe(true);

    // A failed run says what was wrong, in words (never an empty or generic error).
    const failed = badRuns.filter((r) => r.status === 'failed');
    for (const r of failed) {
      const message = (r.error as { message?: unknown } | null)?.message;
      expect(typeof message === 'string' && message.length > 10 && !/something went wrong/i.test(message), `run of ${r.alertId}: ${JSON.stringify(r.error)}`).toBe(true);
    }
    // Every malformed alert is accounted for: a run, or a logged skip that names it (or says it had no usable id).
    const skipped = logs.filter((l) => l.msg === 'alert skipped');
    const unaccounted = bad.filter((b) => {
      const id = servedId(b);
      if (id !== undefined && badRuns.some((r) => r.alertId === id)) return false;
      return !skipped.some((l) => l.extra?.alertId === id);
    });
    expect(unaccounted.map((b) => `${b.id}: ${JSON.stringify(b.m).slice(0, 200)}`)).toEqual([]);
    for (const l of skipped) expect(String(l.extra?.reason ?? '')).toMatch(/\w{5,}/);
    // Polls did not fail for the whole tenant because of one record.
    expect(logs.filter((l) => l.msg === 'poll failed'), JSON.stringify(logs.filter((l) => l.msg === 'poll failed').slice(0, 3))).toEqual([]);
    console.log(`[fuzz-alerts] ${MALFORMED} malformed + ${good.length + 1} good alerts, seed ${SEED}: ${badRuns.filter((r) => r.status === 'succeeded').length} runs succeeded, ${failed.length} failed cleanly, ${skipped.length} alerts skipped with a reason; good runs ${goodRuns.length}/${good.length + 1} succeeded; poll failures 0`);
    const examples = [...[...new Set(failed.map((r) => String((r.error as { message?: string }).message).slice(0, 160)))].slice(0, 3), ...[...new Set(skipped.map((l) => String(l.extra?.reason).slice(0, 160)))].slice(0, 4)];
    console.log(`[fuzz-alerts] e.g.\n  ${examples.join('\n  ')}`);
  });
});
