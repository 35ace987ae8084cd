// Key rotation: re-encrypts every sealed column (sealed-columns.ts) under RIPOSTE_SECRET_KEY.
// Values sealed under a previous key (RIPOSTE_SECRET_KEY_PREVIOUS) are opened and sealed again;
// values already under the current key are only checked to open. Rows are read in batches by id
// and each batch is re-encrypted in one transaction with the rows locked, so a connection saved
// while the command runs is never overwritten with stale data. Running it twice is harmless: the
// second run finds everything under the current key. The CLI (scripts/rotate-secret-key.ts) only
// prints what this returns.
import { Prisma, type Db } from '../db/client';
import { envelopeKeyId, keyId, keyringFromEnv, openSecret, sealSecret, type Keyring } from './secrets';
import { SEALED_COLUMNS, SQL_IDENTIFIER, type SealedColumn } from './sealed-columns';

export interface RotationFailure {
  table: string;
  column: string;
  id: string;
  label: string | null;
  /** Why it cannot be opened (names key ids only, never a secret). */
  error: string;
}

export interface ColumnReport {
  table: string;
  column: string;
  /** Already sealed under the current key (and opened fine). */
  current: number;
  /** Opened with a previous key and sealed again under the current one. */
  reencrypted: number;
  failed: number;
}

export interface RotationReport {
  keyId: string;
  previousKeyIds: string[];
  columns: ColumnReport[];
  totals: { current: number; reencrypted: number; failed: number };
  failures: RotationFailure[];
}

export interface RotateOptions {
  keys?: Keyring;
  batchSize?: number;
  columns?: readonly SealedColumn[];
  /** Progress lines (one per batch); default silent. */
  onBatch?: (info: { table: string; column: string; rows: number; reencrypted: number }) => void;
}

interface Row {
  id: string;
  label: string | null;
  value: string;
}

const ident = (name: string): Prisma.Sql => {
  if (!SQL_IDENTIFIER.test(name)) throw new Error(`Not a plain SQL identifier: ${name}`);
  return Prisma.raw(`"${name}"`);
};

/** Re-encrypts one envelope under the current key; null when it already is. Throws when it cannot open. */
export function resealed(envelope: string, keys: Keyring): string | null {
  const plaintext = openSecret(envelope, keys);
  return envelopeKeyId(envelope) === keyId(keys.current) ? null : sealSecret(plaintext, keys.current);
}

async function rotateColumn(db: Db, col: SealedColumn, keys: Keyring, batchSize: number, failures: RotationFailure[], onBatch: RotateOptions['onBatch']): Promise<ColumnReport> {
  const report: ColumnReport = { table: col.table, column: col.column, current: 0, reencrypted: 0, failed: 0 };
  const table = ident(col.table);
  const id = ident(col.idColumn);
  const column = ident(col.column);
  const label = col.labelColumn ? Prisma.sql`${ident(col.labelColumn)}::text` : Prisma.sql`NULL::text`;
  let after = '';
  for (;;) {
    const batch = await db.$transaction(async (tx) => {
      // Locked for the batch: a concurrent save waits, then writes its own (current-key) value.
      const rows = await tx.$queryRaw<Row[]>`SELECT ${id}::text AS "id", ${label} AS "label", ${column} AS "value" FROM ${table}
        WHERE ${column} IS NOT NULL AND ${id}::text > ${after} ORDER BY ${id}::text LIMIT ${batchSize} FOR UPDATE`;
      let reencrypted = 0;
      for (const row of rows) {
        let next: string | null;
        try {
          next = resealed(row.value, keys);
        } catch (e) {
          report.failed++;
          failures.push({ table: col.table, column: col.column, id: row.id, label: row.label, error: (e as Error).message });
          continue;
        }
        if (next === null) {
          report.current++;
          continue;
        }
        await tx.$executeRaw`UPDATE ${table} SET ${column} = ${next} WHERE ${id}::text = ${row.id} AND ${column} = ${row.value}`;
        reencrypted++;
      }
      report.reencrypted += reencrypted;
      return { rows: rows.length, last: rows.at(-1)?.id, reencrypted };
    });
    if (batch.rows > 0) onBatch?.({ table: col.table, column: col.column, rows: batch.rows, reencrypted: batch.reencrypted });
    if (batch.last === undefined || batch.rows < batchSize) break;
    after = batch.last;
  }
  return report;
}

export async function rotateSecrets(db: Db, opts: RotateOptions = {}): Promise<RotationReport> {
  const keys = opts.keys ?? keyringFromEnv();
  const batchSize = Math.max(1, Math.min(opts.batchSize ?? 200, 10_000));
  const failures: RotationFailure[] = [];
  const columns: ColumnReport[] = [];
  for (const col of opts.columns ?? SEALED_COLUMNS) columns.push(await rotateColumn(db, col, keys, batchSize, failures, opts.onBatch));
  const sum = (k: 'current' | 'reencrypted' | 'failed') => columns.reduce((n, c) => n + c[k], 0);
  return {
    keyId: keyId(keys.current),
    previousKeyIds: keys.previous.map(keyId),
    columns,
    totals: { current: sum('current'), reencrypted: sum('reencrypted'), failed: sum('failed') },
    failures,
  };
}

/** The report as the command prints it (no secret can be in it: ids, labels, key ids, counts). */
export function formatRotationReport(r: RotationReport): string {
  const lines = [
    `Current key: ${r.keyId}${r.previousKeyIds.length > 0 ? `; previous keys accepted: ${r.previousKeyIds.join(', ')}` : '; no previous keys (RIPOSTE_SECRET_KEY_PREVIOUS is empty)'}`,
    ...r.columns.map((c) => `${c.table}.${c.column}: ${c.current} sealed under the current key, ${c.reencrypted} re-encrypted, ${c.failed} failed`),
    `Total: ${r.totals.current} sealed under the current key, ${r.totals.reencrypted} re-encrypted, ${r.totals.failed} failed`,
  ];
  if (r.failures.length > 0) {
    lines.push('', 'These rows could not be opened and were left as they are:');
    for (const f of r.failures) lines.push(`  ${f.table}.${f.column} ${f.id}${f.label ? ` ("${f.label}")` : ''}: ${f.error}`);
  }
  return lines.join('\n');
}
