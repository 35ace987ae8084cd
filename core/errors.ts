/**
 * The one error type action implementations throw (server's MDE client, mailer, …).
 * The executor reads `retryable` to decide between "retry the run later" and "fail the step":
 * transient failures (network, 429, 5xx) are retryable, permanent ones (4xx) are not.
 */
export interface ActionErrorOptions {
  retryable?: boolean;
  /** Honour the service's Retry-After, in milliseconds. */
  retryAfterMs?: number;
  /** Extra, non-secret detail for run history (e.g. the HTTP status). */
  details?: unknown;
  cause?: unknown;
}

export class ActionError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly details?: unknown;

  constructor(code: string, message: string, options: ActionErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ActionError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.details !== undefined) this.details = options.details;
  }
}

/** Works across module copies (bundlers can duplicate classes), hence the duck-typed fallback. */
export function isActionError(value: unknown): value is ActionError {
  if (value instanceof ActionError) return true;
  return (
    value instanceof Error &&
    value.name === 'ActionError' &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { retryable?: unknown }).retryable === 'boolean'
  );
}
