// The HTTP request step: builds the request from its params (query pairs URL-encoded, headers
// checked for injection, the JSON body checked to parse), adds the connection's credentials,
// sends it through the outbound guard and returns status, headers and body. Connection secrets
// are scrubbed from everything the step returns or throws.
import { ActionError } from '@/core/errors';
import { parseNameValueLines } from '@/core/notifications/lines';
import { authFor, type HttpAuth } from '@/server/net/http-auth';
import { outboundRequest, type OutboundResponse } from '@/server/net/outbound';
import { excerpt, statusError } from '@/server/net/http-status';

export const MAX_RESPONSE_BYTES = 1024 * 1024;

/** RFC 9110 token characters. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** What an HTTP header value may carry (tab, visible ASCII, Latin-1); U+FFFD marks a line break from a token. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
/** Set by Riposte (or by the connection), never by the flow. */
const RESERVED = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'upgrade', 'te', 'trailer', 'keep-alive', 'proxy-authorization', 'expect']);

const str = (v: unknown) => (typeof v === 'string' ? v : String(v ?? ''));

function invalid(code: string, message: string): ActionError {
  return new ActionError(code, message);
}

export function buildHeaders(text: string | undefined, hasConnection: boolean): Record<string, string> {
  const { pairs, bad } = parseNameValueLines(text ?? '', ':');
  if (bad.length > 0) throw invalid('InvalidHeader', `Headers line ${bad[0]} is not "Name: value".`);
  const headers: Record<string, string> = {};
  for (const { name, value } of pairs) {
    const lower = name.toLowerCase();
    if (!HEADER_NAME.test(name)) throw invalid('InvalidHeader', `"${name}" is not a valid header name.`);
    if (!HEADER_VALUE.test(value)) throw invalid('InvalidHeader', `The value of header ${name} contains a line break or a character HTTP headers cannot carry (refused, so a value can never add headers).`);
    if (RESERVED.has(lower)) throw invalid('HeaderNotAllowed', `The ${name} header is set by Riposte and cannot be set by a flow.`);
    if (lower === 'authorization' && hasConnection) throw invalid('HeaderNotAllowed', 'The Authorization header comes from the HTTP connection; remove it from the headers or clear the connection.');
    headers[lower] = headers[lower] === undefined ? value : `${headers[lower]}, ${value}`;
  }
  return headers;
}

export function buildUrl(raw: string, query: string | undefined): URL {
  if (!URL.canParse(raw)) throw invalid('InvalidUrl', 'The URL is not a valid absolute URL (https://…).');
  const url = new URL(raw);
  if (url.username || url.password) throw invalid('InvalidUrl', 'Put credentials in an HTTP connection, not in the URL.');
  const { pairs, bad } = parseNameValueLines(query ?? '', '=');
  if (bad.length > 0) throw invalid('InvalidQuery', `Query parameters line ${bad[0]} is not "name=value".`);
  for (const { name, value } of pairs) url.searchParams.append(name, value);
  return url;
}

export function buildBody(p: Record<string, unknown>, headers: Record<string, string>): string | undefined {
  if (p.bodyType === 'json') {
    let text: string;
    if (typeof p.body === 'string') {
      text = p.body;
      try {
        JSON.parse(text);
      } catch (e) {
        throw invalid('InvalidJsonBody', `The JSON body is not valid JSON after tokens were filled in (${(e as Error).message}).`);
      }
    } else if (p.body === undefined) throw invalid('InvalidJsonBody', 'Body type json needs a JSON body.');
    else text = JSON.stringify(p.body);
    headers['content-type'] ??= 'application/json; charset=utf-8';
    return text;
  }
  if (p.bodyType === 'text') {
    headers['content-type'] ??= 'text/plain; charset=utf-8';
    return str(p.textBody);
  }
  return undefined;
}

/** Replaces every occurrence of a secret in strings, deep (the response may echo credentials). */
function scrub<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  const clean = (s: string) => secrets.reduce((acc, secret) => acc.split(secret).join('[redacted]'), s);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return clean(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, item]) => [clean(k), walk(item)]));
    return v;
  };
  return walk(value) as T;
}

function parsedBody(res: OutboundResponse, text: string): unknown {
  const type = res.headers['content-type'] ?? '';
  if (!/[/+]json\b/i.test(type)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export async function httpRequestAction(p: Record<string, unknown>): Promise<unknown> {
  const connectionId = typeof p.connectionId === 'string' && p.connectionId !== '' ? p.connectionId : undefined;
  const headers = buildHeaders(typeof p.headers === 'string' ? p.headers : undefined, connectionId !== undefined);
  const url = buildUrl(str(p.url), typeof p.query === 'string' ? p.query : undefined);
  const body = buildBody(p, headers);
  const method = str(p.method || 'GET').toUpperCase();
  let auth: HttpAuth = { authorization: '', secrets: [] };
  try {
    if (connectionId !== undefined) {
      auth = await authFor(connectionId);
      headers.authorization = auth.authorization;
    }
    headers.accept ??= 'application/json, text/plain;q=0.9, */*;q=0.8';
    const res = await outboundRequest({
      method,
      url: url.toString(),
      headers,
      ...(body !== undefined ? { body } : {}),
      timeoutMs: Math.min(Number(p.timeoutSeconds ?? 30), 120) * 1000,
      maxResponseBytes: MAX_RESPONSE_BYTES,
      label: `HTTP ${method}`,
    });
    const ok = res.status >= 200 && res.status < 300;
    if (!ok && p.failOnError !== false) throw statusError('HttpRequestFailed', `HTTP ${method} ${url.host}${url.pathname}`, res.status, res.headers, excerpt(res.body, auth.secrets));
    const bodyText = res.body.toString('utf8');
    return scrub({ status: res.status, ok, headers: res.headers, body: parsedBody(res, bodyText), bodyText }, auth.secrets);
  } catch (e) {
    // Whatever failed (the token endpoint, the request), the message must not carry a secret.
    if (e instanceof ActionError && auth.secrets.some((s) => s && e.message.includes(s))) {
      throw new ActionError(e.code, scrub(e.message, auth.secrets), { retryable: e.retryable, ...(e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : {}) });
    }
    throw e;
  }
}
