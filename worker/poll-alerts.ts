// The "new alert" trigger (design.md §5.1): list alerts created since watermark − overlap, skip the
// ones already seen, create runs for every enabled flow whose trigger filter matches, advance the
// watermark in the same transaction, and only then enqueue the run ids.
import { randomUUID } from 'node:crypto';
import { db, Prisma } from '@/server/db/client';
import { evaluateTriggerFilter } from '@/core/execution/trigger';
import type { TExecutableGraph } from '@/core/flow/schema';
import type { MdeAlert } from '@/server/defender/entities';
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

/**
 * Alerts per transaction. A burst (10,000 alerts in one poll) written in one transaction outlived
 * Prisma's interactive-transaction timeout on a loaded machine, so the poll failed and re-read
 * the same burst every interval without ever creating a run. Small transactions also let the
 * first runs start while later ones are still being written.
 */
export const POLL_CHUNK = 250;
const TX_OPTIONS = { maxWait: 10_000, timeout: 60_000 };

export interface PollOptions {
  overlapSeconds: number;
  now?: Date;
  /** Called after each transaction commits with the runs it created (the caller enqueues them). */
  onRunsCommitted?: (runIds: string[]) => Promise<void>;
}

function creationMs(a: MdeAlert): number {
  const t = a.alertCreationTime ? Date.parse(a.alertCreationTime) : NaN;
  return Number.isNaN(t) ? -Infinity : t;
}

export async function pollConnection(connectionId: string, opts: PollOptions): Promise<PollResult> {
  const now = opts.now ?? new Date();
  const cursor = await db().alertCursor.findUnique({ where: { connectionId } });
  const watermark = cursor?.watermark ?? new Date(now.getTime() - opts.overlapSeconds * 1000);
  const since = new Date(watermark.getTime() - opts.overlapSeconds * 1000);

  const client = await mdeClientFor(connectionId, 'poll');
  const skipped: SkippedAlert[] = [];
  const [alerts, flows] = await Promise.all([client.listAlertsCreatedSince(since, { onSkipped: (s) => skipped.push(s) }), enabledFlows(connectionId)]);

  // Every poll re-reads its overlap (at 100 alerts/s, 12,000 alerts already seen): drop those
  // with one indexed read instead of sending them through the transactions below. The insert
  // into SeenAlert there still decides, so concurrent polls never start an alert twice.
  const ids = [...new Set(alerts.map((a) => a.id))];
  const seen = ids.length === 0 ? new Set<string>() : new Set(
    (await db().$queryRaw<{ alertId: string }[]>`
      SELECT "alertId" FROM "SeenAlert" WHERE "connectionId" = ${connectionId}::uuid AND "alertId" = ANY(${ids}::text[])`).map((r) => r.alertId),
  );
  const unseen: MdeAlert[] = [];
  const picked = new Set<string>();
  for (const a of alerts) {
    if (seen.has(a.id) || picked.has(a.id)) continue;
    picked.add(a.id);
    unseen.push(a);
  }
  // Oldest first, so each committed chunk may move the watermark up to its newest alert.
  unseen.sort((a, b) => creationMs(a) - creationMs(b));
  if (flows.some((f) => usesMachineTags(f.graph))) await addMachineTags(client, connectionId, unseen);

  const cap = (t: Date) => (t > now ? now : t);
  let newest = watermark;
  for (const a of alerts) {
    const t = creationMs(a);
    if (t > newest.getTime()) newest = new Date(t);
  }
  // Never move the watermark past "now": a clock-skewed alert must not hide later ones.
  newest = cap(newest);

  const result: PollResult = { fetched: alerts.length, newAlerts: 0, runIds: [], skipped };
  const chunks: MdeAlert[][] = [];
  for (let i = 0; i < unseen.length; i += POLL_CHUNK) chunks.push(unseen.slice(i, i + POLL_CHUNK));
  if (chunks.length === 0) chunks.push([]);
  for (const [index, chunk] of chunks.entries()) {
    const last = index === chunks.length - 1;
    // The last chunk takes the watermark to the newest alert listed (seen ones included).
    const chunkMark = last ? newest : cap(new Date(Math.max(watermark.getTime(), creationMs(chunk[chunk.length - 1] as MdeAlert))));
    const committed = await commitChunk(connectionId, chunk, flows, chunkMark);
    if (committed === null) break;
    result.newAlerts += committed.newAlerts;
    result.runIds.push(...committed.runIds);
    if (committed.runIds.length > 0) await opts.onRunsCommitted?.(committed.runIds);
  }
  return result;
}

/** One transaction: record the alerts as seen, create their runs, move the watermark. Null: the connection is gone. */
async function commitChunk(connectionId: string, alerts: MdeAlert[], flows: EnabledFlow[], watermark: Date): Promise<{ newAlerts: number; runIds: string[] } | null> {
  return db().$transaction(async (tx) => {
    // Serialise concurrent polls of one connection (a slow poll overlapping the next tick).
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`poll:${connectionId}`}))`;
    // The connection may have been deleted since this poll began (its schedule is removed on the
    // next sync): hold it for the transaction, or record nothing, instead of failing on its key.
    const live = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Connection" WHERE id = ${connectionId}::uuid FOR SHARE`;
    if (live.length === 0) return null;
    const ids = alerts.map((a) => a.id);
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
    // Never backwards: a slower, overlapping poll must not undo a later one's progress (the lock
    // above orders the polls, so this read is current).
    const current = await tx.alertCursor.findUnique({ where: { connectionId }, select: { watermark: true } });
    const mark = current && current.watermark > watermark ? current.watermark : watermark;
    await tx.alertCursor.upsert({ where: { connectionId }, create: { connectionId, watermark: mark }, update: { watermark: mark } });
    return { newAlerts: fresh.length, runIds: created.map((r) => r.id) };
  }, TX_OPTIONS);
}
