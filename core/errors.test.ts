import { describe, it, expect } from 'vitest';
import { ActionError, isActionError } from './errors';

describe('ActionError', () => {
  it('carries code, retryability and retry-after', () => {
    const err = new ActionError('TooManyRequests', 'MDE rate limit', { retryable: true, retryAfterMs: 5000, details: { status: 429 } });
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('ActionError');
    expect([err.code, err.retryable, err.retryAfterMs, err.details]).toEqual(['TooManyRequests', true, 5000, { status: 429 }]);
    expect(new ActionError('BadRequest', 'x').retryable).toBe(false);
  });

  it('isActionError recognises action errors only', () => {
    expect(isActionError(new ActionError('X', 'y'))).toBe(true);
    expect(isActionError(new Error('plain'))).toBe(false);
    expect(isActionError({ code: 'X', retryable: true })).toBe(false);
  });
});
