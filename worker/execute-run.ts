// Executes one run: loads the pinned version (checked once per process, it is immutable), replays
// nothing already recorded as succeeded, batches step writes, and commits the final status with
// the last steps in one transaction. Retryable failures throw so BullMQ retries with backoff.
import { DelayedError, type Job } from 'bullmq';
import { db, pgPool, Prisma } from '@/server/db/client';
import { executeRun, stepKey } from '@/core/execution/execute';
import type { StepRecord } from '@/core/execution/types';
import { StepRecorder } from './step-recorder';
import { loadRun, markRunning, runEndSql, type LoadedRun } from './run-sql';
import { createInvoker } from './actions';
import { cachedPinnedGraph, isInvalid, pinnedGraph } from './pinned-graphs';
import { deferJob, mayWaitFreely } from './defer-run';
import { settleDecidedApprovals } from '@/server/services/approvals';
import { runTimeoutMsOf } from '@/core/flow/step-settings';
import { triggerSettingsOf } from '@/core/execution/trigger';
import type { FlowSlots } from '@/server/queue/flow-slots';
import { notifyRunFailure } from '@/server/notifications/failure-notify';
import type { RunEvent } from '@/server/queue/run-events';
import { redactText, redactValue } from '@/server/secrets/redact';
import { logFor } from '@/server/log/logger';

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled', 'timed_out']);

export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'RetryLaterError';
  }
}

/** The run paused at a Delay step: the job sleeps until `resumeAt` (no worker held, no attempt used). */
export class WaitUntilError extends Error {
  constructor(readonly resumeAt: Date) {
    super(`Waiting until ${resumeAt.toISOString()}`);
    this.name = 'WaitUntilError';
  }
}

/** The flow's concurrency limit is reached: the job waits its turn (no attempt used). */
export class FlowBusyError extends Error {
  constructor(flowId: string, limit: number) {
    super(`Flow ${flowId} already runs ${limit} run(s) at once; waiting for a free slot`);
    this.name = 'FlowBusyError';
  }
}

export interface ExecuteRunJobData {
  runId: string;
  /** Starts of this job that ended in a clean wait (defer-run.ts), so they are not "resumed". */
  cleanStarts?: number;
}

export interface RunJobOptions {
  finalAttempt: boolean;
  resumed: boolean;
  /** The worker will delay the job for a Retry-After or rate-limit wait instead of failing it. */
  honourRetryAfter?: boolean;
  /** Whether the run was cancelled since it started (the worker hears it by pub/sub). */
  isCancelled?: (runId: string) => boolean;
  /** Per-flow concurrency slots (flows whose trigger sets a limit). */
  slots?: FlowSlots;
  /** Announces status changes and step writes to live views (server/queue/run-events.ts). */
  announce?: (event: RunEvent) => void;
}

/** Buffered steps are written at most this long after they finish, so live views follow along. */
export const LIVE_STEP_FLUSH_MS = 250;

export function createRunJobProcessor(isCancelled?: (runId: string) => boolean, slots?: FlowSlots, announce?: (event: RunEvent) => void) {
  return async (job: Job<ExecuteRunJobData>, token?: string): Promise<string> => {
    const { runId } = job.data;
    const maxAttempts = job.opts.attempts ?? 1;
    const finalAttempt = job.attemptsMade + 1 >= maxAttempts;
    const honourRetryAfter = token !== undefined && mayWaitFreely(job.timestamp, Date.now());
    try {
      const resumed = (job.attemptsStarted ?? 0) > (job.data.cleanStarts ?? 0) + 1 || job.attemptsMade > 0;
      return await executeRunById(runId, { finalAttempt, honourRetryAfter, resumed, isCancelled, slots, announce });
    } catch (err) {
      // The flow is at its concurrency limit: try again in a second or two, without an attempt.
      if (token && err instanceof FlowBusyError) {
        await deferJob(job, token, 1000);
        throw new DelayedError(err.message);
      }
      // A Delay step: sleep in Redis's delayed set until it is due (Postgres keeps the due time).
      if (token && err instanceof WaitUntilError) {
        await deferJob(job, token, Math.max(0, err.resumeAt.getTime() - Date.now()));
        throw new DelayedError(err.message);
      }
      // Told when to retry: delay the job until then instead of failing (and counting) an attempt.
      if (honourRetryAfter && token && err instanceof RetryLaterError && err.retryAfterMs !== undefined) {
        await deferJob(job, token, err.retryAfterMs);
        throw new DelayedError(err.message);
      }
      throw err;
    }
  };
}

export const processRunJob = createRunJobProcessor();

export async function executeRunById(runId: string, opts: RunJobOptions): Promise<string> {
  const run = await loadRun(pgPool(), runId);
  if (!run) return 'missing';
  if (TERMINAL.has(run.status)) return run.status;

  const now = new Date();
  const graph = await pinnedGraphOf(run.flowVersionId);
  // The run's time limit, fixed at its first start from the trigger's settings (waits included).
  const deadline = run.deadlineAt ?? new Date(run.createdAt.getTime() + runTimeoutMsOf(isInvalid(graph) ? undefined : triggerSettingsOf(graph)));
  // A flow with a concurrency limit: take a slot first, or wait for one (FlowBusyError).
  const limit = isInvalid(graph) ? undefined : triggerSettingsOf(graph)?.concurrency;
  const slot = limit !== undefined && opts.slots !== undefined ? await opts.slots.acquire(run.flowId, runId, limit) : null;
  if (limit !== undefined && opts.slots !== undefined && slot === null) throw new FlowBusyError(run.flowId, limit);
  try {
    return await executeHeld(runId, run, graph, deadline, now, opts);
  } finally {
    await slot?.release();
  }
}

/** Versions are immutable: the graph is read (and checked) once per process, not with every run. */
async function pinnedGraphOf(versionId: string): Promise<ReturnType<typeof pinnedGraph>> {
  const cached = cachedPinnedGraph(versionId);
  if (cached) return cached;
  const version = await db().flowVersion.findUniqueOrThrow({ where: { id: versionId }, select: { graph: true } });
  return pinnedGraph(versionId, version.graph);
}

async function executeHeld(runId: string, run: LoadedRun, graph: ReturnType<typeof pinnedGraph>, deadline: Date, now: Date, opts: RunJobOptions): Promise<string> {
  // One write marks it running and counts the attempt; startedAt keeps the first start. It is
  // conditional, so a run cancelled between the read above and now stays cancelled.
  const marked = await markRunning(pgPool(), runId, now, deadline);
  if (marked === 0) return 'cancelled';
  const announce = (kind: 'status' | 'steps', status?: string) => opts.announce?.({ kind, runIds: [runId], ...(status === undefined ? {} : { status }) });
  announce('status', 'running');

  if (isInvalid(graph)) {
    await finish(new StepRecorder(pgPool(), runId), runId, 'failed', { code: 'FlowInvalid', message: graph.invalid });
    announce('status', 'failed');
    await notifyFailure(runId);
    return 'failed';
  }

  const previous = new Map<string, StepRecord>(
    run.steps.map((s) => [
      stepKey(s.nodeId, s.iteration),
      {
        nodeId: s.nodeId, iteration: s.iteration, type: s.type, status: s.status === 'waiting' || s.status === 'running' ? s.status : 'succeeded', input: s.input, output: s.output, attempt: s.attempt,
        seq: s.seq, startedAt: s.startedAt ?? now, finishedAt: s.finishedAt ?? now,
      },
    ]),
  );
  const recorder = new StepRecorder(pgPool(), runId, opts.announce === undefined ? {} : { autoFlushMs: LIVE_STEP_FLUSH_MS, onFlushed: () => announce('steps') });
  const attempt = run.attempts + 1;
  const invoke = createInvoker({ runId, flowId: run.flowId, resumed: opts.resumed || run.attempts > 0 });
  const outcome = await executeRun({
    graph,
    trigger: run.triggerData,
    previous,
    attempt,
    finalAttempt: opts.finalAttempt,
    honourRetryAfter: opts.honourRetryAfter,
    deadline,
    ports: {
      // What a side effect's checkpoint made durable-to-be is written before the next action.
      invoke: async (req) => {
        await recorder.beforeAction();
        return invoke(req);
      },
      record: (step) => recorder.record(step),
      checkpoint: async () => recorder.checkpoint(),
      now: () => new Date(),
      isCancelled: () => opts.isCancelled?.(runId) === true,
    },
  });

  if (outcome.status === 'cancelled' && outcome.external === true) {
    // The status is already `cancelled` in Postgres (the canceller wrote it); keep what ran.
    await recorder.flush();
    announce('steps');
    return 'cancelled';
  }

  if (outcome.status === 'waiting') {
    // Steps first, then the status, each on its own pooled connection: no interactive
    // transaction, which would hold a connection while the recorder's background write waits
    // for another (under a burst that starves the pool). A crash between the two leaves a
    // running run whose steps are all recorded: the resume finishes it.
    await recorder.flush();
    await db().run.updateMany({ where: { id: runId, status: 'running' }, data: { status: 'waiting', error: Prisma.DbNull } });
    announce('status', 'waiting');
    // A decision that landed between asking and pausing found no waiting step: apply it now.
    await settleDecidedApprovals(runId);
    if (outcome.resumeAt !== undefined) throw new WaitUntilError(outcome.resumeAt);
    return 'waiting';
  }

  if (outcome.status === 'retry') {
    await recorder.flush();
    // A wait the worker will honour (Retry-After, rate limit) is not an attempt: the step it stopped
    // at was refused or never sent, so the next execution need not reconcile (see defer-run.ts).
    const waiting = opts.honourRetryAfter === true && outcome.retryAfterMs !== undefined;
    await db().run.update({
      where: { id: runId },
      data: { error: redactValue(outcome.error) as unknown as Prisma.InputJsonValue, ...(waiting ? { attempts: { decrement: 1 } } : {}) },
    });
    announce('status', 'running');
    // BullMQ keeps this message as the job's failed reason in Redis and the worker logs it.
    throw new RetryLaterError(redactText(`${outcome.error.code}: ${outcome.error.message}`), outcome.retryAfterMs);
  }
  // A Terminate step can end the run as cancelled; its message is the run's error, as for failed.
  await finish(recorder, runId, outcome.status, outcome.status === 'succeeded' ? undefined : outcome.error);
  announce('status', outcome.status);
  if (outcome.status === 'failed' || outcome.status === 'timed_out') await notifyFailure(runId);
  return outcome.status;
}

/**
 * Right after the end is committed, so people hear at once. It never fails the job: the run's
 * outcome is settled, and the maintenance sweep picks up a notification this did not claim.
 */
async function notifyFailure(runId: string): Promise<void> {
  await notifyRunFailure(runId).catch((err: Error) => {
    logFor({ runId }).warn({ error: err.message }, 'failure notification failed');
  });
}

async function finish(recorder: StepRecorder, runId: string, status: 'succeeded' | 'failed' | 'cancelled' | 'timed_out', error?: unknown): Promise<void> {
  // The last steps and the end in one statement (a data-modifying CTE): no interactive transaction
  // holding a connection, and no window in which the steps are written but the end is not. The
  // end is conditional: a cancel that landed while the last step ran wins over the outcome. The
  // run's error is history too: redacted like the steps' (issue 7).
  await recorder.finish((first) => runEndSql(runId, status, new Date(), error === undefined ? null : redactValue(error), first));
}
