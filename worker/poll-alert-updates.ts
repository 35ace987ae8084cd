// The "alert updated" trigger: list alerts whose lastUpdateTime is at or after its own watermark
// − overlap, and start a run per enabled flow whose filter matches, keyed by alert id +
// lastUpdateTime so one change starts one run per flow however often it is polled. Runs and the
// watermark commit in one transaction; the caller enqueues after commit (design.md §5.1).
// Only asks Defender when some enabled flow listens, so the rate budget is not spent for nothing.
import { randomUUID } from 'node:crypto';
import { db, Prisma } from '@/server/db/client';
import { evaluateTriggerFilter } from '@/core/execution/trigger';
import type { MdeAlert } from '@/server/defender/entities';
import { summariseAlert, summaryColumns } from '@/server/services/run-summary';
import { mdeClientFor } from './mde-clients';
import { isInvalid, pinnedGraph } from './pinned-graphs';
import type { SkippedAlert } from '@/server/defender/mde-client';

export const ALERT_UPDATED_TRIGGER = 'defender.alertUpdated';

export interface UpdatePollResult {
  fetched: number;
  runIds: string[];
  /** Records that are not usable alerts (alert-records.ts). */
  skipped: SkippedAlert[];
}

/** A change, not the alert's creation: MDE sets lastUpdateTime = alertCreationTime at first. */
function isUpdate(alert: MdeAlert): boolean {
  const created = Date.parse(alert.alertCreationTime ?? '');
  const updated = Date.parse(alert.lastUpdateTime ?? '');
  return Number.isFinite(updated) && (!Number.isFinite(created) || updated > created);
}

export const updateTriggerKey = (alert: MdeAlert) => `${alert.id}@${alert.lastUpdateTime ?? ''}`;

export async function pollAlertUpdates(connectionId: string, opts: { overlapSeconds: number; now?: Date }): Promise<UpdatePollResult> {
  const flows = await db().flow.findMany({
    where: { enabled: true, triggerConnectionId: connectionId, triggerType: ALERT_UPDATED_TRIGGER, publishedVersionId: { not: null } },
    select: { id: true, publishedVersionId: true },
  });
  if (flows.length === 0) return { fetched: 0, runIds: [], skipped: [] };
  const versions = await db().flowVersion.findMany({ where: { id: { in: flows.map((f) => f.publishedVersionId as string) } }, select: { id: true, graph: true } });
  const graphs = new Map(versions.map((v) => [v.id, pinnedGraph(v.id, v.graph)]));

  const now = opts.now ?? new Date();
  const cursor = await db().alertCursor.findUnique({ where: { connectionId } });
  const watermark = cursor?.updatedWatermark ?? new Date(now.getTime() - opts.overlapSeconds * 1000);
  const since = new Date(watermark.getTime() - opts.overlapSeconds * 1000);
  const skipped: SkippedAlert[] = [];
  const alerts = (await (await mdeClientFor(connectionId, 'poll')).listAlertsUpdatedSince(since, { onSkipped: (s) => skipped.push(s) })).filter(isUpdate);

  let newest = watermark;
  for (const a of alerts) {
    const t = new Date(a.lastUpdateTime ?? '');
    if (!Number.isNaN(t.getTime()) && t > newest) newest = t;
  }
  if (newest > now) newest = now;

  const listening = flows.flatMap((f) => {
    const graph = graphs.get(f.publishedVersionId as string);
    return graph && !isInvalid(graph) ? [{ id: f.id, versionId: f.publishedVersionId as string, graph }] : [];
  });
  const runs: Prisma.RunCreateManyInput[] = [];
  for (const alert of alerts) {
    for (const flow of listening) {
      if (!evaluateTriggerFilter(flow.graph, alert).result) continue;
      runs.push({
        id: randomUUID(),
        flowId: flow.id,
        flowVersionId: flow.versionId,
        status: 'queued',
        triggerKind: 'alertUpdated',
        triggerKey: updateTriggerKey(alert),
        triggerData: alert as Prisma.InputJsonValue,
        ...summaryColumns(summariseAlert(alert)),
      });
    }
  }

  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`poll-updates:${connectionId}`}))`;
    // The unique (flowId, triggerKey) drops versions already seen by an earlier, overlapping poll.
    const created = runs.length > 0 ? await tx.run.createManyAndReturn({ data: runs, skipDuplicates: true, select: { id: true } }) : [];
    await tx.alertCursor.upsert({
      where: { connectionId },
      // The new-alert watermark starts where the new-alert poller would start it.
      create: { connectionId, watermark: new Date(now.getTime() - opts.overlapSeconds * 1000), updatedWatermark: newest },
      update: { updatedWatermark: newest },
    });
    return { fetched: alerts.length, runIds: created.map((r) => r.id), skipped };
  });
}
