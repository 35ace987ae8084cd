// A schedule tick becomes a run: inserted in Postgres first (the unique key on flow + tick time
// makes it at most one run per tick, whatever the number of workers or job retries), enqueued
// after commit. A flow switched off or unpublished since the tick gets no run.
import { randomUUID } from 'node:crypto';
import { db, type Prisma } from '@/server/db/client';
import { scheduleParamsOf, scheduleRecurrence } from '@/core/catalog/schedule-recurrence';
import { getTriggerNode } from '@/core/execution/trigger';
import { isInvalid, pinnedGraph } from './pinned-graphs';
import { summaryColumns } from '@/server/services/run-summary';

export interface ScheduleTriggerData {
  scheduledFor: string;
  firedAt: string;
  timezone: string;
}

export async function createScheduledRun(flowId: string, scheduledFor: Date, firedAt: Date): Promise<string | null> {
  const flow = await db().flow.findUnique({ where: { id: flowId }, select: { enabled: true, triggerType: true, publishedVersionId: true } });
  if (!flow?.enabled || flow.triggerType !== scheduleRecurrence.type || !flow.publishedVersionId) return null;
  const version = await db().flowVersion.findUnique({ where: { id: flow.publishedVersionId }, select: { id: true, graph: true } });
  if (!version) return null;
  const graph = pinnedGraph(version.id, version.graph);
  if (isInvalid(graph)) return null;
  const params = scheduleParamsOf(getTriggerNode(graph).params);
  const triggerData: ScheduleTriggerData = { scheduledFor: scheduledFor.toISOString(), firedAt: firedAt.toISOString(), timezone: params?.timezone ?? 'UTC' };
  const created = await db().run.createManyAndReturn({
    data: [{
      id: randomUUID(),
      flowId,
      flowVersionId: version.id,
      status: 'queued',
      triggerKind: 'schedule',
      triggerData: triggerData as unknown as Prisma.InputJsonValue,
      scheduledFor,
      // A schedule run is about no alert: its summary columns stay empty.
      ...summaryColumns(null),
    }],
    // ON CONFLICT DO NOTHING: another worker (or an earlier attempt of this job) made the run.
    skipDuplicates: true,
    select: { id: true },
  });
  return created[0]?.id ?? null;
}
