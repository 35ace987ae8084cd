// A run's "version": a short string that changes whenever the worker writes the run or one of its
// steps (every step write sets finishedAt; a retry bumps attempts). Live views compare it to
// decide whether to re-render, so a quiet run costs one tiny indexed query per check.
import { z } from 'zod';
import { db } from '../db/client';

interface VersionParts {
  status: string;
  attempts: number;
  finishedAt: Date | null;
  stepCount: number;
  lastStepAt: Date | null;
}

export function runVersionOf(p: VersionParts): string {
  return [p.status, p.attempts, p.finishedAt?.getTime() ?? 0, p.stepCount, p.lastStepAt?.getTime() ?? 0].join('.');
}

export interface RunVersion {
  status: string;
  version: string;
}

/** The run's version, or null when it does not exist. Reads StepRun through its runId index. */
export async function getRunVersion(runId: string): Promise<RunVersion | null> {
  if (!z.string().uuid().safeParse(runId).success) return null;
  const rows = await db().$queryRaw<{ status: string; attempts: number; finishedAt: Date | null; stepCount: bigint; lastStepAt: Date | null }[]>`
    SELECT r."status"::text AS "status", r."attempts", r."finishedAt", s."stepCount", s."lastStepAt"
    FROM "Run" r
    CROSS JOIN LATERAL (SELECT count(*) AS "stepCount", max("finishedAt") AS "lastStepAt" FROM "StepRun" WHERE "runId" = r."id") s
    WHERE r."id" = ${runId}::uuid`;
  const row = rows[0];
  if (row === undefined) return null;
  return { status: row.status, version: runVersionOf({ ...row, stepCount: Number(row.stepCount) }) };
}
