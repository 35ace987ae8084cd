// Calls a route handler directly, as Next would: a real NextRequest and a params promise.
import { NextRequest } from 'next/server';
import { SESSION_COOKIE } from '@/server/auth/sessions';

export type RouteHandler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export type Credential = { session: string } | { bearer: string } | null;

export interface CallOptions {
  method: string;
  urlPath: string;
  params: Record<string, string>;
  query?: string;
  credential: Credential;
  headers?: Record<string, string>;
  /** JSON-encoded unless a BodyInit (form data, URLSearchParams) is given. */
  body?: unknown;
}

export const ORIGIN = 'http://localhost:3100';

export function fillPath(urlPath: string, params: Record<string, string>): string {
  return urlPath.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}

export async function callRoute(handler: RouteHandler, opts: CallOptions): Promise<{ status: number; body: string }> {
  const headers = new Headers({ host: new URL(ORIGIN).host, 'user-agent': 'authz-matrix', ...opts.headers });
  if (opts.credential && 'session' in opts.credential) headers.set('cookie', `${SESSION_COOKIE}=${opts.credential.session}`);
  if (opts.credential && 'bearer' in opts.credential) headers.set('authorization', `Bearer ${opts.credential.bearer}`);
  let body: BodyInit | undefined;
  if (opts.body instanceof URLSearchParams || opts.body instanceof FormData) body = opts.body;
  else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  // Streaming routes (server-sent events) never end by themselves: abort once the status is known.
  const abort = new AbortController();
  const url = `${ORIGIN}${fillPath(opts.urlPath, opts.params)}${opts.query ?? ''}`;
  const req = new NextRequest(url, { method: opts.method, headers, body, signal: abort.signal });
  const res = await handler(req, { params: Promise.resolve(opts.params) });
  const isStream = (res.headers.get('content-type') ?? '').includes('text/event-stream');
  const text = isStream ? '' : await res.text();
  if (isStream) await res.body?.cancel();
  abort.abort();
  return { status: res.status, body: text };
}
