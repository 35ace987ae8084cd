// The one way outbound steps (Teams, Slack, HTTP request) reach the network (docs/outbound.md).
// Each hop: only http/https, plain http only to allow-listed destinations, the host resolved once
// and EVERY address judged by address-policy.ts, then the socket pinned to the judged address
// through a custom `lookup` (so a second DNS answer cannot swap in 127.0.0.1). Redirects are never
// followed by the HTTP stack: up to 5 are followed here, each hop checked again.
import http from 'node:http';
import https from 'node:https';
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { ActionError } from '@/core/errors';
import { env } from '../env';
import { judgeAddress, parseOutboundList, type OutboundLists } from './address-policy';

export interface OutboundRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** The whole exchange, redirects included. */
  timeoutMs: number;
  /** Larger bodies fail the step with ResponseTooLarge. */
  maxResponseBytes: number;
  /** How a refusal names the destination ("Teams webhook"); never the URL, which may be a secret. */
  label: string;
}

export interface OutboundResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
}

const MAX_REDIRECTS = 5;

function policy(): { allow: OutboundLists; deny: OutboundLists } {
  const e = env();
  return { allow: parseOutboundList(e.RIPOSTE_OUTBOUND_ALLOW), deny: parseOutboundList(e.RIPOSTE_OUTBOUND_DENY) };
}

function refuse(label: string, host: string, reason: string, fix: string): ActionError {
  return new ActionError('DestinationNotAllowed', `${label}: the destination ${host} is not allowed: ${reason}. ${fix}`, { details: { host } });
}

const ALLOW_FIX = 'An admin can allow it with RIPOSTE_OUTBOUND_ALLOW (a host name or CIDR).';

interface Judged {
  address: string;
  family: 4 | 6;
}

/** Resolves and judges one hop; the addresses returned (all judged) are the only ones the socket may use. */
export async function checkDestination(url: URL, label: string): Promise<Judged[]> {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw refuse(label, url.host || url.protocol, `only http and https are allowed, not ${url.protocol.replace(/:$/, '')}`, 'Use an https URL.');
  }
  // The WHATWG parser has already normalised 2130706433, 0x7f.1 and 017700000001 to 127.0.0.1.
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const { allow, deny } = policy();
  let addresses: { address: string; family: number }[];
  if (isIP(host) !== 0) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await dnsLookup(host, { all: true, verbatim: true });
    } catch (e) {
      const code = (e as { code?: string }).code;
      const transient = code === 'EAI_AGAIN';
      throw new ActionError(transient ? 'DnsUnavailable' : 'HostNotFound', `${label}: could not resolve ${host} (${code ?? 'DNS error'}).`, { retryable: transient });
    }
  }
  if (addresses.length === 0) throw new ActionError('HostNotFound', `${label}: ${host} has no addresses.`);
  let allowListed = true;
  for (const a of addresses) {
    const verdict = judgeAddress(host, a.address, allow, deny, Number(url.port || (url.protocol === 'https:' ? 443 : 80)));
    if (!verdict.allowed) {
      const fix = verdict.reason?.includes('RIPOSTE_OUTBOUND_DENY') ? 'An admin can change RIPOSTE_OUTBOUND_DENY.' : ALLOW_FIX;
      throw refuse(label, host, verdict.reason ?? 'refused', fix);
    }
    allowListed &&= verdict.allowListed;
  }
  if (url.protocol === 'http:' && !allowListed) {
    throw refuse(label, host, 'plain http is only allowed to destinations on RIPOSTE_OUTBOUND_ALLOW (it would send data unencrypted)', `Use https, or ${ALLOW_FIX.charAt(0).toLowerCase()}${ALLOW_FIX.slice(1)}`);
  }
  return addresses.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
}

/**
 * A lookup that answers only the addresses already judged, whatever the socket asks: all of
 * them when Node tries several (happy eyeballs: `localhost` may be ::1 and 127.0.0.1), else
 * the first. No second DNS query happens.
 */
function pinnedLookup(judged: Judged[]): LookupFunction {
  return (_hostname, options, callback) => {
    const wanted = (options as { family?: number }).family;
    const usable = judged.filter((a) => !wanted || a.family === wanted);
    const list = usable.length > 0 ? usable : judged;
    if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: Judged[]) => void)(null, list);
    else callback(null, list[0]!.address, list[0]!.family);
  };
}

function headersOf(res: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

interface Hop {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string | Buffer;
}

function sendHop(hop: Hop, pinned: Judged[], req: OutboundRequest, signal: AbortSignal): Promise<OutboundResponse> {
  const client = hop.url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const outgoing = client.request(
      hop.url,
      {
        method: hop.method,
        headers: { ...hop.headers, ...(hop.body !== undefined ? { 'content-length': String(Buffer.byteLength(hop.body)) } : {}) },
        lookup: pinnedLookup(pinned),
        signal,
        // No connection reuse: an agent's pooled socket would skip the pinned lookup.
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > req.maxResponseBytes) {
            res.destroy();
            reject(new ActionError('ResponseTooLarge', `${req.label}: the response from ${hop.url.hostname} is larger than ${Math.round(req.maxResponseBytes / 1024)} KB.`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: headersOf(res), body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    if (hop.body !== undefined) outgoing.write(hop.body);
    outgoing.end();
  });
}

function networkError(e: unknown, req: OutboundRequest, host: string, signal: AbortSignal): ActionError {
  if (e instanceof ActionError) return e;
  if (signal.aborted) {
    return new ActionError('RequestTimedOut', `${req.label}: ${host} did not answer within ${Math.round(req.timeoutMs / 1000)} s.`, { retryable: true });
  }
  const code = (e as { code?: string }).code ?? 'network error';
  // Certificate problems do not fix themselves; refused or reset connections may.
  const permanent = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code);
  return new ActionError(permanent ? 'TlsFailed' : 'ConnectionFailed', `${req.label}: could not reach ${host} (${code}).`, { retryable: !permanent });
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Sends the request through the guard. Redirects: 303 (and 301/302 after a POST) become a GET
 * without body, as browsers do; credentials are dropped when a redirect leaves the origin.
 */
export async function outboundRequest(req: OutboundRequest): Promise<OutboundResponse> {
  let hop: Hop = { method: req.method.toUpperCase(), url: new URL(req.url), headers: { ...(req.headers ?? {}) }, ...(req.body !== undefined ? { body: req.body } : {}) };
  const signal = AbortSignal.timeout(req.timeoutMs);
  for (let redirects = 0; ; redirects++) {
    const pinned = await checkDestination(hop.url, req.label);
    let res: OutboundResponse;
    try {
      res = await sendHop(hop, pinned, req, signal);
    } catch (e) {
      throw networkError(e, req, hop.url.hostname, signal);
    }
    const location = res.headers.location;
    if (!REDIRECTS.has(res.status) || location === undefined) return res;
    if (redirects >= MAX_REDIRECTS) throw new ActionError('TooManyRedirects', `${req.label}: more than ${MAX_REDIRECTS} redirects, starting at ${new URL(req.url).hostname}.`);
    const next = new URL(location, hop.url);
    const toGet = res.status === 303 || ((res.status === 301 || res.status === 302) && hop.method === 'POST');
    const headers = Object.fromEntries(
      Object.entries(hop.headers).filter(([name]) => {
        const lower = name.toLowerCase();
        if (toGet && (lower === 'content-type' || lower === 'content-length')) return false;
        return next.origin === hop.url.origin || (lower !== 'authorization' && lower !== 'cookie');
      }),
    );
    hop = toGet ? { method: 'GET', url: next, headers } : { ...hop, url: next, headers };
  }
}
