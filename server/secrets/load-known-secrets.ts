// Loads every connection secret into the known set (known-secrets.ts): at worker start, on each
// maintenance tick and, in the web process, before an export or when the set is older than a
// minute. A row this process cannot open (wrong key) is skipped: it cannot leak what it cannot read.
import { db } from '../db/client';
import { openSecret } from '../crypto/secrets';
import { rememberSecrets } from './known-secrets';
import { SEALED_COLUMNS, SQL_IDENTIFIER } from '../crypto/sealed-columns';

const MAX_AGE_MS = 60_000;
let loadedAt = 0;
let loading: Promise<void> | null = null;

function stringsOf(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsOf(v, out);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) stringsOf(v, out);
}

async function load(): Promise<void> {
  const values: string[] = [];
  // Connection secrets are JSON objects; another sealed column may hold one plain string.
  for (const col of SEALED_COLUMNS) {
    if (!SQL_IDENTIFIER.test(col.table) || !SQL_IDENTIFIER.test(col.column)) throw new Error(`Bad sealed column ${col.table}.${col.column}`);
    const rows = await db().$queryRawUnsafe<{ value: string }[]>(`SELECT "${col.column}" AS "value" FROM "${col.table}" WHERE "${col.column}" IS NOT NULL`);
    for (const row of rows) {
      let text: string;
      try {
        text = openSecret(row.value);
      } catch {
        continue; // sealed under a key this process lacks, or damaged: it cannot leak what it cannot read
      }
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(text);
      } catch {
        /* a plain sealed string */
      }
      if (parsed !== null && typeof parsed === 'object') stringsOf(parsed, values);
      else values.push(text);
    }
  }
  rememberSecrets(values);
  loadedAt = Date.now();
}

/** Loads now (one load at a time per process). */
export function refreshKnownSecrets(): Promise<void> {
  loading ??= load().finally(() => {
    loading = null;
  });
  return loading;
}

/** Loads when the set is older than a minute; never throws (redaction then uses what it has). */
export async function ensureKnownSecrets(maxAgeMs = MAX_AGE_MS): Promise<void> {
  if (Date.now() - loadedAt < maxAgeMs) return;
  await refreshKnownSecrets().catch(() => undefined);
}
