// The worker's fixed per-run statements, sent straight to the pg pool (see step-recorder.ts for
// why not through the ORM). Timestamps are `timestamp(3)` holding UTC: read back with
// AT TIME ZONE 'UTC' (a real instant), written as ISO strings with Z.
import type pg from 'pg';
import type { SqlStatement } from './step-recorder';

export interface LoadedStep {
  nodeId: string;
  iteration: string;
  type: string;
  status: 'succeeded' | 'waiting' | 'running';
  input: unknown;
  output: unknown;
  attempt: number;
  seq: number;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface LoadedRun {
  status: string;
  flowId: string;
  flowVersionId: string;
  triggerData: unknown;
  attempts: number;
  createdAt: Date;
  deadlineAt: Date | null;
  /** Succeeded steps are never redone; waiting ones (approval, delay) resume where they paused. A
   * `running` row is a try that failed and waits for its retry: its count drives the policy. */
  steps: LoadedStep[];
}

type StepRow = Omit<LoadedStep, 'startedAt' | 'finishedAt'> & { startedAt: string | null; finishedAt: string | null };

/** The run and the steps it may reuse, in one round trip. */
export async function loadRun(pool: pg.Pool, runId: string): Promise<LoadedRun | null> {
  const { rows } = await pool.query<Omit<LoadedRun, 'steps'> & { steps: StepRow[] | null }>({
    name: 'riposte-load-run',
    text: `SELECT r."status"::text AS "status", r."flowId", r."flowVersionId", r."triggerData", r."attempts",
       r."createdAt" AT TIME ZONE 'UTC' AS "createdAt", r."deadlineAt" AT TIME ZONE 'UTC' AS "deadlineAt",
       (SELECT json_agg(json_build_object('nodeId', s."nodeId", 'iteration', s."iteration", 'type', s."type", 'status', s."status",
          'input', s."input", 'output', s."output", 'attempt', s."attempt", 'seq', s."seq",
          'startedAt', s."startedAt" AT TIME ZONE 'UTC', 'finishedAt', s."finishedAt" AT TIME ZONE 'UTC'))
        FROM "StepRun" s WHERE s."runId" = r."id" AND s."status" IN ('succeeded', 'waiting', 'running')) AS "steps"
     FROM "Run" r WHERE r."id" = $1::uuid`,
    values: [runId],
  });
  const row = rows[0];
  if (!row) return null;
  const date = (v: string | null) => (v === null ? null : new Date(v));
  return { ...row, steps: (row.steps ?? []).map((s) => ({ ...s, startedAt: date(s.startedAt), finishedAt: date(s.finishedAt) })) };
}

/**
 * Marks the run running and counts the attempt; startedAt keeps the first start. Conditional, so
 * a run cancelled since it was loaded stays cancelled. Resolves to the rows changed (0 or 1).
 */
export async function markRunning(pool: pg.Pool, runId: string, now: Date, deadline: Date): Promise<number> {
  const r = await pool.query({
    name: 'riposte-mark-running',
    text: `UPDATE "Run" SET "status" = 'running', "attempts" = "attempts" + 1,
       "startedAt" = COALESCE("startedAt", $2::timestamp), "deadlineAt" = COALESCE("deadlineAt", $3::timestamp)
     WHERE "id" = $1::uuid AND "status" IN ('queued', 'running', 'waiting')`,
    values: [runId, now.toISOString(), deadline.toISOString()],
  });
  return r.rowCount ?? 0;
}

/** The run's end, unless it ended already (a cancel wins); parameters from `$<first>`. */
export function runEndSql(runId: string, status: 'succeeded' | 'failed' | 'cancelled' | 'timed_out', at: Date, error: unknown, first: number): SqlStatement {
  const p = (k: number) => `$${first + k}`;
  return {
    name: `riposte-run-end-${first}`,
    text: `UPDATE "Run" SET "status" = ${p(0)}::"RunStatus", "finishedAt" = ${p(1)}::timestamp, "error" = ${p(2)}::jsonb
      WHERE "id" = ${p(3)}::uuid AND "status" IN ('queued', 'running', 'waiting')`,
    values: [status, at.toISOString(), error === null || error === undefined ? null : JSON.stringify(error), runId],
  };
}
