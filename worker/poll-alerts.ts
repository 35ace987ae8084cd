// The "new alert" trigger (design.md §5.1): list alerts created since watermark − overlap, skip the
// ones already seen, create runs for every enabled flow whose trigger filter matches, advance the
// watermark in the same transaction, and only then enqueue the run ids.
import { randomUUID } from 'node:crypto';
import { db, Prisma } from '@/server/db/client';
import { evaluateTriggerFilter } from '@/core/execution/trigger';
import type { TExecutableGraph } from '@/core/flow/schema';
import { summariseAlert, summaryColumns } from '@/server/services/run-summary';
import { mdeClientFor } from './mde-clients';
import { isInvalid, pinnedGraph } from './pinned-graphs';
import { addMachineTags, usesMachineTags } from './machine-tags';
import type { SkippedAlert } from '@/server/defender/mde-client';

export interface PollResult {
  fetched: number;
  newAlerts: number;
  runIds: string[];
  /** Records Defender listed that are not usable alerts (alert-records.ts): no run, a reason to log. */
  skipped: SkippedAlert[];
}

interface EnabledFlow {
  id: string;
  publishedVersionId: string;
  graph: TExecutableGraph;
}

async function enabledFlows(connectionId: string): Promise<EnabledFlow[]> {
  const flows = await db().flow.findMany({
    where: { enabled: true, triggerConnectionId: connectionId, triggerType: 'defender.alertCreated', publishedVersionId: { not: null } },
    select: { id: true, publishedVersionId: true },
  });
  if (flows.length === 0) return [];
  const versions = await db().flowVersion.findMany({
    where: { id: { in: flows.map((f) => f.publishedVersionId as string) } },
    select: { id: true, graph: true },
  });
  const graphs = new Map(versions.map((v) => [v.id, pinnedGraph(v.id, v.graph)]));
  const result: EnabledFlow[] = [];
  for (const f of flows) {
    const graph = graphs.get(f.publishedVersionId as string);
    // A published version always passed checkFlow; one that no longer does cannot start runs.
    if (graph && !isInvalid(graph)) result.push({ id: f.id, publishedVersionId: f.publishedVersionId as string, graph });
  }
  return result;
}

export async function pollConnection(connectionId: string, opts: { overlapSeconds: number; now?: Date }): Promise<PollResult> {
  const now = opts.now ?? new Date();
  const cursor = await db().alertCursor.findUnique({ where: { connectionId } });
  const watermark = cursor?.watermark ?? new Date(now.getTime() - opts.overlapSeconds * 1000);
  const since = new Date(watermark.getTime() - opts.overlapSeconds * 1000);

  const client = await mdeClientFor(connectionId, 'poll');
  const skipped: SkippedAlert[] = [];
  const alerts = await client.listAlertsCreatedSince(since, { onSkipped: (s) => skipped.push(s) });
  const flows = await enabledFlows(connectionId);
  if (flows.some((f) => usesMachineTags(f.graph))) await addMachineTags(client, connectionId, alerts);

  let newest = watermark;
  for (const a of alerts) {
    const t = a.alertCreationTime ? new Date(a.alertCreationTime) : null;
    if (t && !Number.isNaN(t.getTime()) && t > newest) newest = t;
  }
  // Never move the watermark past "now": a clock-skewed alert must not hide later ones.
  if (newest > now) newest = now;

  const result = await db().$transaction(async (tx) => {
    // Serialise concurrent polls of one connection (a slow poll overlapping the next tick).
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`poll:${connectionId}`}))`;
    // The connection may have been deleted since this poll began (its schedule is removed on the
    // next sync): hold it for the transaction, or record nothing, instead of failing on its key.
    const live = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Connection" WHERE id = ${connectionId}::uuid FOR SHARE`;
    if (live.length === 0) return { fetched: alerts.length, newAlerts: 0, runIds: [] as string[], skipped };
    const ids = [...new Set(alerts.map((a) => a.id))];
    let fresh: string[] = [];
    if (ids.length > 0) {
      const rows = await tx.$queryRaw<{ alertId: string }[]>`
        INSERT INTO "SeenAlert" ("connectionId", "alertId")
        SELECT ${connectionId}::uuid, unnest(${ids}::text[])
        ON CONFLICT DO NOTHING RETURNING "alertId"`;
      fresh = rows.map((r) => r.alertId);
    }
    const freshSet = new Set(fresh);
    const runs: Prisma.RunCreateManyInput[] = [];
    for (const alert of alerts) {
      if (!freshSet.has(alert.id)) continue;
      freshSet.delete(alert.id);
      for (const flow of flows) {
        // The trigger filter runs before a run exists, so filtered alerts cost nothing.
        if (!evaluateTriggerFilter(flow.graph, alert).result) continue;
        runs.push({
          id: randomUUID(),
          flowId: flow.id,
          flowVersionId: flow.publishedVersionId,
          status: 'queued',
          triggerKind: 'alert',
          triggerData: alert as Prisma.InputJsonValue,
          alertId: alert.id,
          ...summaryColumns(summariseAlert(alert)),
        });
      }
    }
    const created = runs.length > 0 ? await tx.run.createManyAndReturn({ data: runs, skipDuplicates: true, select: { id: true } }) : [];
    await tx.alertCursor.upsert({
      where: { connectionId },
      create: { connectionId, watermark: newest },
      update: { watermark: newest },
    });
    return { fetched: alerts.length, newAlerts: fresh.length, runIds: created.map((r) => r.id), skipped };
  });
  return result;
}
