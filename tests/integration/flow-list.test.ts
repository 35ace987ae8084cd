// The flows list: owner, last run, filters, and the 7-day stats of every listed flow from one
// grouped query (counted here with Prisma's query events: no query per flow).
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetDatabase } from './harness';
import { db, type Prisma } from '@/server/db/client';
import { createFlow, publishFlow, setFlowEnabled } from '@/server/services/flows';
import { flowStats, listFlows, listFlowsWithStats } from '@/server/services/flow-list';
import { buildSeedFlow } from '@/core/testing/builders';
import type { Principal } from '@/server/auth/roles';

const NOW = new Date('2026-12-01T12:00:00.000Z');
const day = (d: number, h = 9) => new Date(Date.UTC(2026, 11, 1 - d, h));

async function owner(email: string, name: string): Promise<Principal> {
  const u = await db().user.create({ data: { email, name, passwordHash: 'x', role: 'editor' } });
  return { userId: u.id, email, role: 'editor', via: 'session' };
}

async function flow(name: string, actor: Principal | null, on = false): Promise<{ id: string; versionId: string }> {
  const f = await createFlow(actor, { name, graph: buildSeedFlow() });
  await publishFlow(null, f.id);
  if (on) await setFlowEnabled(null, f.id, true);
  const row = await db().flow.findUniqueOrThrow({ where: { id: f.id } });
  return { id: f.id, versionId: row.publishedVersionId as string };
}

async function runs(f: { id: string; versionId: string }, list: [status: Prisma.RunCreateManyInput['status'], at: Date][]): Promise<void> {
  await db().run.createMany({
    data: list.map(([status, createdAt]) => ({ flowId: f.id, flowVersionId: f.versionId, status, triggerKind: 'manual', triggerData: {}, createdAt })),
  });
}

beforeEach(async () => {
  await resetDatabase();
});
afterAll(async () => {
  await db().$disconnect();
});

describe('flows list', () => {
  it('has each flow with its owner and last run, and 7 UTC days of succeeded/failed counts', async () => {
    const ada = await owner('ada@test.local', 'Ada Lovelace');
    const a = await flow('Isolate on high', ada, true);
    const b = await flow('Quarantine files', null);
    await runs(a, [
      ['succeeded', day(0, 1)], ['succeeded', day(0, 2)], ['failed', day(0, 3)],
      ['timed_out', day(2)], ['cancelled', day(2)], ['running', day(0, 11)],
      ['succeeded', day(6, 0)],
      // Before the window (7 days ago): not counted.
      ['failed', day(7, 23)],
    ]);
    const items = await listFlowsWithStats({}, NOW);
    expect(items.map((f) => f.name)).toEqual(['Isolate on high', 'Quarantine files']);
    const [ia, ib] = items;
    expect(ia.owner).toEqual({ id: ada.userId, email: 'ada@test.local', name: 'Ada Lovelace' });
    expect(ib.owner).toBeNull();
    expect(ia.lastRun).toMatchObject({ status: 'running', createdAt: day(0, 11).toISOString() });
    expect(ib.lastRun).toBeNull();
    expect(ia.stats.days.map((d) => d.day)).toEqual(['2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01']);
    expect(ia.stats.days.map((d) => [d.succeeded, d.failed, d.total])).toEqual([
      [1, 0, 1], [0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 1, 2], [0, 0, 0], [2, 1, 4],
    ]);
    expect(ia.stats).toMatchObject({ succeeded: 3, failed: 2, total: 7, successRate: 0.6 });
    expect(ib.stats).toMatchObject({ succeeded: 0, failed: 0, total: 0, successRate: null });
  });

  it('filters by name, switch, trigger type and last status', async () => {
    const a = await flow('Isolate on high', null, true);
    const b = await flow('Quarantine 100%_files', null);
    await flow('Never ran', null);
    await runs(a, [['failed', day(1)], ['succeeded', day(0)]]);
    await runs(b, [['succeeded', day(1)], ['failed', day(0)]]);
    const names = async (q: Parameters<typeof listFlows>[0]) => (await listFlows(q)).map((f) => f.name);
    expect(await names({ q: 'ISOLATE' })).toEqual(['Isolate on high']);
    // LIKE wildcards in the search are literal.
    expect(await names({ q: '100%_' })).toEqual(['Quarantine 100%_files']);
    expect(await names({ q: '%' })).toEqual(['Quarantine 100%_files']);
    expect(await names({ enabled: 'on' })).toEqual(['Isolate on high']);
    expect(await names({ enabled: 'off' })).toEqual(['Quarantine 100%_files', 'Never ran']);
    expect(await names({ triggerType: 'defender.alertCreated' })).toHaveLength(3);
    expect(await names({ triggerType: 'schedule.recurrence' })).toEqual([]);
    expect(await names({ lastStatus: 'failed' })).toEqual(['Quarantine 100%_files']);
    expect(await names({ lastStatus: 'succeeded' })).toEqual(['Isolate on high']);
    expect(await names({ lastStatus: 'never' })).toEqual(['Never ran']);
    expect(await names({ q: 'isolate', lastStatus: 'failed' })).toEqual([]);
  });

  it('computes the stats of all listed flows in one query', async () => {
    const flows = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((n) => flow(`Flow ${n}`, null)));
    for (const f of flows) await runs(f, [['succeeded', day(1)], ['failed', day(3)]]);
    const spy = vi.spyOn(db(), '$queryRaw');
    try {
      const stats = await flowStats(flows.map((f) => f.id), NOW);
      expect([...stats.values()].map((s) => [s.succeeded, s.failed])).toEqual(flows.map(() => [1, 1]));
      expect(spy).toHaveBeenCalledTimes(1);
      // And it can be answered from the Run(flowId, createdAt) index (a tiny test table would be
      // scanned, so the planner is told to avoid that here).
      const plan = await db().$transaction(async (tx) => {
        await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off');
        return tx.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(
          `EXPLAIN SELECT "flowId", count(*) FROM "Run" WHERE "flowId" = ANY($1::uuid[]) AND "createdAt" >= $2 GROUP BY 1`,
          flows.map((f) => f.id),
          day(6, 0),
        );
      });
      expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/Run_flowId_createdAt\w*_idx/);
    } finally {
      spy.mockRestore();
    }
  });
});
