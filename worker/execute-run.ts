// Executes one run: loads the pinned version (checked once per process, it is immutable), replays
// nothing already recorded as succeeded, batches step writes, and commits the final status with
// the last steps in one transaction. Retryable failures throw so BullMQ retries with backoff.
import type { Job } from 'bullmq';
import { db, Prisma } from '@/server/db/client';
import { executeRun, stepKey } from '@/core/execution/execute';
import type { StepRecord } from '@/core/execution/types';
import { StepRecorder } from './step-recorder';
import { createInvoker } from './actions';
import { isInvalid, pinnedGraph } from './pinned-graphs';

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

export interface ExecuteRunJobData {
  runId: string;
}

export async function processRunJob(job: Job<ExecuteRunJobData>): Promise<string> {
  const { runId } = job.data;
  const maxAttempts = job.opts.attempts ?? 1;
  const finalAttempt = job.attemptsMade + 1 >= maxAttempts;
  return executeRunById(runId, { finalAttempt, resumed: (job.attemptsStarted ?? 0) > 1 || job.attemptsMade > 0 });
}

export async function executeRunById(runId: string, opts: { finalAttempt: boolean; resumed: boolean }): Promise<string> {
  const run = await db().run.findUnique({
    where: { id: runId },
    select: {
      status: true, triggerData: true, flowVersionId: true, attempts: true,
      flowVersion: { select: { graph: true } },
      steps: { where: { status: 'succeeded' } },
    },
  });
  if (!run) return 'missing';
  if (TERMINAL.has(run.status)) return run.status;

  const now = new Date();
  // One write marks it running and counts the attempt; startedAt keeps the first start.
  await db().$executeRaw`UPDATE "Run" SET "status" = 'running', "attempts" = "attempts" + 1,
    "startedAt" = COALESCE("startedAt", ${now}) WHERE "id" = ${runId}::uuid`;

  const graph = pinnedGraph(run.flowVersionId, run.flowVersion.graph);
  if (isInvalid(graph)) {
    await finish(runId, new StepRecorder(db(), runId), 'failed', { code: 'FlowInvalid', message: graph.invalid });
    return 'failed';
  }

  const previous = new Map<string, StepRecord>(
    run.steps.map((s) => [
      stepKey(s.nodeId, s.iteration),
      {
        nodeId: s.nodeId, iteration: s.iteration, type: s.type, status: 'succeeded', input: s.input, output: s.output, attempt: s.attempt,
        seq: s.seq, startedAt: s.startedAt ?? now, finishedAt: s.finishedAt ?? now,
      },
    ]),
  );
  const recorder = new StepRecorder(db(), runId);
  const attempt = run.attempts + 1;
  const outcome = await executeRun({
    graph,
    trigger: run.triggerData,
    previous,
    attempt,
    finalAttempt: opts.finalAttempt,
    ports: {
      invoke: createInvoker({ runId, resumed: opts.resumed || run.attempts > 0 }),
      record: (step) => recorder.record(step),
      checkpoint: () => recorder.flush(),
      now: () => new Date(),
    },
  });

  if (outcome.status === 'retry') {
    await recorder.flush();
    await db().run.update({ where: { id: runId }, data: { error: outcome.error as unknown as Prisma.InputJsonValue } });
    throw new RetryLaterError(`${outcome.error.code}: ${outcome.error.message}`, outcome.retryAfterMs);
  }
  // A Terminate step can end the run as cancelled; its message is the run's error, as for failed.
  await finish(runId, recorder, outcome.status, outcome.status === 'succeeded' ? undefined : outcome.error);
  return outcome.status;
}

async function finish(runId: string, recorder: StepRecorder, status: 'succeeded' | 'failed' | 'cancelled', error?: unknown): Promise<void> {
  await db().$transaction(async (tx) => {
    await recorder.flush(tx);
    await tx.run.update({
      where: { id: runId },
      data: { status, finishedAt: new Date(), error: error === undefined ? Prisma.DbNull : (error as Prisma.InputJsonValue) },
    });
  });
}
