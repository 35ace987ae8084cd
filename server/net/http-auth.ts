// Authorization header for the HTTP request step, from an `http` connection: basic, bearer, or
// an OAuth 2.0 client-credentials token fetched from the connection's token URL (through the
// outbound guard too) and cached until shortly before it expires. Secrets never reach messages.
import { ActionError } from '@/core/errors';
import { loadHttpConnection } from '../services/connections';
import { outboundRequest } from './outbound';
import { rememberEphemeralSecret } from '../secrets/known-secrets';

/** Renew this long before expiry, so a token never expires mid-request. */
const EXPIRY_MARGIN_MS = 60_000;
/** When the token endpoint says nothing about expiry. */
const DEFAULT_LIFETIME_MS = 5 * 60_000;

const cache = new Map<string, { key: string; token: string; expiresAt: number }>();

export interface HttpAuth {
  authorization: string;
  /** Values a response or error must never show (password, token, client secret, access token). */
  secrets: string[];
}

export async function authFor(connectionId: string, now: () => number = Date.now): Promise<HttpAuth> {
  const auth = await authOf(connectionId, now);
  // The redactor learns the access token and the encoded basic credentials too (server/secrets).
  for (const s of auth.secrets) rememberEphemeralSecret(s);
  return auth;
}

async function authOf(connectionId: string, now: () => number): Promise<HttpAuth> {
  const c = await loadHttpConnection(connectionId);
  if (c.authType === 'basic') {
    const password = c.password ?? '';
    const encoded = Buffer.from(`${c.username ?? ''}:${password}`).toString('base64');
    return { authorization: `Basic ${encoded}`, secrets: [password, encoded].filter(Boolean) };
  }
  if (c.authType === 'bearer') {
    const token = c.token ?? '';
    return { authorization: `Bearer ${token}`, secrets: [token].filter(Boolean) };
  }
  const clientSecret = c.clientSecret ?? '';
  const token = await clientCredentialsToken(c.id, { tokenUrl: c.tokenUrl ?? '', clientId: c.clientId ?? '', clientSecret, scope: c.scope }, now);
  return { authorization: `Bearer ${token}`, secrets: [clientSecret, token].filter(Boolean) };
}

async function clientCredentialsToken(connectionId: string, o: { tokenUrl: string; clientId: string; clientSecret: string; scope?: string }, now: () => number): Promise<string> {
  // The key covers the credentials, so editing the connection never reuses an old token.
  const key = JSON.stringify([o.tokenUrl, o.clientId, o.clientSecret, o.scope]);
  const hit = cache.get(connectionId);
  if (hit && hit.key === key && hit.expiresAt - EXPIRY_MARGIN_MS > now()) return hit.token;
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: o.clientId, client_secret: o.clientSecret });
  if (o.scope) form.set('scope', o.scope);
  const host = URL.canParse(o.tokenUrl) ? new URL(o.tokenUrl).host : 'the token URL';
  const res = await outboundRequest({
    method: 'POST',
    url: o.tokenUrl,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: form.toString(),
    timeoutMs: 30_000,
    maxResponseBytes: 256 * 1024,
    label: 'OAuth token request',
  });
  if (res.status < 200 || res.status >= 300) {
    const retryable = res.status === 429 || res.status >= 500;
    // The endpoint's error code (e.g. invalid_client) helps; its body might echo what was sent, so only the code is kept.
    const code = /"error"\s*:\s*"([A-Za-z0-9_.-]{1,64})"/.exec(res.body.toString('utf8'))?.[1];
    throw new ActionError('OAuthTokenFailed', `The token endpoint ${host} answered ${res.status}${code ? ` ${code}` : ''}.`, { retryable, details: { status: res.status } });
  }
  let parsed: { access_token?: unknown; expires_in?: unknown };
  try {
    parsed = JSON.parse(res.body.toString('utf8')) as typeof parsed;
  } catch {
    throw new ActionError('OAuthTokenFailed', `The token endpoint ${host} did not answer JSON.`);
  }
  if (typeof parsed.access_token !== 'string' || parsed.access_token === '') throw new ActionError('OAuthTokenFailed', `The token endpoint ${host} gave no access_token.`);
  const lifetime = Number(parsed.expires_in);
  const expiresAt = now() + (Number.isFinite(lifetime) && lifetime > 0 ? lifetime * 1000 : DEFAULT_LIFETIME_MS);
  cache.set(connectionId, { key, token: parsed.access_token, expiresAt });
  return parsed.access_token;
}

/** For tests. */
export function clearTokenCache(): void {
  cache.clear();
}
