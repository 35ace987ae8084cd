// Buffers step records and writes them in one statement per checkpoint (design.md §11: no per-step
// round trip that can be batched). A step already recorded as succeeded is never overwritten.
import { Prisma, type Db } from '@/server/db/client';
import type { StepRecord } from '@/core/execution/types';
import { redactKnownSecrets, redactValue } from '@/server/secrets/redact';

type Tx = Prisma.TransactionClient | Db;

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

/**
 * Run history never holds a secret (issue 7): inputs and errors pass the whole redactor (known
 * secret values and secret-looking names, e.g. an "X-Api-Key:" header line); outputs only the
 * known values, since later steps of a resumed run read them back and a field merely named like
 * a secret must keep its value.
 */
function redactedStep(s: StepRecord): StepRecord {
  return { ...s, input: redactValue(s.input), output: redactKnownSecrets(s.output), error: redactValue(s.error) };
}

export function stepUpsertSql(runId: string, steps: StepRecord[]): Prisma.Sql {
  const rows = steps.map(redactedStep).map(
    (s) => Prisma.sql`(gen_random_uuid(), ${runId}::uuid, ${s.nodeId}, ${s.iteration}, ${s.type}, ${s.status}::"StepStatus",
      ${json(s.input)}::jsonb, ${json(s.output)}::jsonb, ${json(s.error)}::jsonb, ${s.attempt}, ${s.seq},
      ${s.startedAt}, ${s.finishedAt})`,
  );
  return Prisma.sql`INSERT INTO "StepRun" ("id", "runId", "nodeId", "iteration", "type", "status", "input", "output", "error", "attempt", "seq", "startedAt", "finishedAt")
    VALUES ${Prisma.join(rows)}
    ON CONFLICT ("runId", "nodeId", "iteration") DO UPDATE SET
      "status" = EXCLUDED."status", "input" = EXCLUDED."input", "output" = EXCLUDED."output", "error" = EXCLUDED."error",
      "attempt" = EXCLUDED."attempt", "seq" = EXCLUDED."seq", "startedAt" = EXCLUDED."startedAt", "finishedAt" = EXCLUDED."finishedAt"
    WHERE "StepRun"."status" <> 'succeeded'`;
}

export interface StepRecorderOptions {
  /**
   * Also write what is buffered this long after the first unwritten record, so live views see
   * steps finish (one statement per burst of steps, not one per step). Off when undefined.
   */
  autoFlushMs?: number;
  /** Called after each write that stored rows (the worker announces it to live views). */
  onFlushed?: () => void;
}

export class StepRecorder {
  private pending: StepRecord[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The write in progress: writes are serialised so rows land in record order. */
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly runId: string,
    private readonly opts: StepRecorderOptions = {},
  ) {}

  record(step: StepRecord): void {
    this.pending.push(step);
    if (this.opts.autoFlushMs !== undefined && this.timer === null) {
      this.timer = setTimeout(() => {
        this.timer = null;
        // A failed background write keeps its rows buffered for the next flush, which reports it.
        this.flush().catch(() => undefined);
      }, this.opts.autoFlushMs);
      this.timer.unref?.();
    }
  }

  /** Writes what is buffered (inside `tx` when given, so it commits with the run's final status). */
  async flush(tx: Tx = this.db): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const previous = this.writing;
    const write = previous.then(() => this.write(tx));
    this.writing = write.catch(() => undefined);
    await write;
  }

  private async write(tx: Tx): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    try {
      await tx.$executeRaw(stepUpsertSql(this.runId, batch));
    } catch (e) {
      this.pending = batch.concat(this.pending);
      throw e;
    }
    this.opts.onFlushed?.();
  }

  get size(): number {
    return this.pending.length;
  }
}
