// kill -9 of worker processes at random moments while alerts arrive: no run is lost, no machine
// is isolated twice for one alert (counted by the simulator), and every run ends succeeded once
// the workers are back. Email is at least once by nature (SMTP has no idempotency), so mail is
// only checked to have gone out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { eventually, flushQueues, startHarness, type Harness } from './harness';
import { runsAlone } from './runs-alone';
import { db } from '@/server/db/client';
import { pollConnection } from '@/worker/poll-alerts';
import { executeRunById } from '@/worker/execute-run';
import { mdeClientFor } from '@/worker/mde-clients';
import { runMarker } from '@/worker/actions';
import { closeMailTransports } from '@/server/mail/mailer';

const root = path.resolve(import.meta.dirname, '../..');
// One alert per simulator machine (its fleet has 12), so an isolate request maps to one alert.
const ALERTS = 12;
const KILLS = 6;
let h: Harness;
const workers: ChildProcess[] = [];

/** Starts a worker process; resolves once it says it is up (polling and taking runs). */
function spawnWorker(): Promise<ChildProcess> {
  // `node --import tsx` runs the worker in this one process; the tsx CLI would start a child
  // process, and SIGKILL of the CLI would leave the real worker running.
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
    cwd: root,
    env: { ...process.env, POLL_INTERVAL_SECONDS: '1', WORKER_CONCURRENCY: '10' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.resume();
  workers.push(child);
  return new Promise((resolve) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      if (out.length < 10_000) out += chunk.toString();
      if (out.includes('"worker started"')) resolve(child);
    });
    child.once('exit', () => resolve(child));
  });
}

const alive = () => workers.filter((w) => w.exitCode === null && w.signalCode === null);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Deterministic "random" moments, so a failure can be reproduced with the same schedule. */
function schedule(seed: number, count: number, minMs: number, maxMs: number): number[] {
  let x = seed;
  return Array.from({ length: count }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return minMs + (x % (maxMs - minMs));
  });
}

runsAlone();

beforeAll(async () => {
  await flushQueues();
  // Isolation takes 1 s to complete, and the answer to an isolate request comes 700 ms after the
  // machine was isolated, so kills land before, during and after the unrecorded-side-effect window.
  h = await startHarness({ actionLatencyMs: 1000, actionResponseDelayMs: 700 });
});

afterAll(async () => {
  for (const w of alive()) w.kill('SIGKILL');
  closeMailTransports();
  await h.close();
  await flushQueues();
  await db().$disconnect();
});

describe('a crash between sending an isolation and recording it', () => {
  it('is reconciled on resume: the earlier action is reported, not sent again', async () => {
    const alert = await h.raise('High');
    const { runIds } = await pollConnection(h.defenderId, { overlapSeconds: 120 });
    const runId = runIds[0]!;
    // The first attempt got as far as Defender accepting the isolation, then the process died:
    // the action exists (it carries the run's marker) but no step says so.
    const client = await mdeClientFor(h.defenderId);
    const { action } = await client.isolateMachine(alert.machineId, { comment: `Isolated by Riposte ${runMarker(runId)}`, isolationType: 'Full' });
    await db().run.update({ where: { id: runId }, data: { status: 'running', attempts: 1 } });
    // Long enough for the action to have completed: an "active action" check alone would miss it.
    await sleep(1200);
    const before = (await h.calls('/isolate', 'POST')).length;

    await expect(executeRunById(runId, { finalAttempt: false, resumed: true })).resolves.toBe('succeeded');
    expect((await h.calls('/isolate', 'POST')).length).toBe(before);
    const step = await db().stepRun.findFirstOrThrow({ where: { runId, nodeId: 'isolate' } });
    expect(step.status).toBe('succeeded');
    expect(step.output).toMatchObject({ id: action.id, alreadyRequested: true, status: 'Succeeded' });
  });
});

describe('worker processes killed with SIGKILL mid-load', () => {
  it('lose no run and isolate each machine once', async () => {
    const res = await fetch(`${h.sim.url}/_sim/machines`);
    const machines = ((await res.json()) as { id: string }[]).slice(0, ALERTS);
    expect(machines.length).toBe(ALERTS);
    // Start from a clean slate: the test above left an isolation and a run behind.
    await fetch(`${h.sim.url}/_sim/reset`, { method: 'POST' });
    await db().run.deleteMany({ where: { flowId: h.flowId } });

    await Promise.all([spawnWorker(), spawnWorker()]);
    const raised: { id: string; machineId: string }[] = [];
    const raiseBatch = async (n: number) => {
      for (let i = 0; i < n && raised.length < machines.length; i++) {
        const machineId = machines[raised.length]!.id;
        const r = await fetch(`${h.sim.url}/_sim/alerts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ severity: 'High', machineId }),
        });
        raised.push((await r.json()) as { id: string; machineId: string });
      }
    };
    const someRunRunning = () =>
      eventually(() => db().run.findFirst({ where: { flowId: h.flowId, status: 'running' }, select: { id: true } }), 20_000, 20);

    // Alerts keep arriving; each time a run is in flight, every worker is killed at a "random"
    // moment inside the isolate window, and new ones start.
    for (const extraMs of schedule(42, KILLS, 0, 500)) {
      await raiseBatch(Math.ceil(ALERTS / KILLS));
      await someRunRunning();
      await sleep(extraMs);
      for (const w of alive()) w.kill('SIGKILL');
      await Promise.all([spawnWorker(), spawnWorker()]);
    }
    await raiseBatch(ALERTS);

    // Every alert gets exactly one run, and every run finishes, within a minute of the last restart.
    const runs = await eventually(
      async () => {
        const rs = await db().run.findMany({ where: { flowId: h.flowId }, select: { id: true, alertId: true, status: true, attempts: true } });
        return rs.length === ALERTS && rs.every((r) => r.status === 'succeeded' || r.status === 'failed') ? rs : null;
      },
      60_000,
      250,
    );
    expect(new Set(runs.map((r) => r.alertId))).toEqual(new Set(raised.map((a) => a.id)));
    expect(runs.filter((r) => r.status !== 'succeeded')).toEqual([]);
    // The kills really interrupted runs (each such run was started again by another worker).
    expect(runs.filter((r) => r.attempts > 1).length).toBeGreaterThanOrEqual(1);

    // Defender carried out exactly one isolation per alert (the comment names the alert), even
    // where a worker died after sending the request and before hearing the answer.
    const actions = (await (await fetch(`${h.sim.url}/_sim/actions`)).json()) as { type: string; requestorComment: string }[];
    for (const alert of raised) {
      const forAlert = actions.filter((a) => a.type === 'Isolate' && a.requestorComment.includes(alert.id));
      expect(forAlert, `isolations for alert ${alert.id}`).toHaveLength(1);
    }
    const steps = await db().stepRun.findMany({ where: { runId: { in: runs.map((r) => r.id) }, nodeId: 'isolate' } });
    expect(steps).toHaveLength(ALERTS);
    expect(steps.every((s) => s.status === 'succeeded')).toBe(true);

    // Each run's email step succeeded, so at least one message per alert reached the SMTP capture.
    expect(await db().capturedEmail.count()).toBeGreaterThanOrEqual(ALERTS);
  }, 150_000);
});
