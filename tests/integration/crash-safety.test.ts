// kill -9 of worker processes at random moments while alerts arrive: no run is lost, no machine
// is isolated twice for one alert (counted by the simulator), and every run ends succeeded once
// the workers are back. Email is at least once by nature (SMTP has no idempotency), so mail is
// only checked to have gone out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { eventually, flushQueues, startHarness, type Harness } from './harness';
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

function spawnWorker(): ChildProcess {
  const child = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'worker/main.ts'], {
    cwd: root,
    env: { ...process.env, POLL_INTERVAL_SECONDS: '1', WORKER_CONCURRENCY: '10' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.resume();
  child.stderr?.resume();
  workers.push(child);
  return child;
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

beforeAll(async () => {
  await flushQueues();
  // Isolation takes 1 s to complete in the simulator, so kills land both before and after it.
  h = await startHarness({ actionLatencyMs: 1000 });
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

    spawnWorker();
    spawnWorker();
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

    // Alerts keep arriving while workers are killed and restarted.
    for (const waitMs of schedule(42, KILLS, 800, 2500)) {
      await raiseBatch(Math.ceil(ALERTS / KILLS));
      await sleep(waitMs);
      const victims = alive();
      const victim = victims[Math.floor(waitMs % victims.length)];
      victim?.kill('SIGKILL');
      spawnWorker();
    }
    await raiseBatch(ALERTS);
    while (alive().length < 2) spawnWorker();

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

    // The simulator saw one isolate request per alert (the comment names the alert).
    const isolates = await h.calls('/isolate', 'POST');
    for (const alert of raised) {
      const forAlert = isolates.filter((c) => JSON.stringify(c.body).includes(alert.id));
      expect(forAlert, `isolate calls for alert ${alert.id}`).toHaveLength(1);
    }
    const steps = await db().stepRun.findMany({ where: { runId: { in: runs.map((r) => r.id) }, nodeId: 'isolate' } });
    expect(steps).toHaveLength(ALERTS);
    expect(steps.every((s) => s.status === 'succeeded')).toBe(true);

    // Each run's email step succeeded, so at least one message per alert reached the SMTP capture.
    expect(await db().capturedEmail.count()).toBeGreaterThanOrEqual(ALERTS);
  }, 150_000);
});
