// The calls the rest of the server makes: each runs the one redactor (redactor.ts) over the
// secrets this process knows (known-secrets.ts). Use `redactValue` for anything shown or stored
// as history, `redactText` for messages, `redactLogFields`/`redactingLog` for log lines (an ops
// logger can wrap its sink with `redactingLog` and be done).
import { currentRedactor } from './known-secrets';

export { REDACTED } from './redactor';

/** Deep copy with known secrets and secret-looking values replaced (step inputs, errors, exports, API errors). */
export function redactValue<T>(value: T): T {
  return currentRedactor().value(value);
}

/** A message with known secrets and secret-looking parts replaced. */
export function redactText(text: string): string {
  return currentRedactor().text(text);
}

/**
 * Only known secret values replaced: for data later steps read again (step outputs), where the
 * name net could change a value that is not a secret (a field that merely has "token" in its name).
 */
export function redactKnownSecrets<T>(value: T): T {
  return currentRedactor().knownOnly(value);
}

export type LogFn = (msg: string, extra?: Record<string, unknown>) => void;

/** The fields of one log line, redacted (an Error becomes its redacted message). */
export function redactLogFields(extra: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (extra === undefined) return undefined;
  const plain = Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, v instanceof Error ? v.message : v]));
  return redactValue(plain);
}

/** A log function whose every line passes the redactor first: the single place log redaction happens. */
export function redactingLog(log: LogFn): LogFn {
  return (msg, extra) => {
    const fields = redactLogFields(extra);
    if (fields === undefined) log(redactText(msg));
    else log(redactText(msg), fields);
  };
}

/** One JSON log line on stdout/stderr, redacted (for processes without an injected logger). */
export function logLine(level: 'log' | 'warn' | 'error', fields: Record<string, unknown>): void {
  console[level](JSON.stringify(redactValue({ at: new Date().toISOString(), ...fields })));
}
