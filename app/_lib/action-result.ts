// Turns thrown errors into the ActionResult failure shape the client components expect.
import { isServiceError } from '@/server/services/errors';
import type { ActionFailure } from '@/components/action-result';

export type { ActionResult } from '@/components/action-result';

/** A ServiceError's message is written for users; anything else is logged and kept generic. */
export function failure(e: unknown, fallback = 'Something went wrong. Try again.'): ActionFailure {
  if (isServiceError(e)) return { ok: false, error: e.message, details: e.details };
  console.error(e);
  return { ok: false, error: fallback };
}
