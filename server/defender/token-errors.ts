// Turns MSAL failures into MdeApiErrors a SOC engineer can act on: credential and
// configuration problems are permanent (retrying cannot fix a wrong secret), while
// network failures and Entra outages are retryable.
import { AuthError, ClientConfigurationError, ServerError } from '@azure/msal-node';
import { MdeApiError } from './errors';

interface TokenErrorContext {
  authorityHost: string;
  tenantId: string;
  clientId: string;
  /** Only used to scrub it from messages, in case a library ever echoes it. */
  clientSecret: string;
}

/**
 * MSAL wraps Entra's description as "Error(s): … - Timestamp: … - Description: AADSTS…: text
 * Trace ID: … Correlation ID: …"; keep only the AADSTS sentence the user can act on.
 */
function conciseDescription(text: string): string {
  const start = text.indexOf('AADSTS');
  const fromCode = start >= 0 ? text.slice(start) : text;
  return fromCode.split(/\s*(?:\r?\n|Trace ID:|- Correlation ID:)/)[0].trim();
}

function hintFor(aadsts: string | undefined, entraError: string): string {
  switch (aadsts) {
    case '7000215': return 'Check the client secret of this connection (use the secret value, not its ID).';
    case '7000222': return 'The client secret has expired; create a new one in the app registration.';
    case '700016': return 'Check the client (application) id and that the app is consented in this tenant.';
    case '90002': return 'Check the tenant id and the authority host.';
    case '1002012':
    case '70011': return 'The app must request the WindowsDefenderATP /.default scope.';
  }
  return entraError === 'invalid_client' ? 'Check the client id and secret of this connection.' : 'Check the connection settings.';
}

function scrub(text: string, ctx: TokenErrorContext): string {
  return ctx.clientSecret ? text.split(ctx.clientSecret).join('[redacted]') : text;
}

/**
 * After a 429 or 5xx from Entra, MSAL remembers it for the Retry-After or 60 s and answers every
 * later request for that token itself, without asking Entra: a ServerError with no HTTP status
 * whose code is Entra's numeric error codes (or nothing) instead of an OAuth error name. Only
 * transient answers are remembered, so the replay is transient too (it used to be reported as
 * rejected credentials, failing runs for good during a short Entra outage).
 */
function isThrottleReplay(error: ServerError): boolean {
  return error.status === undefined && /^[\d ]*$/.test(error.errorCode);
}

export function mapTokenError(error: unknown, ctx: TokenErrorContext): MdeApiError {
  const where = `${ctx.authorityHost}/${ctx.tenantId}`;
  const make = (init: { status: number; code: string; message: string; retryable: boolean }) =>
    new MdeApiError({ ...init, message: scrub(init.message, ctx) });

  if (error instanceof ServerError) {
    const description = conciseDescription(error.errorMessage || error.message);
    const aadsts = /AADSTS(\d+)/.exec(description)?.[1];
    const status = error.status ?? 0;
    const transient = status >= 500 || status === 429 || error.errorCode === 'temporarily_unavailable' || isThrottleReplay(error);
    if (transient) {
      return make({ status, code: 'AuthorityUnavailable', retryable: true,
        message: `Microsoft Entra ID at ${where} is temporarily unavailable (${isThrottleReplay(error) ? 'an earlier request failed; waiting before asking again' : error.errorCode || `HTTP ${status}`}): ${description}` });
    }
    return make({ status: status || 401, code: 'AuthenticationFailed', retryable: false,
      message: `Microsoft Entra ID rejected the credentials of client ${ctx.clientId} (${error.errorCode}): ${description} ${hintFor(aadsts, error.errorCode)}` });
  }
  if (error instanceof ClientConfigurationError) {
    return make({ status: 0, code: 'InvalidConnection', retryable: false,
      message: `The authority ${where} is not usable (${error.errorCode}): ${error.errorMessage}` });
  }
  if (error instanceof AuthError) {
    if (error.errorCode === 'network_error') {
      return make({ status: 0, code: 'AuthorityUnreachable', retryable: true,
        message: `Could not reach Microsoft Entra ID at ${where}: ${error.errorMessage}` });
    }
    if (error.errorCode === 'endpoints_resolution_error' || error.errorCode === 'openid_config_error') {
      // MSAL cannot tell an unreachable host from an unknown tenant here, so allow a retry.
      return make({ status: 0, code: 'AuthorityUnreachable', retryable: true,
        message: `Could not load the OpenID configuration of ${where} (${error.errorCode}). Check the tenant id and authority host, and that the host is reachable.` });
    }
    return make({ status: 0, code: 'AuthenticationFailed', retryable: false,
      message: `Token acquisition from ${where} failed (${error.errorCode}): ${error.errorMessage}` });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return make({ status: 0, code: 'AuthenticationFailed', retryable: false, message: `Token acquisition from ${where} failed: ${detail}` });
}
