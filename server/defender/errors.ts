// Errors from the MDE client. They are ActionErrors so the executor can decide
// between retrying later (network, 429, 5xx) and failing the step (other 4xx).
import { ActionError } from '@/core/errors';

export interface MdeApiErrorInit {
  /** HTTP status; 0 when no response was received (network failure). */
  status: number;
  code: string;
  message: string;
  retryable: boolean;
  retryAfterMs?: number;
  /** MDE's per-request correlation id (`error.target`), worth quoting to Microsoft support. */
  target?: string;
  cause?: unknown;
}

export class MdeApiError extends ActionError {
  readonly status: number;
  readonly target?: string;

  constructor(init: MdeApiErrorInit) {
    super(init.code, init.message, {
      retryable: init.retryable,
      retryAfterMs: init.retryAfterMs,
      details: { status: init.status, ...(init.target ? { target: init.target } : {}) },
      cause: init.cause,
    });
    // ActionError's name is kept on purpose: isActionError() duck-types on it across bundles.
    this.status = init.status;
    if (init.target) this.target = init.target;
  }
}

export function isMdeApiError(value: unknown): value is MdeApiError {
  return value instanceof MdeApiError;
}
