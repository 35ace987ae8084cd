// Buffers step records and writes them in one statement per checkpoint (design.md §11: no per-step
// round trip that can be batched). A step already recorded as succeeded is never overwritten.
import { Prisma, type Db } from '@/server/db/client';
import type { StepRecord } from '@/core/execution/types';

type Tx = Prisma.TransactionClient | Db;

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

export function stepUpsertSql(runId: string, steps: StepRecord[]): Prisma.Sql {
  const rows = steps.map(
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

export class StepRecorder {
  private pending: StepRecord[] = [];

  constructor(
    private readonly db: Db,
    private readonly runId: string,
  ) {}

  record(step: StepRecord): void {
    this.pending.push(step);
  }

  /** Writes what is buffered (inside `tx` when given, so it commits with the run's final status). */
  async flush(tx: Tx = this.db): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    try {
      await tx.$executeRaw(stepUpsertSql(this.runId, batch));
    } catch (e) {
      this.pending = batch.concat(this.pending);
      throw e;
    }
  }

  get size(): number {
    return this.pending.length;
  }
}
