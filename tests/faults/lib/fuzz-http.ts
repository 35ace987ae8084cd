// Calls the real REST route handlers in-process, as Next does (a NextRequest, a params promise),
// with raw bytes as the body so the fuzzer can send what no JSON encoder would: invalid UTF-8,
// truncated documents, the wrong content type. Starting the built server per `npm test` is too
// slow for the short form; everything below the handler (auth, zod, Prisma, Postgres) is real.
import { NextRequest } from 'next/server';
import { SESSION_COOKIE } from '@/server/auth/sessions';
import { ORIGIN, type RouteHandler } from '../../authz/route-call';
import { encodeLoose } from './fuzz-values';
import { routeFiles, routeMethods } from '../../authz/enumerate';

export interface FuzzRoute {
  /** `METHOD /api/v1/flows/{id}` */
  key: string;
  method: string;
  urlPath: string;
  params: string[];
  handler: RouteHandler;
}

export interface FuzzRequest {
  route: FuzzRoute;
  params: Record<string, string>;
  /** Appended to the path as is (already encoded, or deliberately not). */
  query: string;
  headers: Record<string, string>;
  body?: Uint8Array;
  credential: { bearer: string } | { session: string } | null;
}

export interface FuzzResponse {
  status: number;
  contentType: string;
  text: string;
}

/** Every route/method found in app/** (the same enumeration as the authorisation matrix). */
export async function loadRoutes(): Promise<FuzzRoute[]> {
  const out: FuzzRoute[] = [];
  for (const rf of routeFiles()) {
    const mod = (await import(rf.file)) as Record<string, RouteHandler>;
    for (const method of await routeMethods(rf.file)) {
      out.push({ key: `${method} ${rf.urlPath}`, method, urlPath: rf.urlPath, params: rf.params, handler: mod[method] });
    }
  }
  return out;
}

export async function send(r: FuzzRequest): Promise<FuzzResponse> {
  const headers = new Headers({ host: new URL(ORIGIN).host, 'user-agent': 'riposte-fuzz' });
  for (const [k, v] of Object.entries(r.headers)) headers.set(k, v);
  if (r.credential && 'bearer' in r.credential) headers.set('authorization', `Bearer ${r.credential.bearer}`);
  if (r.credential && 'session' in r.credential) headers.set('cookie', `${SESSION_COOKIE}=${r.credential.session}`);
  const abort = new AbortController();
  const path = r.route.urlPath.replace(/\{(\w+)\}/g, (_, name: string) => encodeLoose(r.params[name] ?? ''));
  const url = `${ORIGIN}${path}${r.query}`;
  const hasBody = r.body !== undefined && r.route.method !== 'GET' && r.route.method !== 'HEAD';
  const req = new NextRequest(url, { method: r.route.method, headers, body: hasBody && r.body ? new Uint8Array(r.body) : undefined, signal: abort.signal });
  const res = await r.route.handler(req, { params: Promise.resolve(r.params) });
  const contentType = res.headers.get('content-type') ?? '';
  // Streams (server-sent events, exports) never end by themselves or can be long: the status is enough.
  const streaming = contentType.includes('text/event-stream') || contentType.includes('ndjson');
  const text = streaming ? '' : await res.text();
  if (streaming) await res.body?.cancel();
  abort.abort();
  return { status: res.status, contentType, text };
}

/**
 * What is wrong with a response, or null: no 5xx ever; every 4xx is a JSON error envelope
 * `{ error: { code, message } }` with a non-empty message (docs/api.md).
 */
export function problemOf(res: FuzzResponse): string | null {
  if (res.status >= 500) return `server error ${res.status}: ${res.text.slice(0, 300)}`;
  if (res.status < 400) return null;
  if (!res.contentType.includes('json')) return `${res.status} without a JSON body (content-type ${res.contentType || 'none'})`;
  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch {
    return `${res.status} whose body is not JSON: ${res.text.slice(0, 200)}`;
  }
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (typeof error?.message !== 'string' || error.message.trim() === '') return `${res.status} without error.message: ${res.text.slice(0, 200)}`;
  if (typeof error.code !== 'string' || error.code === '') return `${res.status} without error.code: ${res.text.slice(0, 200)}`;
  return null;
}

/** A short, replayable description of a request for failure messages. */
export function describeRequest(r: FuzzRequest): string {
  const body = r.body ? Buffer.from(r.body).toString('utf8').slice(0, 300) : '(none)';
  return `${r.route.key} path=${JSON.stringify(r.params)} query=${r.query.slice(0, 120)} headers=${JSON.stringify(r.headers).slice(0, 160)} body=${body}`;
}
