// The schedule trigger on real Redis and Postgres with three worker processes: one run per tick
// (never three), publishing a changed schedule updates the job scheduler, switching the flow off
// or deleting it removes it, and the maintenance tick restores a scheduler Redis lost.
// A test cannot wait minutes, so the workers and this process shorten a "minute" to 1 s through
// the test-only hook RIPOSTE_TEST_MINUTE_MS (server/schedules/schedulers.ts).
process.env.RIPOSTE_TEST_MINUTE_MS = '1000';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { eventually, flushQueues, startHarness, type Harness } from './harness';
import { db } from '@/server/db/client';
import { createFlow, deleteFlow, publishFlow, setFlowEnabled, updateDraft } from '@/server/services/flows';
import { isServiceError } from '@/server/services/errors';
import { closeWebQueues, webQueues } from '@/server/queue/web-queues';
import { scheduleSchedulerId } from '@/server/schedules/schedulers';
import { createScheduledRun } from '@/worker/schedule-tick';
import { buildEdge, buildGraph, buildNode } from '@/core/testing/builders';
import type { FlowIssue } from '@/core/flow/issues';

const root = path.resolve(import.meta.dirname, '../..');
let h: Harness;
const workers: ChildProcess[] = [];

function spawnWorker(): ChildProcess {
  // `node --import tsx`: one process, so a SIGKILL fallback cannot leave the real worker orphaned.
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'test', RIPOSTE_TEST_MINUTE_MS: '1000', POLL_INTERVAL_SECONDS: '5', WORKER_CONCURRENCY: '10' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.resume();
  child.stderr?.resume();
  workers.push(child);
  return child;
}

function scheduleGraph(params: Record<string, unknown>) {
  return buildGraph(
    [
      buildNode('trigger', 'schedule.recurrence', params, { label: 'Every minute' }),
      buildNode('check', 'control.condition', { combinator: 'and', rules: [{ left: '{{ trigger.timezone }}', operator: 'isNotEmpty', right: '' }] }, { label: 'Has a zone' }),
    ],
    [buildEdge('trigger', 'check', 'out', 'e1')],
  );
}

async function createScheduleFlow(name: string, params: Record<string, unknown>) {
  const flow = await createFlow(null, { name, graph: scheduleGraph(params) });
  await publishFlow(null, flow.id);
  return flow;
}

async function republish(flowId: string, params: Record<string, unknown>) {
  const current = await db().flow.findUniqueOrThrow({ where: { id: flowId }, select: { draftVersion: true } });
  await updateDraft(null, flowId, { graph: scheduleGraph(params), baseVersion: current.draftVersion });
  await publishFlow(null, flowId);
}

const scheduler = (flowId: string) => webQueues().schedule.getJobScheduler(scheduleSchedulerId(flowId));
const runsOf = (flowId: string) => db().run.findMany({ where: { flowId }, orderBy: { scheduledFor: 'asc' } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function expectOnGrid(ticks: number[], everyMs: number): void {
  const gaps = ticks.slice(1).map((t, i) => t - (ticks[i] as number));
  for (const gap of gaps) {
    expect(gap).toBeGreaterThanOrEqual(everyMs);
    expect(gap % everyMs).toBe(0);
  }
  // Under normal load nearly every tick runs: most gaps are exactly one interval.
  expect(gaps.filter((g) => g === everyMs).length).toBeGreaterThanOrEqual(Math.ceil(gaps.length / 2));
}

async function publishIssues(flowId: string): Promise<FlowIssue[]> {
  try {
    await publishFlow(null, flowId);
  } catch (e) {
    if (isServiceError(e) && e.status === 422) return (e.details as { issues: FlowIssue[] }).issues;
    throw e;
  }
  throw new Error('publish was expected to fail');
}

beforeAll(async () => {
  await flushQueues();
  h = await startHarness();
  spawnWorker();
  spawnWorker();
  spawnWorker();
  // All three are up once each has polled the seed flow's connection at least once.
  await eventually(async () => (await h.calls('/api/alerts', 'GET')).length >= 3, 45_000);
}, 90_000);

afterAll(async () => {
  // SIGTERM reaches the worker through tsx (a SIGKILL would stop only tsx's own process).
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve) => {
          if (w.exitCode !== null) return resolve();
          const force = setTimeout(() => w.kill('SIGKILL'), 15_000);
          w.once('exit', () => {
            clearTimeout(force);
            resolve();
          });
          w.kill('SIGTERM');
        }),
    ),
  );
  await closeWebQueues();
  await h.close();
  await flushQueues();
  await db().$disconnect();
});

describe('schedule trigger with three worker processes', () => {
  let flowId: string;

  it('creates exactly one run per tick, on the published version, with the tick as trigger data', async () => {
    const flow = await createScheduleFlow('Every minute', { mode: 'interval', every: 1, unit: 'minutes', timezone: 'Europe/Paris' });
    flowId = flow.id;
    await setFlowEnabled(null, flowId, true);
    // Enabling through the service upserted the scheduler at once (no wait for maintenance).
    expect((await scheduler(flowId))?.every).toBe(1000);

    const runs = await eventually(async () => {
      const r = await runsOf(flowId);
      return r.filter((x) => x.status === 'succeeded').length >= 6 ? r : null;
    }, 30_000);
    const version = await db().flow.findUniqueOrThrow({ where: { id: flowId }, select: { publishedVersionId: true } });
    const ticks = runs.map((r) => r.scheduledFor?.getTime() ?? NaN);
    // One run per tick: every run sits on the scheduler's 1 s grid and no tick has two runs (a
    // second scheduler, or one re-created by each worker, would put runs between grid points).
    // BullMQ may skip a tick when every worker is busy, so gaps are whole multiples of 1 s.
    expectOnGrid(ticks, 1000);
    for (const r of runs) {
      expect(r.triggerKind).toBe('schedule');
      expect(r.flowVersionId).toBe(version.publishedVersionId);
      expect(r.triggerData).toEqual({ scheduledFor: r.scheduledFor?.toISOString(), firedAt: expect.any(String), timezone: 'Europe/Paris' });
      expect(r.status === 'succeeded' || r.status === 'queued' || r.status === 'running').toBe(true);
    }
    // Three workers compete for every tick job, yet there is no second run at any tick.
    const dupes = await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "Run" WHERE "flowId" = ${flowId}::uuid GROUP BY "scheduledFor" HAVING count(*) > 1`;
    expect(dupes).toEqual([]);
    // The poller ignores schedule flows: no alert-triggered run for it.
    expect(await db().run.count({ where: { flowId, triggerKind: { not: 'schedule' } } })).toBe(0);
  });

  it('the database allows one run per flow and tick however many callers race for it', async () => {
    const tick = new Date(Date.UTC(2030, 0, 1, 9, 0, 0));
    const ids = await Promise.all(Array.from({ length: 12 }, () => createScheduledRun(flowId, tick, new Date())));
    expect(ids.filter((id) => id !== null)).toHaveLength(1);
    expect(await db().run.count({ where: { flowId, scheduledFor: tick } })).toBe(1);
  });

  it('publishing a changed schedule updates the scheduler', async () => {
    await republish(flowId, { mode: 'interval', every: 2, unit: 'minutes', timezone: 'Europe/Paris' });
    expect((await scheduler(flowId))?.every).toBe(2000);
    const since = new Date();
    const runs = await eventually(async () => {
      const r = (await runsOf(flowId)).filter((x) => x.scheduledFor && x.scheduledFor > since && x.scheduledFor.getUTCFullYear() < 2030);
      return r.length >= 3 ? r : null;
    }, 30_000);
    expectOnGrid(runs.map((r) => r.scheduledFor?.getTime() as number), 2000);

    await republish(flowId, { mode: 'cron', cron: '30 9 * * 1-5', timezone: 'America/New_York' });
    const s = await scheduler(flowId);
    expect(s?.pattern).toBe('30 9 * * 1-5');
    expect(s?.tz).toBe('America/New_York');
    expect(s?.every ?? null).toBeNull();
  });

  it('the maintenance tick restores a scheduler that Redis lost', async () => {
    await webQueues().schedule.removeJobScheduler(scheduleSchedulerId(flowId));
    expect(await scheduler(flowId)).toBeUndefined();
    const restored = await eventually(() => scheduler(flowId), 15_000, 250);
    expect(restored.pattern).toBe('30 9 * * 1-5');
  });

  it('switching the flow off removes the scheduler and no more runs start', async () => {
    await republish(flowId, { mode: 'interval', every: 1, unit: 'minutes' });
    await eventually(async () => (await runsOf(flowId)).some((r) => r.triggerData && (r.triggerData as { timezone?: string }).timezone === 'UTC'), 20_000);
    await setFlowEnabled(null, flowId, false);
    expect(await scheduler(flowId)).toBeUndefined();
    // A tick already being handled at that moment may still finish; after that, nothing.
    await sleep(1500);
    const settled = await db().run.count({ where: { flowId } });
    await sleep(3500);
    expect(await db().run.count({ where: { flowId } })).toBe(settled);
    // The maintenance tick (every 5 s) does not bring it back for a flow that is off.
    expect(await scheduler(flowId)).toBeUndefined();
  });

  it('deleting a schedule flow removes its scheduler', async () => {
    const flow = await createScheduleFlow('Hourly', { mode: 'interval', every: 3, unit: 'hours' });
    await setFlowEnabled(null, flow.id, true);
    expect((await scheduler(flow.id))?.every).toBe(3 * 60 * 1000);
    await deleteFlow(null, flow.id);
    expect(await scheduler(flow.id)).toBeUndefined();
  });

  it('refuses to publish an invalid cron expression or an unknown time zone, pointing at the param', async () => {
    const badCron = await createFlow(null, { name: 'Bad cron', graph: scheduleGraph({ mode: 'cron', cron: '61 * * * *' }) });
    const cronIssues = await publishIssues(badCron.id);
    expect(cronIssues).toEqual([expect.objectContaining({ severity: 'error', nodeId: 'trigger', path: ['cron'], message: expect.stringContaining('61') })]);

    const badZone = await createFlow(null, { name: 'Bad zone', graph: scheduleGraph({ mode: 'interval', every: 5, unit: 'minutes', timezone: 'Mars/Olympus_Mons' }) });
    expect(await publishIssues(badZone.id)).toEqual([expect.objectContaining({ nodeId: 'trigger', path: ['timezone'] })]);

    const noCron = await createFlow(null, { name: 'No cron', graph: scheduleGraph({ mode: 'cron' }) });
    expect(await publishIssues(noCron.id)).toEqual([expect.objectContaining({ nodeId: 'trigger', path: ['cron'] })]);
    expect(await db().flowVersion.count({ where: { flowId: { in: [badCron.id, badZone.id, noCron.id] } } })).toBe(0);
  });
});
