// Run retention (issue 6): runs older than RIPOSTE_RUN_RETENTION_DAYS are deleted in the
// background, in small batches with pauses between them, so no statement holds locks for long
// and the worker's maintenance tick stays short. Only finished runs are ever deleted: a queued,
// running or waiting run is kept however old it is. Steps and approvals go with their run
// (ON DELETE CASCADE); resubmits only keep the original's id (lineage, not a foreign key).
import { db } from '../db/client';

export const TERMINAL_RUN_STATUSES = ['succeeded', 'failed', 'cancelled', 'timed_out'] as const;

export interface PruneOptions {
  retentionDays: number;
  now?: Date;
  /** Runs per DELETE (their steps go in the same statement). */
  batchSize?: number;
  /** Batches per call; a backlog is worked off over successive maintenance ticks. */
  maxBatches?: number;
  /** Pause between batches, so other queries get the table in between. */
  pauseMs?: number;
  /** Asked before each batch after the first: false stops (the maintenance tick lost its lease). */
  mayContinue?: () => boolean;
}

export interface PruneResult {
  deleted: number;
  batches: number;
  /** Runs each batch deleted (each at most batchSize). */
  perBatch: number[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function pruneOldRuns(opts: PruneOptions): Promise<PruneResult> {
  const result: PruneResult = { deleted: 0, batches: 0, perBatch: [] };
  // 0 keeps runs forever.
  if (opts.retentionDays <= 0) return result;
  const batchSize = opts.batchSize ?? 1000;
  const maxBatches = opts.maxBatches ?? 3;
  const cutoff = new Date((opts.now ?? new Date()).getTime() - opts.retentionDays * 86_400_000);
  for (let i = 0; i < maxBatches; i++) {
    if (i > 0) await sleep(opts.pauseMs ?? 100);
    if (i > 0 && opts.mayContinue?.() === false) break;
    // Oldest first along the createdAt index; SKIP LOCKED leaves a run someone is updating for
    // a later batch instead of waiting for it.
    const deleted = await db().$executeRaw`
      DELETE FROM "Run" WHERE "id" IN (
        SELECT "id" FROM "Run"
        WHERE "createdAt" < ${cutoff} AND "status"::text = ANY(${[...TERMINAL_RUN_STATUSES]}::text[])
        ORDER BY "createdAt" LIMIT ${batchSize}
        FOR UPDATE SKIP LOCKED)`;
    result.batches++;
    result.perBatch.push(deleted);
    result.deleted += deleted;
    if (deleted < batchSize) break;
  }
  return result;
}
