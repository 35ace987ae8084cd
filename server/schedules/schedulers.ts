// One BullMQ job scheduler per enabled flow with a schedule trigger (BullMQ then produces one job
// per tick however many workers run). Kept in sync from Postgres by the worker's maintenance tick
// and right after publish / enable / disable / delete by the web. Upserts only when the schedule
// changed, so re-asserting it never moves or duplicates a tick.
import type { Queue } from 'bullmq';
import { db } from '../db/client';
import { scheduleParamsOf, scheduleRecurrence } from '@/core/catalog/schedule-recurrence';
import { repeatSpecOf, type RepeatSpec } from '@/core/schedule/recurrence';
import { ZDraftGraph, TRIGGER_NODE_ID } from '@/core/flow/schema';
import { JOBS } from '../queue/queues';

const PREFIX = 'schedule-';
export const scheduleSchedulerId = (flowId: string) => `${PREFIX}${flowId}`;

export interface ScheduleTickJobData {
  flowId: string;
}

/**
 * Test hook: integration tests cannot wait minutes for a tick, so with NODE_ENV=test a "minute"
 * of an interval schedule may be shortened by RIPOSTE_TEST_MINUTE_MS. Production params (1–1000
 * minutes/hours/days, 5-field cron) are unchanged and the variable is ignored outside tests.
 */
export function scheduleMinuteMs(): number {
  const raw = process.env.NODE_ENV === 'test' ? Number(process.env.RIPOSTE_TEST_MINUTE_MS) : NaN;
  return Number.isInteger(raw) && raw >= 100 ? raw : 60_000;
}

// A tick that failed (e.g. Postgres briefly down) is retried; the unique key on flow + tick keeps
// retries from making a second run.
const TICK_JOB_OPTIONS = { attempts: 6, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: 100, removeOnFail: 100 };

type RepeatOpts = { pattern: string; tz: string } | { every: number };

function repeatOpts(spec: RepeatSpec): RepeatOpts {
  return spec.kind === 'every' ? { every: spec.everyMs } : { pattern: spec.pattern, tz: spec.tz };
}

/** The schedule a flow should have now: null when it is off, unpublished or not a schedule flow. */
export async function wantedSchedule(flowId: string): Promise<RepeatOpts | null> {
  const flow = await db().flow.findUnique({ where: { id: flowId }, select: { enabled: true, triggerType: true, publishedVersionId: true } });
  if (!flow?.enabled || flow.triggerType !== scheduleRecurrence.type || !flow.publishedVersionId) return null;
  const version = await db().flowVersion.findUnique({ where: { id: flow.publishedVersionId }, select: { graph: true } });
  return version ? repeatOptsOfGraph(version.graph) : null;
}

function repeatOptsOfGraph(graph: unknown): RepeatOpts | null {
  const parsed = ZDraftGraph.safeParse(graph);
  const trigger = parsed.success ? parsed.data.nodes.find((n) => n.id === TRIGGER_NODE_ID) : undefined;
  if (!trigger || trigger.type !== scheduleRecurrence.type) return null;
  const params = scheduleParamsOf(trigger.params);
  return params ? repeatOpts(repeatSpecOf(params, { minuteMs: scheduleMinuteMs() })) : null;
}

function sameRepeat(current: { pattern?: string | null; tz?: string | null; every?: number | null } | undefined, wanted: RepeatOpts): boolean {
  if (!current) return false;
  if ('every' in wanted) return current.every === wanted.every && !current.pattern;
  return current.pattern === wanted.pattern && (current.tz ?? 'UTC') === wanted.tz && !current.every;
}

async function apply(queue: Queue, flowId: string, wanted: RepeatOpts | null): Promise<'upserted' | 'removed' | 'unchanged'> {
  const id = scheduleSchedulerId(flowId);
  const current = await queue.getJobScheduler(id);
  if (wanted === null) {
    if (!current) return 'unchanged';
    await queue.removeJobScheduler(id);
    return 'removed';
  }
  if (sameRepeat(current, wanted)) return 'unchanged';
  const data: ScheduleTickJobData = { flowId };
  await queue.upsertJobScheduler(id, wanted, { name: JOBS.scheduleTick, data, opts: TICK_JOB_OPTIONS });
  return 'upserted';
}

/** Brings one flow's scheduler in line with Postgres (after publish, enable, disable, delete). */
export async function syncFlowSchedule(queue: Queue, flowId: string): Promise<'upserted' | 'removed' | 'unchanged'> {
  return apply(queue, flowId, await wantedSchedule(flowId));
}

/** Every schedule flow's scheduler, and removal of schedulers whose flow is gone or off. */
export async function syncScheduleSchedulers(queue: Queue): Promise<string[]> {
  const flows = await db().flow.findMany({
    where: { enabled: true, triggerType: scheduleRecurrence.type, publishedVersionId: { not: null } },
    select: { id: true, publishedVersionId: true },
  });
  const versions = await db().flowVersion.findMany({ where: { id: { in: flows.map((f) => f.publishedVersionId as string) } }, select: { id: true, graph: true } });
  const graphs = new Map(versions.map((v) => [v.id, v.graph]));
  const wanted = new Set<string>();
  for (const f of flows) {
    const opts = repeatOptsOfGraph(graphs.get(f.publishedVersionId as string));
    if (opts === null) continue;
    wanted.add(scheduleSchedulerId(f.id));
    await apply(queue, f.id, opts);
  }
  for (const s of await queue.getJobSchedulers()) {
    if (s.key?.startsWith(PREFIX) && !wanted.has(s.key)) await queue.removeJobScheduler(s.key);
  }
  return [...wanted];
}

/** The tick time of a scheduler job: its id is `repeat:<schedulerId>:<millis>` (BullMQ 6). */
export function tickTimeOf(jobId: string | undefined, prevMillis?: number): Date | null {
  const millis = Number(jobId?.split(':').pop());
  if (Number.isSafeInteger(millis) && millis > 0) return new Date(millis);
  return typeof prevMillis === 'number' && prevMillis > 0 ? new Date(prevMillis) : null;
}
