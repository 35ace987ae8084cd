// The secrets this process knows are in use, for the by-value net of the redactor: every
// connection secret it opened (connections.ts remembers them), every OAuth access token it
// fetched, and a periodic load of all connection secrets (load-known-secrets.ts), so a worker
// or web process redacts a secret even before it used that connection itself.
import { createRedactor, type Redactor } from './redactor';

/** Tokens come and go (an hour each): keep the newest this many, so the set stays small. */
const MAX_EPHEMERAL = 500;

let fromConnections = new Set<string>();
const ephemeral = new Set<string>();
let cached: Redactor | null = null;

function changed(): void {
  cached = null;
}

/**
 * Secrets opened from a connection. Kept for the life of the process (a replaced secret may still
 * sit in older run data or messages, and the set is small: one entry per connection secret).
 */
export function rememberSecrets(values: Iterable<unknown>): void {
  for (const v of values) {
    if (typeof v === 'string' && v !== '' && !fromConnections.has(v)) {
      fromConnections.add(v);
      changed();
    }
  }
}

/** Short-lived secrets such as OAuth access tokens. */
export function rememberEphemeralSecret(value: string): void {
  if (value === '' || ephemeral.has(value)) return;
  ephemeral.add(value);
  if (ephemeral.size > MAX_EPHEMERAL) ephemeral.delete(ephemeral.values().next().value as string);
  changed();
}

/** The redactor over everything known now (rebuilt only when the set changed). */
export function currentRedactor(): Redactor {
  cached ??= createRedactor([...fromConnections, ...ephemeral]);
  return cached;
}

/** For tests. */
export function forgetKnownSecrets(): void {
  fromConnections = new Set();
  ephemeral.clear();
  changed();
}
