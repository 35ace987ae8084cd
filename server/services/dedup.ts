// Deduplicate steps (issue 4): claim a key for a flow for a time window. Claiming is one
// statement, so concurrent runs with the same key cannot both win; the run that holds a key
// claims it again on a retry or resume, so a crash between claiming and recording the step is
// not mistaken for a duplicate.
import { createHash } from 'node:crypto';
import { db } from '../db/client';

export interface DedupOutcome {
  duplicate: boolean;
  key: string;
  firstRunId: string;
  expiresAt: string;
}

const hashOf = (key: string) => createHash('sha256').update(key).digest('hex');

export async function claimDedupKey(input: { flowId: string; runId: string; key: string; windowMinutes: number }, now = new Date()): Promise<DedupOutcome> {
  const expiresAt = new Date(now.getTime() + input.windowMinutes * 60_000);
  const keyHash = hashOf(input.key);
  const claimed = await db().$queryRaw<{ runId: string; expiresAt: Date }[]>`
    INSERT INTO "DedupKey" ("flowId", "keyHash", "keyText", "runId", "createdAt", "expiresAt")
    VALUES (${input.flowId}::uuid, ${keyHash}, ${input.key.slice(0, 500)}, ${input.runId}::uuid, ${now}, ${expiresAt})
    ON CONFLICT ("flowId", "keyHash") DO UPDATE SET "runId" = EXCLUDED."runId", "createdAt" = EXCLUDED."createdAt", "expiresAt" = EXCLUDED."expiresAt"
      WHERE "DedupKey"."expiresAt" <= ${now} OR "DedupKey"."runId" = EXCLUDED."runId"
    RETURNING "runId", "expiresAt"`;
  if (claimed[0]) return { duplicate: false, key: input.key, firstRunId: input.runId, expiresAt: claimed[0].expiresAt.toISOString() };
  const held = await db().dedupKey.findUnique({ where: { flowId_keyHash: { flowId: input.flowId, keyHash } }, select: { runId: true, expiresAt: true } });
  return { duplicate: true, key: input.key, firstRunId: held?.runId ?? '', expiresAt: (held?.expiresAt ?? expiresAt).toISOString() };
}

/** Maintenance: drop expired keys in small batches (no long locks on a busy table). */
export async function pruneDedupKeys(now = new Date(), batch = 1000): Promise<number> {
  return db().$executeRaw`
    DELETE FROM "DedupKey" WHERE ("flowId", "keyHash") IN (
      SELECT "flowId", "keyHash" FROM "DedupKey" WHERE "expiresAt" <= ${now} LIMIT ${batch})`;
}
