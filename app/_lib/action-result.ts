// Turns thrown errors into the ActionResult failure shape the client components expect.
import { isServiceError } from '@/server/services/errors';
import { redactText, redactValue } from '@/server/secrets/redact';
import { logUnexpected } from '@/server/log/unexpected';
import type { ActionFailure } from '@/components/action-result';

export type { ActionResult } from '@/components/action-result';

/**
 * A ServiceError's message is written for users, but it can quote what a service answered or
 * what was sent, so it passes the redactor exactly as the REST API's errorResponse does (issue 7).
 * Anything else is logged (redacted too) and kept generic.
 */
export function failure(e: unknown, fallback = 'Something went wrong. Try again.'): ActionFailure {
  if (isServiceError(e)) return { ok: false, error: redactText(e.message), ...(e.details !== undefined ? { details: redactValue(e.details) } : {}) };
  logUnexpected('action', 'a server action failed unexpectedly', e);
  return { ok: false, error: fallback };
}
