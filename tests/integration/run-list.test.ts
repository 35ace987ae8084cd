// The run list on real Postgres (issue 6): every filter returns exactly the runs it should,
// keyset pages have no duplicates or gaps while new runs arrive, per-status counts (capped),
// bulk cancel is for editors only, runs created by the poller and by resubmits carry their
// summary columns, the REST API validates its query, and retention prunes only old finished runs.
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { NextRequest } from 'next/server';
import { useHarness } from './lifecycle';
import { db, Prisma } from '@/server/db/client';
import type { Principal } from '@/server/auth/roles';
import { createApiToken } from '@/server/auth/sessions';
import { countRunsByStatus, COUNT_WINDOW, getRun, listRuns, type RunListItem } from '@/server/services/runs';
import { REDACTED } from '@/core/redact';
import { bulkCancelRuns, bulkResubmitRuns } from '@/server/services/run-actions';
import { summaryColumns } from '@/server/services/run-summary';
import { pruneOldRuns } from '@/server/services/retention';
import { setFlowEnabled } from '@/server/services/flows';
import { pollConnection } from '@/worker/poll-alerts';
import { GET as listRoute } from '@/app/api/v1/runs/route';
import { POST as cancelRoute } from '@/app/api/v1/runs/cancel/route';

const editor: Principal = { userId: '00000000-0000-4000-8000-00000000e001', email: 'editor@test.local', role: 'editor', via: 'session' };

const life = useHarness({ seedFlowOn: false });

const STATUSES = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled', 'timed_out'] as const;
const SEVERITIES = ['High', 'Medium', 'Low', 'Informational'] as const;
const KINDS = ['alert', 'alertUpdated', 'manual', 'schedule'] as const;
const T0 = new Date('2026-11-30T12:00:00.000Z');

interface Seeded {
  id: string;
  flowId: string;
  status: (typeof STATUSES)[number];
  triggerKind: string;
  createdAt: Date;
  alertId: string | null;
  title: string | null;
  severity: string | null;
  machineId: string | null;
  dns: string | null;
}

async function secondFlow(): Promise<{ flowId: string; versionId: string }> {
  const flow = await db().flow.create({ data: { name: 'Second flow', graph: {} }, select: { id: true } });
  const version = await db().flowVersion.create({ data: { flowId: flow.id, version: 1, graph: {} }, select: { id: true } });
  return { flowId: flow.id, versionId: version.id };
}

async function seedFlowVersion(): Promise<string> {
  const flow = await db().flow.findUniqueOrThrow({ where: { id: life.h.flowId }, select: { publishedVersionId: true } });
  return flow.publishedVersionId as string;
}

/** n runs, one minute apart going back from T0, with every attribute varied deterministically. */
async function seedRuns(n: number): Promise<Seeded[]> {
  const a = { flowId: life.h.flowId, versionId: await seedFlowVersion() };
  const b = await secondFlow();
  const out: Seeded[] = [];
  const rows: Prisma.RunCreateManyInput[] = [];
  for (let i = 0; i < n; i++) {
    const flow = i % 3 === 0 ? b : a;
    const kind = KINDS[i % 4] as string;
    const aboutAlert = kind !== 'schedule';
    const s: Seeded = {
      id: randomUUID(),
      flowId: flow.flowId,
      status: STATUSES[i % 7] as Seeded['status'],
      triggerKind: kind,
      // Pairs share a timestamp, so the id tie-break matters.
      createdAt: new Date(T0.getTime() - Math.floor(i / 2) * 60_000),
      alertId: aboutAlert ? `da${String(i % 5).padStart(6, '0')}_alert` : null,
      title: aboutAlert ? (i % 2 === 0 ? `Suspicious PowerShell 100% download #${i}` : `Ransomware_behavior on host #${i}`) : null,
      severity: aboutAlert ? (SEVERITIES[i % 4] as string) : null,
      machineId: aboutAlert ? `${String(i % 4)}`.repeat(40) : null,
      dns: aboutAlert ? `WS-${i % 4}.Contoso.com` : null,
    };
    out.push(s);
    rows.push({
      id: s.id,
      flowId: s.flowId,
      flowVersionId: flow.versionId,
      status: s.status,
      triggerKind: s.triggerKind,
      triggerData: { big: 'x'.repeat(100) },
      createdAt: s.createdAt,
      ...summaryColumns(aboutAlert ? { alertId: s.alertId ?? undefined, title: s.title ?? undefined, severity: s.severity ?? undefined, machineId: s.machineId ?? undefined, computerDnsName: s.dns ?? undefined } : null),
    });
  }
  await db().run.createMany({ data: rows });
  return out;
}

const newestFirst = (runs: Seeded[]) => [...runs].sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime() || (x.id < y.id ? 1 : -1)).map((r) => r.id);

/** Every page of a query, following nextCursor. */
async function allPages(query: Record<string, unknown>, limit = 7): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = await listRuns({ ...query, limit, cursor });
    ids.push(...page.items.map((r) => r.id));
    if (!page.nextCursor) return ids;
    cursor = page.nextCursor;
  }
  throw new Error('too many pages');
}

describe('run list filters', () => {
  it('each filter returns exactly the matching runs, newest first, across pages', async () => {
    const runs = await seedRuns(60);
    const flowB = runs.find((r, i) => i % 3 === 0)?.flowId as string;
    const cases: [string, Record<string, unknown>, (r: Seeded) => boolean][] = [
      ['no filter', {}, () => true],
      ['one status', { status: 'failed' }, (r) => r.status === 'failed'],
      ['several statuses (comma)', { status: 'failed,timed_out' }, (r) => r.status === 'failed' || r.status === 'timed_out'],
      ['several statuses (array)', { status: ['queued', 'waiting'] }, (r) => r.status === 'queued' || r.status === 'waiting'],
      ['flow', { flowId: flowB }, (r) => r.flowId === flowB],
      ['time range from/to', { from: new Date(T0.getTime() - 10 * 60_000).toISOString(), to: new Date(T0.getTime() - 2 * 60_000).toISOString() }, (r) => r.createdAt.getTime() >= T0.getTime() - 10 * 60_000 && r.createdAt.getTime() < T0.getTime() - 2 * 60_000],
      ['alert id', { alertId: 'da000003_alert' }, (r) => r.alertId === 'da000003_alert'],
      ['machine by id', { machine: '2'.repeat(40) }, (r) => r.machineId === '2'.repeat(40)],
      ['machine by DNS name, any case', { machine: 'ws-1.CONTOSO.com' }, (r) => r.dns?.toLowerCase() === 'ws-1.contoso.com'],
      ['severity', { severity: 'Medium' }, (r) => r.severity === 'Medium'],
      ['trigger kind', { triggerKind: 'schedule' }, (r) => r.triggerKind === 'schedule'],
      ['title search, case-insensitive', { q: 'powershell' }, (r) => Boolean(r.title?.toLowerCase().includes('powershell'))],
      // % and _ are literal characters in the search, not wildcards.
      ['title search with %', { q: '100%' }, (r) => Boolean(r.title?.includes('100%'))],
      ['title search with _', { q: 'e_b' }, (r) => Boolean(r.title?.includes('e_b'))],
      ['combined', { status: 'succeeded,failed,queued', severity: 'High', flowId: life.h.flowId }, (r) => ['succeeded', 'failed', 'queued'].includes(r.status) && r.severity === 'High' && r.flowId === life.h.flowId],
    ];
    for (const [name, query, match] of cases) {
      const expected = newestFirst(runs.filter(match));
      expect(expected.length, name).toBeGreaterThan(0);
      expect(await allPages(query), name).toEqual(expected);
    }
    expect(await allPages({ q: 'no such title' })).toEqual([]);
  });

  it('time-range presets count back from now', async () => {
    const v = await seedFlowVersion();
    const now = new Date();
    const ages = { fresh: 30 * 60_000, day: 5 * 3_600_000, week: 3 * 86_400_000, old: 40 * 86_400_000 };
    const ids: Record<string, string> = {};
    for (const [k, age] of Object.entries(ages)) {
      ids[k] = randomUUID();
      await db().run.create({ data: { id: ids[k], flowId: life.h.flowId, flowVersionId: v, status: 'succeeded', triggerKind: 'schedule', triggerData: {}, createdAt: new Date(now.getTime() - age) } });
    }
    const ids1 = async (range: string) => (await listRuns({ range }, { now })).items.map((r) => r.id).sort();
    expect(await ids1('1h')).toEqual([ids.fresh].sort());
    expect(await ids1('24h')).toEqual([ids.fresh, ids.day].sort());
    expect(await ids1('7d')).toEqual([ids.fresh, ids.day, ids.week].sort());
    expect(await ids1('30d')).toEqual([ids.fresh, ids.day, ids.week].sort());
  });

  it('lists carry the summary and who started a run, never the trigger data or steps', async () => {
    const [run] = await seedRuns(1);
    const user = await db().user.create({ data: { email: 'starter@test.local', passwordHash: 'x', role: 'editor' } });
    await db().run.update({ where: { id: run?.id }, data: { startedById: user.id } });
    const { items } = await listRuns({});
    const item = items[0] as RunListItem & Record<string, unknown>;
    expect(item.summary).toEqual({ alertId: 'da000000_alert', title: 'Suspicious PowerShell 100% download #0', severity: 'High', machineId: '0'.repeat(40), computerDnsName: 'ws-0.contoso.com' });
    expect(item.startedBy).toBe('starter@test.local');
    expect(item).not.toHaveProperty('triggerData');
    expect(item).not.toHaveProperty('trigger');
    expect(item).not.toHaveProperty('steps');
  });
});

describe('run detail', () => {
  it('redacts secret-looking keys in the trigger data, as in step payloads, and keeps the rest', async () => {
    const [run] = await seedRuns(1);
    const triggerData = {
      id: 'da000000_alert', title: 'Suspicious PowerShell', mitreTechniques: ['T1059.001'],
      headers: { Authorization: 'Bearer eyJ-live-token', accept: 'application/json' },
      inputs: [{ apiKey: 'k-123', password: 'hunter2', host: 'ws-0' }],
    };
    await db().run.update({ where: { id: run?.id }, data: { triggerData } });
    const detail = await getRun(run?.id as string);
    expect(detail.trigger).toEqual({
      id: 'da000000_alert', title: 'Suspicious PowerShell', mitreTechniques: ['T1059.001'],
      headers: { Authorization: REDACTED, accept: 'application/json' },
      inputs: [{ apiKey: REDACTED, password: REDACTED, host: 'ws-0' }],
    });
    expect(JSON.stringify(detail)).not.toMatch(/eyJ-live-token|k-123|hunter2/);
    expect(detail.mitreTechniques).toEqual(['T1059.001']);
    // Redaction is on the way out: the stored row keeps what the run was started with.
    expect((await db().run.findUniqueOrThrow({ where: { id: run?.id } })).triggerData).toEqual(triggerData);
  });
});

describe('keyset pagination', () => {
  it('has no duplicates or gaps while new runs arrive between page fetches; newer goes back', async () => {
    const runs = await seedRuns(45);
    const v = await seedFlowVersion();
    const seen: string[] = [];
    const pages: { ids: string[]; prev: string | null }[] = [];
    let cursor: string | undefined;
    let arrivals = 0;
    for (;;) {
      const page = await listRuns({ limit: 10, cursor });
      seen.push(...page.items.map((r) => r.id));
      pages.push({ ids: page.items.map((r) => r.id), prev: page.prevCursor });
      // New runs arrive (newer than everything, and one at the very same instant as the newest).
      await db().run.createMany({
        data: [0, 1, 2].map((k) => ({ id: randomUUID(), flowId: life.h.flowId, flowVersionId: v, status: 'queued' as const, triggerKind: 'schedule', triggerData: {}, createdAt: k === 0 ? T0 : new Date(Date.now() + k) })),
      });
      arrivals += 3;
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    const original = new Set(runs.map((r) => r.id));
    // The walk started before the arrivals: it holds every original run exactly once, in order.
    const originalsSeen = seen.filter((id) => original.has(id));
    expect(originalsSeen).toEqual(newestFirst(runs));
    expect(new Set(seen).size).toBe(seen.length);
    expect(arrivals).toBeGreaterThan(0);
    expect(pages[0]?.prev).toBeNull();

    // "Newer" from the third page gives back exactly the second page.
    const third = pages[2] as { ids: string[]; prev: string | null };
    const back = await listRuns({ limit: 10, cursor: third.prev, direction: 'newer' });
    expect(back.items.map((r) => r.id)).toEqual(pages[1]?.ids);
    expect(back.nextCursor).not.toBeNull();
    expect(back.prevCursor).not.toBeNull();
  });

  it('refuses a forged cursor with a 400', async () => {
    await expect(listRuns({ cursor: 'bm90LWEtY3Vyc29y' })).rejects.toMatchObject({ status: 400 });
  });
});

describe('counts per status', () => {
  it('counts each status for the filter (its status part ignored) over the newest runs that match', async () => {
    const runs = await seedRuns(28);
    const small = await countRunsByStatus({ flowId: life.h.flowId, status: 'failed' });
    for (const s of STATUSES) expect(small.counts[s], s).toBe(runs.filter((r) => r.flowId === life.h.flowId && r.status === s).length);
    expect(small).toMatchObject({ total: runs.filter((r) => r.flowId === life.h.flowId).length, limited: false });
    expect((await countRunsByStatus({ severity: 'High' })).counts.queued).toBe(runs.filter((r) => r.severity === 'High' && r.status === 'queued').length);
    expect((await countRunsByStatus({ q: 'ransomware' })).total).toBe(runs.filter((r) => r.title?.startsWith('Ransomware')).length);

    // More than the window: the counts cover the newest COUNT_WINDOW runs (here all succeeded,
    // newer than the seeded ones) and say they are limited.
    const v = await seedFlowVersion();
    await db().$executeRaw`
      INSERT INTO "Run" ("id", "flowId", "flowVersionId", "status", "triggerKind", "triggerData", "createdAt")
      SELECT gen_random_uuid(), ${life.h.flowId}::uuid, ${v}::uuid, 'succeeded', 'schedule', '{}'::jsonb, now() - (g || ' seconds')::interval
      FROM generate_series(1, ${COUNT_WINDOW + 5}) g`;
    const big = await countRunsByStatus({});
    expect(big).toMatchObject({ total: COUNT_WINDOW, limited: true });
    expect(big.counts.succeeded).toBe(COUNT_WINDOW);
    expect(big.counts.failed).toBe(0);
  });
});

describe('bulk cancel', () => {
  it('cancels the runs still in progress, skips finished ones, and is for editors only', async () => {
    const runs = await seedRuns(7);
    const ids = runs.map((r) => r.id);
    const viewer = await db().user.create({ data: { email: 'viewer@test.local', passwordHash: 'x', role: 'viewer' } });
    const ed = await db().user.create({ data: { email: 'ed@test.local', passwordHash: 'x', role: 'editor' } });
    const call = (token: string) =>
      cancelRoute(new NextRequest('http://localhost/api/v1/runs/cancel', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ runIds: ids }) }), { params: Promise.resolve({}) });

    const refused = await call(await createApiToken(viewer.id, 'viewer token', 'viewer'));
    expect(refused.status).toBe(403);
    expect(await db().run.count({ where: { status: 'cancelled' } })).toBe(runs.filter((r) => r.status === 'cancelled').length);

    const ok = await call(await createApiToken(ed.id, 'editor token', 'editor'));
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { cancelled: string[]; skipped: { runId: string; reason: string }[] };
    const active = runs.filter((r) => ['queued', 'running', 'waiting'].includes(r.status)).map((r) => r.id);
    expect(body.cancelled.sort()).toEqual([...active].sort());
    expect(body.skipped.map((s) => s.runId).sort()).toEqual(ids.filter((id) => !active.includes(id)).sort());
    expect(body.skipped.find((s) => s.runId === runs[3]?.id)?.reason).toBe('already succeeded');
    const after = await db().run.findMany({ where: { id: { in: active } }, select: { status: true, error: true } });
    expect(after.every((r) => r.status === 'cancelled')).toBe(true);
    // Finished runs kept their outcome.
    expect((await db().run.findUniqueOrThrow({ where: { id: runs[4]?.id as string } })).status).toBe('failed');
    expect(await db().auditEvent.count({ where: { action: 'run.cancel.bulk' } })).toBe(1);
    await expect(bulkCancelRuns(editor, { runIds: [] })).rejects.toMatchObject({ status: 400 });
  });
});

describe('summary columns at run creation', () => {
  it('the poller fills them from the alert, and resubmits copy them', async () => {
    await setFlowEnabled(null, life.h.flowId, true);
    const alert = await life.h.raise('High');
    const { runIds } = await pollConnection(life.h.defenderId, { overlapSeconds: 120 });
    expect(runIds).toHaveLength(1);
    const columns = { triggerAlertId: true, alertTitle: true, severity: true, machineId: true, computerDnsName: true } as const;
    const run = await db().run.findUniqueOrThrow({ where: { id: runIds[0] as string }, select: { ...columns, summary: true } });
    const summary = run.summary as { computerDnsName: string };
    expect(run).toMatchObject({ triggerAlertId: alert.id, alertTitle: alert.title, severity: 'High', machineId: alert.machineId, computerDnsName: summary.computerDnsName.toLowerCase() });
    const { created } = await bulkResubmitRuns(editor, { runIds });
    const copy = await db().run.findUniqueOrThrow({ where: { id: created[0]?.id as string }, select: { ...columns, alertId: true } });
    expect(copy).toMatchObject({ triggerAlertId: alert.id, alertTitle: alert.title, severity: 'High', machineId: alert.machineId, alertId: null });
    // Both are found by the alert id filter.
    expect((await listRuns({ alertId: alert.id })).items.map((r) => r.id).sort()).toEqual([runIds[0], created[0]?.id].sort());
  });
});

describe('GET /api/v1/runs', () => {
  it('takes the filters and answers 400 with a message on bad input', async () => {
    await seedRuns(10);
    const user = await db().user.create({ data: { email: 'reader@test.local', passwordHash: 'x', role: 'viewer' } });
    const token = await createApiToken(user.id, 'reader', 'viewer');
    const get = (qs: string) => listRoute(new NextRequest(`http://localhost/api/v1/runs?${qs}`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({}) });
    const ok = await get('status=failed&status=queued&severity=High&limit=5');
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { items: RunListItem[] };
    expect(body.items.every((r) => ['failed', 'queued'].includes(r.status) && r.summary?.severity === 'High')).toBe(true);
    for (const [qs, part] of [
      ['status=exploded', 'status'],
      ['severity=Critical', 'severity'],
      ['from=yesterday', 'from'],
      ['flowId=not-a-uuid', 'flowId'],
      ['range=2y', 'range'],
      ['limit=5000', 'limit'],
      ['direction=sideways', 'direction'],
    ] as const) {
      const res = await get(qs);
      expect(res.status, qs).toBe(400);
      const err = (await res.json()) as { error: { code: string; message: string } };
      expect(err.error.code).toBe('BadRequest');
      expect(err.error.message).toContain(part);
    }
  });
});

describe('retention', () => {
  it('prunes finished runs past the retention in bounded batches; keeps recent and unfinished ones', async () => {
    const v = await seedFlowVersion();
    const now = new Date();
    const day = 86_400_000;
    const make = (n: number, status: (typeof STATUSES)[number], ageDays: number) =>
      Array.from({ length: n }, (_, i) => ({ id: randomUUID(), flowId: life.h.flowId, flowVersionId: v, status, triggerKind: 'schedule', triggerData: {}, createdAt: new Date(now.getTime() - ageDays * day - i * 1000) }));
    const oldFinished = [...make(9, 'succeeded', 31), ...make(3, 'failed', 45), ...make(2, 'timed_out', 60), ...make(1, 'cancelled', 90)];
    const oldActive = [...make(2, 'waiting', 40), ...make(1, 'running', 35), ...make(1, 'queued', 50)];
    const recent = [...make(4, 'succeeded', 29), ...make(2, 'failed', 1)];
    await db().run.createMany({ data: [...oldFinished, ...oldActive, ...recent] });
    // Steps of an old run go with it.
    await db().stepRun.createMany({ data: [0, 1, 2].map((k) => ({ runId: oldFinished[0]?.id as string, nodeId: `n${k}`, type: 'core.noop', status: 'succeeded' as const })) });

    const first = await pruneOldRuns({ retentionDays: 30, now, batchSize: 4, maxBatches: 2, pauseMs: 1 });
    expect(first).toEqual({ deleted: 8, batches: 2, perBatch: [4, 4] });
    const rest = await pruneOldRuns({ retentionDays: 30, now, batchSize: 4, maxBatches: 10, pauseMs: 1 });
    expect(rest).toEqual({ deleted: 7, batches: 2, perBatch: [4, 3] });
    expect((await pruneOldRuns({ retentionDays: 30, now, batchSize: 4 })).deleted).toBe(0);

    const left = new Set((await db().run.findMany({ select: { id: true } })).map((r) => r.id));
    expect(oldFinished.filter((r) => left.has(r.id))).toEqual([]);
    expect([...oldActive, ...recent].every((r) => left.has(r.id))).toBe(true);
    expect(await db().stepRun.count({ where: { runId: oldFinished[0]?.id } })).toBe(0);
    // 0 keeps everything.
    expect(await pruneOldRuns({ retentionDays: 0, now: new Date(now.getTime() + 400 * day) })).toEqual({ deleted: 0, batches: 0, perBatch: [] });
  });

  it("runs in the worker's maintenance tick with RIPOSTE_RUN_RETENTION_DAYS (default 30)", async () => {
    const v = await seedFlowVersion();
    const old = { id: randomUUID(), flowId: life.h.flowId, flowVersionId: v, status: 'succeeded' as const, triggerKind: 'schedule', triggerData: {}, createdAt: new Date(Date.now() - 31 * 86_400_000) };
    const kept = { ...old, id: randomUUID(), createdAt: new Date(Date.now() - 29 * 86_400_000) };
    await db().run.createMany({ data: [old, kept] });
    // A worker runs its first maintenance tick before startWorker returns.
    await life.startWorker({ maintenanceEveryMs: 3_600_000 });
    expect((await db().run.findMany({ where: { id: { in: [old.id, kept.id] } }, select: { id: true } })).map((r) => r.id)).toEqual([kept.id]);
  });
});
