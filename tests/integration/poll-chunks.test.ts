// The poller writes a burst in small transactions (issue 9, benchmark 3): one transaction for
// 10,000 alerts outlived Prisma's transaction timeout on a loaded machine, so the poll failed
// every interval and no run was ever created. Each chunk commits and hands its runs over at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { db } from '@/server/db/client';
import { pollConnection, POLL_CHUNK } from '@/worker/poll-alerts';
import { closeMdeClients } from '@/worker/mde-clients';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await closeMdeClients();
  await h.close();
  await db().$disconnect();
});

const bulk = async (count: number, extra: Record<string, unknown> = {}) => {
  const res = await fetch(`${h.sim.url}/_sim/alerts/bulk`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ count, severity: 'High', ...extra }) });
  return ((await res.json()) as { ids: string[] }).ids;
};

describe('a poll of more alerts than one chunk', () => {
  it('creates every run in chunks, hands each chunk over after its commit, and moves the watermark to the newest alert', { timeout: 120_000 }, async () => {
    const count = POLL_CHUNK * 2 + 17;
    const ids = await bulk(count);
    const handed: string[][] = [];
    const result = await pollConnection(h.defenderId, {
      overlapSeconds: 120,
      onRunsCommitted: async (runIds) => {
        // Committed before the hand-over: a worker taking the job at once finds the run.
        expect(await db().run.count({ where: { id: { in: runIds } } })).toBe(runIds.length);
        handed.push(runIds);
      },
    });
    expect(result.fetched).toBe(count);
    expect(result.newAlerts).toBe(count);
    expect(handed.map((c) => c.length)).toEqual([POLL_CHUNK, POLL_CHUNK, 17]);
    expect(handed.flat().sort()).toEqual([...result.runIds].sort());
    const runs = await db().run.findMany({ where: { flowId: h.flowId }, select: { alertId: true } });
    expect(new Set(runs.map((r) => r.alertId))).toEqual(new Set(ids));

    const listed = (await (await fetch(`${h.sim.url}/_sim/alerts`)).json()) as { alertCreationTime: string }[];
    const newest = Math.max(...listed.map((a) => Date.parse(a.alertCreationTime)));
    const cursor = await db().alertCursor.findUniqueOrThrow({ where: { connectionId: h.defenderId } });
    expect(cursor.watermark.getTime()).toBe(newest);

    // The next poll re-reads the overlap and starts nothing twice.
    const again = await pollConnection(h.defenderId, { overlapSeconds: 120 });
    expect(again).toEqual({ fetched: count, newAlerts: 0, runIds: [], skipped: [] });
    expect(await db().run.count({ where: { flowId: h.flowId } })).toBe(count);
  });

  it('starts a run for an older alert that shows up late, and leaves the watermark where it was', async () => {
    const before = (await db().alertCursor.findUniqueOrThrow({ where: { connectionId: h.defenderId } })).watermark;
    // Indexed late: created a minute ago (inside the overlap), listed only now.
    const [late] = await bulk(1, { alertCreationTime: new Date(before.getTime() - 60_000).toISOString() });
    const result = await pollConnection(h.defenderId, { overlapSeconds: 120 });
    expect(result.newAlerts).toBe(1);
    expect(await db().run.count({ where: { alertId: late } })).toBe(1);
    expect((await db().alertCursor.findUniqueOrThrow({ where: { connectionId: h.defenderId } })).watermark.getTime()).toBe(before.getTime());
  });
});
