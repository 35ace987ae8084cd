// Malformed alert payloads (POST /_sim/alerts/{id}/malform): the alert is stored as usual, so
// filters and paging see its real fields, but every response that serialises it (the list and
// GET /api/alerts/{id}) first removes the named fields and overwrites others with any JSON —
// retyped values, nulls, huge strings, bad dates. Tests of the poller and runs use it to check
// that one bad record from Microsoft fails its own run cleanly and nothing else (issue 9).
import type { SimState } from './state';
import type { JsonValue } from './types';

export interface AlertMalformation {
  /** Fields replaced by these values (any JSON: a number for a string, a nested object, …). */
  set: Record<string, JsonValue>;
  /** Fields left out of the payload (e.g. `id`, `alertCreationTime`). */
  remove: string[];
}

/** The record as MDE would send it, malformed if the test asked for it. */
export function served<T extends { id: string }>(state: SimState, record: T): T | Record<string, unknown> {
  const m = state.malformed.get(record.id);
  if (!m) return record;
  const out: Record<string, unknown> = { ...record, ...m.set };
  for (const field of m.remove) delete out[field];
  return out;
}
