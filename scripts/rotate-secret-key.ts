// `npm run secrets:rotate`: re-encrypts every sealed secret under RIPOSTE_SECRET_KEY (steps in
// docs/secrets.md). Reads .env.local like the other scripts, but variables already set in the
// environment win, so an operator can run it with the new keys exported. Exits 1 naming the rows
// it could not open (they are left untouched), 0 when everything is under the current key.
import { existsSync } from 'node:fs';
import path from 'node:path';

const envFile = path.resolve(import.meta.dirname, '..', '.env.local');
if (existsSync(envFile)) process.loadEnvFile(envFile);

const { db } = await import('@/server/db/client');
const { rotateSecrets, formatRotationReport } = await import('@/server/crypto/rotate');
const { audit } = await import('@/server/services/audit');

const batchArg = process.argv.find((a) => a.startsWith('--batch-size='));
const batchSize = batchArg ? Number(batchArg.split('=')[1]) : undefined;
if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1)) {
  console.error('--batch-size must be a positive whole number');
  process.exit(2);
}

let code = 0;
try {
  const report = await rotateSecrets(db(), {
    ...(batchSize !== undefined ? { batchSize } : {}),
    onBatch: (b) => console.log(`  ${b.table}.${b.column}: batch of ${b.rows}, ${b.reencrypted} re-encrypted`),
  });
  console.log(formatRotationReport(report));
  await audit(null, 'secrets.rotate', { type: 'system' }, { keyId: report.keyId, previousKeyIds: report.previousKeyIds, ...report.totals, failedRows: report.failures.map((f) => `${f.table}.${f.column}:${f.id}`) });
  code = report.totals.failed > 0 ? 1 : 0;
} catch (e) {
  console.error(`Rotation stopped: ${(e as Error).message}`);
  code = 1;
} finally {
  await db().$disconnect();
}
process.exit(code);
