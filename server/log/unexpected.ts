// One way for the web process to log an error it did not expect (a server action's or an SSO
// route's catch-all): through the ops logger, whose hook runs every line through the redactor,
// instead of console.error, which printed whatever the error carried (issue 7).
import type { Logger } from 'pino';
import { logger } from './logger';

/** Logs `e` at error level with where it happened; the message and stack pass the redactor. */
export function logUnexpected(part: string, msg: string, e: unknown, target: Logger = logger): void {
  const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  // The stack repeats the message, so it is a field like any other and is redacted the same way.
  const stack = e instanceof Error && e.stack ? e.stack.split('\n').slice(1, 11).join('\n') : undefined;
  target.error({ part, error: error.slice(0, 2000), ...(stack ? { stack } : {}) }, msg);
}
