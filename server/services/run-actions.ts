// What a person can do to a run (issue 4, Reliability): cancel it, resubmit it (from its trigger,
// on its own version or on the latest published one), retry it from the failed step, and
// resubmit many at once. Each writes Postgres first, audits, and only then signals the workers.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { db, Prisma } from '../db/client';
import type { Principal } from '../auth/roles';
import { signalRunCancelled, signalRunsQueued } from '../queue/run-signals';
import { audit } from './audit';
import { cancelApprovalsOfRun } from './approvals';
import { parseSummary, summaryColumns } from './run-summary';
import { fromZodIssues, notFound, ServiceError } from './errors';

const ACTIVE_STATUSES = ['queued', 'running', 'waiting'] as const;
/** Runs a retry-from-failure makes sense for: something went wrong or it was stopped. */
const RETRYABLE_STATUSES = new Set(['failed', 'timed_out', 'cancelled']);
const MAX_BULK = 500;

export const ZResubmitBody = z.object({
  /** `same`: the version the run was pinned to (reproduces it); `latest`: the flow's current published version. */
  version: z.enum(['same', 'latest']).default('same'),
});

export const ZBulkResubmitBody = ZResubmitBody.extend({
  runIds: z.array(z.uuid()).min(1, 'Choose at least one run').max(MAX_BULK, `At most ${MAX_BULK} runs at once`),
});

const conflict = (code: string, message: string) => new ServiceError(409, code, message);

function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  return parsed.data;
}

function assertRunId(id: string): void {
  if (!z.uuid().safeParse(id).success) throw notFound(`Run ${id}`);
}

export async function cancelRun(actor: Principal, runId: string): Promise<{ id: string; status: 'cancelled' }> {
  assertRunId(runId);
  const error = { code: 'Cancelled', message: `Cancelled by ${actor.email}` };
  // Conditional on the status, so a run finishing at this very moment keeps its real outcome.
  const updated = await db().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "Run" SET "status" = 'cancelled', "finishedAt" = now(), "error" = ${JSON.stringify(error)}::jsonb
      WHERE "id" = ${runId}::uuid AND "status"::text = ANY(${[...ACTIVE_STATUSES]}::text[]) RETURNING "id"`;
    if (rows.length > 0) {
      // Its open approval requests close too, so their links stop working.
      await cancelApprovalsOfRun(runId, tx);
      await audit(actor, 'run.cancel', { type: 'run', id: runId }, undefined, tx);
    }
    return rows.length > 0;
  });
  if (!updated) {
    const run = await db().run.findUnique({ where: { id: runId }, select: { status: true } });
    if (!run) throw notFound(`Run ${runId}`);
    throw conflict('RunFinished', `This run has already finished (${run.status}); only queued, running or waiting runs can be cancelled.`);
  }
  await signalRunCancelled(runId);
  return { id: runId, status: 'cancelled' };
}

interface SourceRun {
  id: string;
  flowId: string;
  flowVersionId: string;
  status: string;
  triggerKind: string;
  triggerData: Prisma.JsonValue;
  summary: Prisma.JsonValue;
  flow: { publishedVersionId: string | null; name: string };
}

const sourceSelect = {
  id: true, flowId: true, flowVersionId: true, status: true, triggerKind: true, triggerData: true, summary: true,
  flow: { select: { publishedVersionId: true, name: true } },
} satisfies Prisma.RunSelect;

function versionFor(run: SourceRun, version: 'same' | 'latest'): string {
  if (version === 'same') return run.flowVersionId;
  if (run.flow.publishedVersionId === null) {
    throw new ServiceError(422, 'NotPublished', `"${run.flow.name}" has no published version to run; publish it first.`);
  }
  return run.flow.publishedVersionId;
}

/** The new run: same trigger data and summary; no alertId, since one alert's run already exists. */
function newRunRow(run: SourceRun, flowVersionId: string, actor: Principal): Prisma.RunCreateManyInput {
  return {
    id: randomUUID(),
    flowId: run.flowId,
    flowVersionId,
    status: 'queued',
    triggerKind: run.triggerKind,
    triggerData: run.triggerData ?? Prisma.JsonNull,
    ...summaryColumns(parseSummary(run.summary)),
    resubmittedFromId: run.id,
    startedById: actor.userId,
  };
}

export async function resubmitRun(actor: Principal, runId: string, body: unknown): Promise<{ id: string; resubmittedFromId: string }> {
  assertRunId(runId);
  const { version } = parse(ZResubmitBody, body);
  const run = await db().run.findUnique({ where: { id: runId }, select: sourceSelect });
  if (!run) throw notFound(`Run ${runId}`);
  const row = newRunRow(run, versionFor(run, version), actor);
  await db().$transaction(async (tx) => {
    await tx.run.create({ data: row as Prisma.RunUncheckedCreateInput });
    await audit(actor, 'run.resubmit', { type: 'run', id: runId }, { newRunId: row.id as string, version }, tx);
  });
  await signalRunsQueued([row.id as string]);
  return { id: row.id as string, resubmittedFromId: runId };
}

/**
 * Retry from the failed step: a new run on the same version that starts with the original's
 * succeeded steps already recorded, so the executor skips them (they are never executed twice)
 * and begins at the step that failed, with the same outputs available as tokens.
 */
export async function retryRunFromFailure(actor: Principal, runId: string): Promise<{ id: string; resubmittedFromId: string; reusedSteps: number }> {
  assertRunId(runId);
  const run = await db().run.findUnique({ where: { id: runId }, select: sourceSelect });
  if (!run) throw notFound(`Run ${runId}`);
  if (!RETRYABLE_STATUSES.has(run.status)) {
    throw conflict('NotRetryable', `Only a failed, timed-out or cancelled run can be retried from its failed step; this one is ${run.status}.`);
  }
  const row = newRunRow(run, run.flowVersionId, actor);
  const newId = row.id as string;
  const reused = await db().$transaction(async (tx) => {
    await tx.run.create({ data: row as Prisma.RunUncheckedCreateInput });
    // Every column but the ids, iteration included: a for-each body step is one row per item,
    // and without its item key the items done would collide (or, alone, run a second time).
    const copied = await tx.$executeRaw`
      INSERT INTO "StepRun" ("id", "runId", "nodeId", "iteration", "type", "status", "input", "output", "error", "attempt", "seq", "startedAt", "finishedAt")
      SELECT gen_random_uuid(), ${newId}::uuid, "nodeId", "iteration", "type", "status", "input", "output", "error", "attempt", "seq", "startedAt", "finishedAt"
      FROM "StepRun" WHERE "runId" = ${runId}::uuid AND "status" = 'succeeded'`;
    await audit(actor, 'run.retry', { type: 'run', id: runId }, { newRunId: newId, reusedSteps: copied }, tx);
    return copied;
  });
  await signalRunsQueued([newId]);
  return { id: newId, resubmittedFromId: runId, reusedSteps: reused };
}

export interface BulkResubmitResult {
  created: { id: string; resubmittedFromId: string }[];
  skipped: { runId: string; reason: string }[];
}

export async function bulkResubmitRuns(actor: Principal, body: unknown): Promise<BulkResubmitResult> {
  const { runIds, version } = parse(ZBulkResubmitBody, body);
  const unique = [...new Set(runIds)];
  const runs = await db().run.findMany({ where: { id: { in: unique } }, select: sourceSelect });
  const byId = new Map(runs.map((r) => [r.id, r]));
  const rows: Prisma.RunCreateManyInput[] = [];
  const result: BulkResubmitResult = { created: [], skipped: [] };
  for (const id of unique) {
    const run = byId.get(id);
    if (!run) {
      result.skipped.push({ runId: id, reason: 'not found' });
      continue;
    }
    try {
      const row = newRunRow(run, versionFor(run, version), actor);
      rows.push(row);
      result.created.push({ id: row.id as string, resubmittedFromId: id });
    } catch (e) {
      result.skipped.push({ runId: id, reason: (e as Error).message });
    }
  }
  if (rows.length > 0) {
    await db().$transaction(async (tx) => {
      await tx.run.createMany({ data: rows });
      await audit(actor, 'run.resubmit.bulk', { type: 'run' }, { version, created: result.created.length, skipped: result.skipped.length }, tx);
    });
    await signalRunsQueued(result.created.map((c) => c.id));
  }
  return result;
}

export const ZBulkCancelBody = z.object({
  runIds: z.array(z.uuid()).min(1, 'Choose at least one run').max(MAX_BULK, `At most ${MAX_BULK} runs at once`),
});

export interface BulkCancelResult {
  cancelled: string[];
  skipped: { runId: string; reason: string }[];
}

/** Cancels the selected runs that are still queued, running or waiting; says why it skipped the rest. */
export async function bulkCancelRuns(actor: Principal, body: unknown): Promise<BulkCancelResult> {
  const { runIds } = parse(ZBulkCancelBody, body);
  const unique = [...new Set(runIds)];
  const error = { code: 'Cancelled', message: `Cancelled by ${actor.email}` };
  const cancelled = await db().$transaction(async (tx) => {
    // One conditional UPDATE, like a single cancel: a run finishing now keeps its real outcome.
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "Run" SET "status" = 'cancelled', "finishedAt" = now(), "error" = ${JSON.stringify(error)}::jsonb
      WHERE "id" = ANY(${unique}::uuid[]) AND "status"::text = ANY(${[...ACTIVE_STATUSES]}::text[]) RETURNING "id"`;
    const ids = rows.map((r) => r.id);
    if (ids.length > 0) {
      await tx.approval.updateMany({ where: { runId: { in: ids }, status: 'pending' }, data: { status: 'cancelled', decidedAt: new Date(), decidedBy: 'run cancelled' } });
      await audit(actor, 'run.cancel.bulk', { type: 'run' }, { runIds: ids }, tx);
    }
    return ids;
  });
  const done = new Set(cancelled);
  const rest = unique.filter((id) => !done.has(id));
  const found = rest.length > 0 ? await db().run.findMany({ where: { id: { in: rest } }, select: { id: true, status: true } }) : [];
  const statusOf = new Map(found.map((r) => [r.id, r.status]));
  const skipped = rest.map((runId) => {
    const status = statusOf.get(runId);
    return { runId, reason: status ? `already ${status.replace('_', ' ')}` : 'not found' };
  });
  for (const id of cancelled) await signalRunCancelled(id);
  return { cancelled, skipped };
}
