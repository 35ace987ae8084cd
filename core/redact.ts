/**
 * Secrets must never reach run history or logs (design.md §6). Step inputs are stored after
 * passing through `redact`, which replaces the value of any key that looks like a secret.
 */
const SECRET_KEY = /secret|password|passwd|token|authorization|apikey|api_key|cookie/i;

export const REDACTED = '[redacted]';

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** Deep copy of plain data with secret-looking keys replaced. Never mutates its input. */
export function redact<T>(value: T): T {
  return copy(value, new WeakSet()) as T;
}

function copy(value: unknown, seen: WeakSet<object>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return new Date(value.getTime());
  // A cycle cannot be stored as JSON anyway; cut it rather than overflow the stack.
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  let out: unknown;
  if (Array.isArray(value)) {
    out = value.map((item) => copy(item, seen));
  } else {
    // fromEntries defines own properties, so a JSON key "__proto__" cannot change the prototype.
    out = Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, isSecretKey(key) ? REDACTED : copy(item, seen)]),
    );
  }
  seen.delete(value);
  return out;
}
