import { AuthError, ServerError } from '@azure/msal-node';
import { describe, expect, it } from 'vitest';
import { mapTokenError } from './token-errors';

const ctx = { authorityHost: 'https://login.example', tenantId: 'tenant-1', clientId: 'client-1', clientSecret: 's3cr3t-value' };

describe('mapTokenError', () => {
  it('keeps the AADSTS sentence of a rejected secret and marks it permanent', () => {
    const msal = new ServerError('invalid_client', 'corr-1',
      'Error(s): 7000215 - Timestamp: 2026-01-01 - Description: AADSTS7000215: Invalid client secret provided. Trace ID: abc Correlation ID: def', '', '7000215', 401);
    const error = mapTokenError(msal, ctx);
    expect(error).toMatchObject({ code: 'AuthenticationFailed', retryable: false, status: 401 });
    expect(error.message).toContain('AADSTS7000215: Invalid client secret provided.');
    expect(error.message).not.toContain('Trace ID');
  });

  it('treats Entra 5xx and network failures as retryable', () => {
    expect(mapTokenError(new ServerError('temporarily_unavailable', 'corr-1', 'AADSTS50196: loop', '', '', 503), ctx)).toMatchObject({ code: 'AuthorityUnavailable', retryable: true });
    expect(mapTokenError(new AuthError('network_error', 'corr-1', 'connect ECONNREFUSED'), ctx)).toMatchObject({ code: 'AuthorityUnreachable', retryable: true });
  });

  it("treats MSAL's replay of an earlier 5xx (its throttling cache: no status, numeric codes) as retryable", () => {
    // What MSAL throws for 60 s after Entra answered 503, without sending a request.
    const replay = mapTokenError(new ServerError('90033', 'corr-1', 'AADSTS90033: A transient error has occurred.'), ctx);
    expect(replay).toMatchObject({ code: 'AuthorityUnavailable', retryable: true });
    expect(replay.message).toContain('is temporarily unavailable');
    expect(replay.message).toContain('AADSTS90033');
    expect(mapTokenError(new ServerError('', 'corr-1', 'AADSTS90033: A transient error has occurred.'), ctx)).toMatchObject({ retryable: true });
    // A real rejection always names the OAuth error and carries the status: still permanent.
    expect(mapTokenError(new ServerError('invalid_client', 'corr-1', 'AADSTS7000215: Invalid client secret provided.', '', '7000215', 401), ctx)).toMatchObject({ retryable: false });
  });

  it('never lets the secret through, even if a library echoes it', () => {
    const error = mapTokenError(new AuthError('weird', 'corr-1', `failed for s3cr3t-value`), ctx);
    expect(error.message).not.toContain('s3cr3t-value');
    expect(error.message).toContain('[redacted]');
  });
});
