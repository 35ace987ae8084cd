// Buffers step records and writes them in one statement per checkpoint (design.md §11: no per-step
// round trip that can be batched). A step already recorded as succeeded is never overwritten.
// Statements go straight to the pg pool (fixed SQL, bound values): the ORM's per-query compile
// cost more CPU than the write itself at hundreds of runs per second.
import type pg from 'pg';
import type { Db } from '@/server/db/client';
import type { StepRecord } from '@/core/execution/types';
import { redactKnownSecrets, redactValue } from '@/server/secrets/redact';

/** Where statements go: the worker's pg pool, or (tests) a Prisma client. */
export type SqlTarget = pg.Pool | Db;

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
/** Timestamps are `timestamp(3)` in UTC: an ISO string with Z stores exactly that instant. */
const ts = (d: Date | undefined | null) => (d ? d.toISOString() : null);

/**
 * Run history never holds a secret (issue 7): inputs and errors pass the whole redactor (known
 * secret values and secret-looking names, e.g. an "X-Api-Key:" header line); outputs only the
 * known values, since later steps of a resumed run read them back and a field merely named like
 * a secret must keep its value.
 */
function redactedStep(s: StepRecord): StepRecord {
  return { ...s, input: redactValue(s.input), output: redactKnownSecrets(s.output), error: redactValue(s.error) };
}

export interface SqlStatement {
  /**
   * A prepared statement's name (pg parses and plans it once per connection, then only binds):
   * the same name must always stand for the same text.
   */
  name?: string;
  text: string;
  values: unknown[];
}

const STEP_COLUMNS = 12;
const PREPARED_MAX_ROWS = 20;

/** The upsert of a batch of steps; parameters start at `$<first>`. */
export function stepUpsertSql(runId: string, steps: StepRecord[], first = 1): SqlStatement {
  const values: unknown[] = [];
  const rows = steps.map(redactedStep).map((s, i) => {
    const p = (k: number) => `$${first + i * STEP_COLUMNS + k}`;
    values.push(runId, s.nodeId, s.iteration, s.type, s.status, json(s.input), json(s.output), json(s.error), s.attempt, s.seq, ts(s.startedAt), ts(s.finishedAt));
    return `(gen_random_uuid(), ${p(0)}::uuid, ${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}::"StepStatus", ${p(5)}::jsonb, ${p(6)}::jsonb, ${p(7)}::jsonb, ${p(8)}::int, ${p(9)}::int, ${p(10)}::timestamp, ${p(11)}::timestamp)`;
  });
  return {
    // The text depends only on the number of rows and the first parameter: one statement each,
    // for the usual small batches (a long loop's batch is parsed each time instead).
    ...(steps.length <= PREPARED_MAX_ROWS ? { name: `riposte-steps-${steps.length}-${first}` } : {}),
    text: `INSERT INTO "StepRun" ("id", "runId", "nodeId", "iteration", "type", "status", "input", "output", "error", "attempt", "seq", "startedAt", "finishedAt")
    VALUES ${rows.join(', ')}
    ON CONFLICT ("runId", "nodeId", "iteration") DO UPDATE SET
      "status" = EXCLUDED."status", "input" = EXCLUDED."input", "output" = EXCLUDED."output", "error" = EXCLUDED."error",
      "attempt" = EXCLUDED."attempt", "seq" = EXCLUDED."seq", "startedAt" = EXCLUDED."startedAt", "finishedAt" = EXCLUDED."finishedAt"
    WHERE "StepRun"."status" <> 'succeeded'`,
    values,
  };
}

/** Runs a statement on the target; resolves to the number of rows it affected. */
export async function execute(target: SqlTarget, statement: SqlStatement): Promise<number> {
  if ('$executeRawUnsafe' in target) return target.$executeRawUnsafe(statement.text, ...statement.values);
  return (await target.query(statement.name === undefined ? { text: statement.text, values: statement.values } : { name: statement.name, text: statement.text, values: statement.values })).rowCount ?? 0;
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
  /** A side effect succeeded: its record must be durable before the next action starts. */
  private barrier = false;

  constructor(
    private readonly target: SqlTarget,
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

  /**
   * The executor's checkpoint after a side effect: what is recorded must be durable before any
   * further action runs (`beforeAction`) and before the run's end is written (`finish`, which
   * writes it in the same statement). Steps that only compute (conditions, variables, skips) may
   * be recorded in between: they touch nothing outside.
   */
  checkpoint(): void {
    this.barrier = true;
  }

  /** Called before every action: writes what a checkpoint asked to be durable. */
  async beforeAction(): Promise<void> {
    if (this.barrier) await this.flush();
  }

  /** Writes what is buffered. */
  async flush(): Promise<void> {
    await this.enqueue((batch) => (batch.length === 0 ? null : stepUpsertSql(this.runId, batch)));
  }

  /**
   * Writes what is buffered and the statement `then` builds (parameters from `$<first>`) as ONE
   * statement: the steps in a data-modifying CTE, so the last steps and the run's end commit
   * together or not at all. Resolves to the rows `then` affected.
   */
  async finish(then: (first: number) => SqlStatement): Promise<number> {
    let affected = 0;
    await this.enqueue((batch) => {
      if (batch.length === 0) return then(1);
      const steps = stepUpsertSql(this.runId, batch);
      const last = then(steps.values.length + 1);
      return {
        ...(steps.name !== undefined && last.name !== undefined ? { name: `${steps.name}+${last.name}` } : {}),
        text: `WITH "steps" AS (${steps.text}) ${last.text}`,
        values: [...steps.values, ...last.values],
      };
    }, (n) => {
      affected = n;
    });
    return affected;
  }

  private async enqueue(build: (batch: StepRecord[]) => SqlStatement | null, done?: (affected: number) => void): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const write = this.writing.then(() => this.write(build, done));
    this.writing = write.catch(() => undefined);
    await write;
  }

  private async write(build: (batch: StepRecord[]) => SqlStatement | null, done?: (affected: number) => void): Promise<void> {
    const batch = this.pending;
    const statement = build(batch);
    if (statement === null) return;
    this.pending = [];
    // Records (and checkpoints) made while this write is under way belong to the next one.
    const barrier = this.barrier;
    this.barrier = false;
    try {
      // Not `done?.(await …)`: optional chaining would skip the write when there is no callback.
      const affected = await execute(this.target, statement);
      done?.(affected);
    } catch (e) {
      this.pending = batch.concat(this.pending);
      this.barrier ||= barrier;
      throw e;
    }
    if (batch.length > 0) this.opts.onFlushed?.();
  }

  get size(): number {
    return this.pending.length;
  }
}
