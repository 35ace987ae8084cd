// Small request/response helpers for the node:https server (no framework on purpose:
// the simulator must start in-process in tests with nothing but Node built-ins).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const MAX_BODY_BYTES = 1_000_000;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new Error('Request body too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  writeHead(res, status, {
    'content-type': 'application/json; odata.metadata=minimal; charset=utf-8',
    'content-length': Buffer.byteLength(text).toString(),
    ...headers,
  });
  res.end(text);
}

/** Headers go through setHeader, so the call log can read them back (Retry-After) once sent. */
function writeHead(res: ServerResponse, status: number, headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.writeHead(status);
}

export function sendRaw(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  writeHead(res, status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

/** MDE error body (`common-errors.md`): `target` is a per-request correlation id. */
export function sendMdeError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { error: { code, message, target: randomUUID() } }, headers);
}

/** Parses a JSON body; returns `undefined` for an empty body and throws SyntaxError when malformed. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  return JSON.parse(text);
}

/**
 * The request body as a JSON object, or the MDE 400 message to answer with (not JSON / not an
 * object). Routes that need a body start with this.
 */
export function jsonObjectBody(text: string): { ok: true; body: Record<string, unknown> } | { ok: false; error: string } {
  let body: unknown;
  try {
    body = parseJsonBody(text);
  } catch {
    return { ok: false, error: 'Request body is not valid JSON.' };
  }
  return isPlainObject(body) ? { ok: true, body } : { ok: false, error: 'Request body must be a JSON object.' };
}

export function queryObject(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams.entries());
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Microsoft Graph error body: `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`.
 */
export function sendGraphError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  const requestId = randomUUID();
  sendJson(res, status, {
    error: { code, message, innerError: { date: new Date().toISOString().replace(/\.\d+Z$/, ''), 'request-id': requestId, 'client-request-id': requestId } },
  }, headers);
}
