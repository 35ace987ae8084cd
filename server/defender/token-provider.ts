// Client-credentials tokens for the MDE API via MSAL. One MSAL app per connection
// identity, so MSAL's in-memory cache serves the same token until it nears expiry
// (design.md §11: no token round trip per step).
import { createHash } from 'node:crypto';
import { ConfidentialClientApplication, type Configuration } from '@azure/msal-node';
import { authorityHostOf, mdeEndpointOf, type DefenderConnection } from './connection';
import { MdeApiError } from './errors';
import { mapTokenError } from './token-errors';

// Hosts MSAL already knows (public and sovereign clouds). Any other host is a private
// or simulated authority and must be declared in knownAuthorities, which also makes
// MSAL skip instance discovery against login.microsoftonline.com.
const MICROSOFT_AUTHORITY_HOSTS = new Set([
  'login.microsoftonline.com', 'login.microsoft.com', 'login.windows.net', 'sts.windows.net',
  'login.microsoftonline.us', 'login.usgovcloudapi.net', 'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn', 'login.microsoftonline.de',
]);
// A handful of connections per install; the cap only stops rotated secrets piling up.
const MAX_CACHED_APPS = 100;

const apps = new Map<string, ConfidentialClientApplication>();

// The token MSAL last gave per app and scope, used until MSAL itself would renew it (5 minutes
// before expiry, its tokenRenewalOffsetSeconds). MSAL's own cache lookup builds a request,
// correlation ids and a filtered cache search on every call: ~5 % of the worker's CPU per
// Defender call in the engine benchmark (docs/benchmarks.md §1). MSAL still fetches every token.
const RENEW_BEFORE_EXPIRY_MS = 5 * 60_000;
const tokens = new Map<string, { accessToken: string; renewAtMs: number }>();
// Connection objects are stable while the worker's connection cache holds them.
const keys = new WeakMap<DefenderConnection, string>();

function cacheKey(authorityHost: string, conn: DefenderConnection): string {
  const known = keys.get(conn);
  if (known !== undefined) return known;
  const secretHash = createHash('sha256').update(conn.clientSecret).digest('hex');
  const key = [authorityHost, conn.tenantId, conn.clientId, secretHash].join('|');
  keys.set(conn, key);
  return key;
}

function buildApp(authorityHost: string, conn: DefenderConnection): ConfidentialClientApplication {
  let url: URL;
  try {
    url = new URL(authorityHost);
  } catch {
    throw new MdeApiError({ status: 0, code: 'InvalidConnection', retryable: false, message: `Authority host '${authorityHost}' is not a valid URL.` });
  }
  if (url.protocol !== 'https:') {
    throw new MdeApiError({ status: 0, code: 'InvalidConnection', retryable: false, message: `Authority host '${authorityHost}' must use https.` });
  }
  const config: Configuration = {
    auth: {
      clientId: conn.clientId,
      clientSecret: conn.clientSecret,
      authority: `${authorityHost}/${conn.tenantId}`,
      ...(MICROSOFT_AUTHORITY_HOSTS.has(url.hostname.toLowerCase()) ? {} : { knownAuthorities: [url.host] }),
    },
  };
  return new ConfidentialClientApplication(config);
}

function appFor(conn: DefenderConnection): ConfidentialClientApplication {
  const authorityHost = authorityHostOf(conn);
  const key = cacheKey(authorityHost, conn);
  let app = apps.get(key);
  if (!app) {
    app = buildApp(authorityHost, conn);
    if (apps.size >= MAX_CACHED_APPS) apps.delete(apps.keys().next().value as string);
    apps.set(key, app);
  }
  return app;
}

/**
 * Returns a bearer token for the MDE API, or for `scope` (Microsoft Graph). `forceRefresh` skips
 * MSAL's cache, used after the API answered 401 to a cached token (revoked or rotated credentials).
 * One MSAL app serves both scopes and caches a token per scope.
 */
export async function getAccessToken(conn: DefenderConnection, opts: { forceRefresh?: boolean; scope?: string } = {}): Promise<string> {
  const scope = opts.scope ?? mdeEndpointOf(conn).scope;
  const tokenKey = `${cacheKey(authorityHostOf(conn), conn)}|${scope}`;
  const memo = tokens.get(tokenKey);
  if (memo && opts.forceRefresh !== true && Date.now() < memo.renewAtMs) return memo.accessToken;
  tokens.delete(tokenKey);
  const app = appFor(conn);
  let result;
  try {
    result = await app.acquireTokenByClientCredential({ scopes: [scope], skipCache: opts.forceRefresh === true });
  } catch (error) {
    const mapped = mapTokenError(error, { authorityHost: authorityHostOf(conn), tenantId: conn.tenantId, clientId: conn.clientId, clientSecret: conn.clientSecret });
    // A transient failure makes MSAL refuse this token request on its own for 60 s (its
    // throttling cache), so the run's next try would fail without asking Entra even once it is
    // back. The run's retry policy paces the tries: the next one gets a fresh MSAL app.
    if (mapped.retryable) apps.delete(cacheKey(authorityHostOf(conn), conn));
    throw mapped;
  }
  if (!result?.accessToken) {
    throw new MdeApiError({ status: 0, code: 'AuthenticationFailed', retryable: true, message: 'Microsoft Entra ID returned no access token.' });
  }
  const expiresMs = result.expiresOn?.getTime();
  if (expiresMs !== undefined) {
    if (tokens.size >= MAX_CACHED_APPS * 2) tokens.delete(tokens.keys().next().value as string);
    tokens.set(tokenKey, { accessToken: result.accessToken, renewAtMs: expiresMs - RENEW_BEFORE_EXPIRY_MS });
  }
  return result.accessToken;
}

/** Drops every cached MSAL app and token (tests, or after credentials are rotated everywhere). */
export function clearTokenCache(): void {
  apps.clear();
  tokens.clear();
}
