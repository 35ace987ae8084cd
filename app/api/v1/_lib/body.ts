// Reading request bodies for the REST API: only JSON, and never more than RIPOSTE_MAX_BODY_BYTES.
// The cap is enforced on the bytes actually read from the stream (a client may lie in
// Content-Length or send chunked), so an oversized body costs us at most the cap in memory.
import { env } from '@/server/env';
import { badRequest, ServiceError } from '@/server/services/errors';

/** The content types a cross-site HTML form (or a CORS "simple" request) can send. */
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

function mediaType(req: Request): string {
  return (req.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function isJsonType(type: string): boolean {
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

const tooLarge = (limit: number) =>
  new ServiceError(413, 'PayloadTooLarge', `The request body is larger than ${formatBytes(limit)}, the most this server accepts`, { limitBytes: limit });

function formatBytes(n: number): string {
  return n >= 1024 * 1024 && n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} bytes`;
}

/**
 * A mutation on the JSON API never takes a form body: refusing these types means a cross-site
 * <form> cannot reach a mutation even if a browser left out the Origin header.
 */
export function assertNotFormBody(req: Request): void {
  if (FORM_TYPES.includes(mediaType(req))) {
    throw new ServiceError(415, 'UnsupportedMediaType', 'This API takes JSON: send the body with Content-Type: application/json');
  }
}

/** The body as text, reading at most `limit` bytes (413 beyond). */
export async function readBodyText(req: Request, limit = env().RIPOSTE_MAX_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      // Stop reading: the rest of the stream is never buffered.
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw badRequest('The request body is not valid UTF-8 text');
  }
}

/** A JSON body: 415 for another content type, 413 when too large, 400 when not JSON. */
export async function readJsonBody(req: Request, limit?: number): Promise<unknown> {
  const type = mediaType(req);
  if (!isJsonType(type)) {
    throw new ServiceError(415, 'UnsupportedMediaType', `Send a JSON body with Content-Type: application/json${type ? ` (got ${type.slice(0, 100)})` : ''}`);
  }
  const text = await readBodyText(req, limit);
  if (text.trim() === '') throw badRequest('The request body is empty: send a JSON document');
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw badRequest('The request body is not valid JSON');
  }
  const unstorable = unstorableText(value);
  if (unstorable) throw badRequest(`The request body cannot be stored: ${unstorable}`);
  return value;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function textProblem(s: string): string | null {
  if (s.includes('\u0000')) return 'contains a NUL character (\\u0000)';
  if (LONE_SURROGATE.test(s)) return 'contains an unpaired UTF-16 surrogate (e.g. \\ud800)';
  return null;
}

/**
 * Postgres text and jsonb cannot hold NUL, nor an unpaired surrogate (valid JSON, invalid
 * Unicode): such a body would fail its INSERT as a 500, or be changed silently on the way in
 * (found by the fuzzer, issue 9); nor is a "__proto__" field name kept (below).
 * Walked without recursion: JSON.parse accepts nesting far deeper than the call stack.
 */
function unstorableText(root: unknown): string | null {
  const stack: { v: unknown; path: string }[] = [{ v: root, path: '' }];
  while (stack.length > 0) {
    const { v, path } = stack.pop() as { v: unknown; path: string };
    if (typeof v === 'string') {
      const why = textProblem(v);
      if (why) return `${path ? `the text at ${path}` : 'the text'} ${why}`;
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push({ v: v[i], path: path.length < 200 ? `${path}[${i}]` : path });
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        // A parser that copies objects by assignment (zod does) turns "__proto__" into the copy's
        // prototype: the field would vanish from what is stored, yet be readable through it.
        const why = k === '__proto__' ? 'is __proto__, which is not allowed' : textProblem(k);
        if (why) return `${path ? `a field name in ${path}` : 'a field name'} ${why}`;
        stack.push({ v: child, path: path.length < 200 ? (path ? `${path}.${k.slice(0, 50)}` : k.slice(0, 50)) : path });
      }
    }
  }
  return null;
}
