// Random and mutated requests for every REST route: path ids real, unknown and malformed; query
// strings with the routes' own keys and hostile values; bodies as random JSON, mutated flow
// documents, invalid UTF-8, truncated or oversized text, under the wrong content type.
import fc from 'fast-check';
import { ZAuditListQuery } from '@/server/services/audit-query';
import { ZRunListQuery } from '@/server/services/runs';
import { flowDocument } from './fuzz-flows';
import { deepMarker, encodeLoose, expandDeepMarkers, nastyJson, nastyString } from './fuzz-values';
import { bodyFieldsByRoute } from './fuzz-shapes';
import type { FuzzRequest, FuzzRoute } from './fuzz-http';

export interface Pools {
  /** Ids that exist, by the first path segment after /api/v1/ (flows, runs, users, tokens). */
  ids: Record<string, string[]>;
  admin: string;
  editor: string;
  viewer: string;
  /** A session of the admin (cookie auth: the same-origin rule applies). */
  adminSession: string;
}

export type BodyKind = 'shaped' | 'json' | 'flow' | 'flowUpdate' | 'truncated' | 'invalidUtf8' | 'bytes' | 'oversize' | 'empty' | 'none';

export interface CaseSpec {
  route: number;
  idKind: 'real' | 'unknown' | 'bad';
  idPick: number;
  badId: string;
  query: string;
  bodyKind: BodyKind;
  json: unknown;
  /** Field picks for a 'shaped' body: index into the route's documented fields, and a value. */
  shaped: { field: number; value: unknown }[];
  flow: { doc: unknown; mutations: string[] };
  baseVersion: unknown;
  bytes: Uint8Array;
  cut: number;
  contentType: string | null;
  who: 'admin' | 'editor' | 'viewer' | 'session' | 'none' | 'garbage';
}

const QUERY_KEYS = [...new Set([...Object.keys(ZRunListQuery.shape), ...Object.keys(ZAuditListQuery.shape), 'all', 'code', 'state', 'error'])];

const rawQuery = fc.oneof(
  { weight: 1, arbitrary: fc.constant('') },
  {
    weight: 4,
    arbitrary: fc
      .array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), nastyString), fc.oneof(nastyString, fc.constantFrom('1', 'failed', 'older', 'newer', '24h', 'High', 'alert', '0', '-1', '201', '1e3'))), { minLength: 1, maxLength: 4 })
      .map((pairs) => '?' + pairs.map(([k, v]) => `${encodeLoose(k)}=${encodeLoose(v)}`).join('&')),
  },
  // Not encoded at all, or broken escapes: what a careless client sends.
  { weight: 1, arbitrary: fc.constantFrom('?%zz=1', '?status=%', '?limit=%00', '?&&=&', '?from=%ff%fe', '?status=failed&status=nope', '?cursor=' + 'z'.repeat(300), '?q=%E0%A4%A', '?flowId=not-a-uuid', '?from=-100000-01-01', '?to=275760-09-13', '?limit=99999999999999999999') },
);

const INVALID_UTF8 = [new Uint8Array([0xff, 0xfe]), new Uint8Array([0xc3, 0x28]), new Uint8Array([0xed, 0xa0, 0x80]), new Uint8Array([0xf4, 0x90, 0x80, 0x80]), new Uint8Array([0x80])];

// A real id (flow, run, connection, user) where the value says POOL.
const plausible = fc.constantFrom<unknown>('POOL', ['POOL'], ['POOL', 'POOL'], 'High', 'published', 'draft', 'defender', 'smtp', 'webhook', 'http', 'admin', 'viewer', 'editor', true, false, 1, 30, 'https://127.0.0.1:1', 'a@b.test', { id: 'x', title: 'y' }, [], {});
const shapedValue = fc.oneof({ weight: 3, arbitrary: plausible }, { weight: 3, arbitrary: nastyJson }, { weight: 1, arbitrary: deepMarker });

export const caseSpec: fc.Arbitrary<CaseSpec> = fc.record({
  route: fc.nat(),
  idKind: fc.constantFrom('real', 'real', 'unknown', 'bad'),
  idPick: fc.nat(),
  badId: nastyString,
  query: rawQuery,
  bodyKind: fc.constantFrom<BodyKind>('shaped', 'shaped', 'shaped', 'json', 'json', 'flow', 'flow', 'flow', 'flowUpdate', 'flowUpdate', 'truncated', 'invalidUtf8', 'bytes', 'oversize', 'empty', 'none'),
  json: nastyJson,
  shaped: fc.array(fc.record({ field: fc.nat(), value: shapedValue }), { minLength: 1, maxLength: 5 }),
  flow: flowDocument,
  baseVersion: fc.oneof(fc.constant('current'), fc.constant('current'), nastyJson),
  bytes: fc.uint8Array({ maxLength: 64 }),
  cut: fc.nat(),
  contentType: fc.oneof(
    { weight: 8, arbitrary: fc.constant('application/json') },
    { weight: 1, arbitrary: fc.constantFrom(null, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/vnd.riposte+json', 'APPLICATION/JSON', 'application/xml', ';;', 'application/json\u0000') },
  ),
  who: fc.constantFrom('admin', 'admin', 'admin', 'admin', 'editor', 'viewer', 'session', 'none', 'garbage'),
});

const FLOW_BODY_ROUTES = ['POST /api/v1/flows', 'POST /api/v1/flows/import', 'PUT /api/v1/flows/{id}'];

/** Which route a case goes to: half the cases go to the flow document routes, the rest anywhere. */
export function pickRoute(routes: FuzzRoute[], spec: CaseSpec): FuzzRoute {
  const flowRoutes = routes.filter((r) => FLOW_BODY_ROUTES.includes(r.key));
  const useFlow = (spec.bodyKind === 'flow' || spec.bodyKind === 'flowUpdate') && spec.route % 4 !== 0;
  const list = useFlow ? flowRoutes.filter((r) => (spec.bodyKind === 'flowUpdate') === r.key.startsWith('PUT')) : routes;
  return list[spec.route % list.length];
}

function area(route: FuzzRoute): string {
  return route.urlPath.split('/')[3] ?? '';
}

export function buildRequest(routes: FuzzRoute[], spec: CaseSpec, pools: Pools, draftVersionOf: (flowId: string) => number): FuzzRequest {
  const route = pickRoute(routes, spec);
  const real = pools.ids[area(route)] ?? [];
  const params: Record<string, string> = {};
  for (const p of route.params) {
    if (spec.idKind === 'real' && real.length > 0) params[p] = real[spec.idPick % real.length];
    else if (spec.idKind === 'bad') params[p] = spec.badId;
    else params[p] = crypto.randomUUID();
  }
  const headers: Record<string, string> = {};
  if (spec.contentType !== null && /^[\t\x20-\x7e]*$/.test(spec.contentType)) headers['content-type'] = spec.contentType;
  const credential =
    spec.who === 'none' ? null
    : spec.who === 'garbage' ? { bearer: `rpt_${spec.badId.replace(/[^\x21-\x7e]/g, '')}` }
    : spec.who === 'session' ? { session: pools.adminSession }
    : { bearer: pools[spec.who] };
  if (spec.who === 'session') headers.origin = 'http://localhost:3100';
  const allIds = Object.values(pools.ids).flat();
  const body = spec.bodyKind === 'shaped' ? enc.encode(jsonText(shapedBody(route, spec, allIds))) : bodyOf(spec, params, draftVersionOf);
  return { route, params, query: spec.query, headers, body, credential };
}

let fields: Map<string, string[]> | null = null;

function shapedBody(route: FuzzRoute, spec: CaseSpec, ids: string[]): Record<string, unknown> {
  fields ??= bodyFieldsByRoute();
  const known = fields.get(route.key)?.length ? (fields.get(route.key) as string[]) : (fields.get('POST /api/v1/connections') ?? ['name']);
  const pool = (v: unknown, i: number): unknown => (v === 'POOL' ? (ids[(spec.idPick + i) % Math.max(1, ids.length)] ?? crypto.randomUUID()) : Array.isArray(v) ? v.map(pool) : v);
  return Object.fromEntries(spec.shaped.map((f, i) => [known[f.field % known.length], pool(f.value, i)]));
}

const enc = new TextEncoder();

function bodyOf(spec: CaseSpec, params: Record<string, string>, draftVersionOf: (flowId: string) => number): Uint8Array | undefined {
  switch (spec.bodyKind) {
    case 'none':
      return undefined;
    case 'empty':
      return new Uint8Array();
    case 'bytes':
      return spec.bytes;
    case 'invalidUtf8': {
      const text = enc.encode(JSON.stringify({ name: 'x', graph: { schemaVersion: 1, nodes: [], edges: [] } }));
      const bad = INVALID_UTF8[spec.cut % INVALID_UTF8.length];
      const at = 9; // inside the name string
      return new Uint8Array([...text.slice(0, at), ...bad, ...text.slice(at)]);
    }
    case 'oversize':
      return enc.encode(JSON.stringify({ name: 'x', padding: 'p'.repeat(1024 * 1024 + (spec.cut % 1000)) }));
    case 'truncated': {
      const text = jsonText(spec.flow.doc);
      return enc.encode(text.slice(0, spec.cut % Math.max(1, text.length)));
    }
    case 'flow':
      return enc.encode(jsonText(spec.flow.doc));
    case 'flowUpdate': {
      const doc = spec.flow.doc && typeof spec.flow.doc === 'object' && !Array.isArray(spec.flow.doc) ? { ...(spec.flow.doc as object) } : { graph: spec.flow.doc };
      const baseVersion = spec.baseVersion === 'current' ? draftVersionOf(params.id ?? '') : spec.baseVersion;
      return enc.encode(jsonText({ ...doc, baseVersion }));
    }
    case 'json':
      return enc.encode(jsonText(spec.json));
  }
}

/** JSON text with the deep-nesting markers expanded (fuzz-values.ts). */
export function jsonText(v: unknown): string {
  return expandDeepMarkers(JSON.stringify(v) ?? 'null');
}
