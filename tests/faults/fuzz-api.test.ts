// Fuzzing the REST API (issue 9): random and mutated flow documents and API bodies, hostile path
// ids and query strings, wrong content types, invalid UTF-8 and oversized bodies, against every
// route handler in app/api/** (called in-process over real Postgres, Redis and the Defender
// simulator, tests/faults/lib/fuzz-http.ts). Zero 5xx; every 4xx a JSON error with a message;
// a flow document the API accepts reads back exactly as the schema parsed it.
// Short form: 500 cases (`npm test`); RIPOSTE_FAULTS_FULL=1: 10,000 (`npm run test:faults`).
// RIPOSTE_FUZZ_SEED / RIPOSTE_FUZZ_CASES replay or resize a run.
import '../integration/setup-env';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/server/db/client';
import { createApiToken, createSession } from '@/server/auth/sessions';
import { createFlow } from '@/server/services/flows';
import { ZCreateFlow, ZUpdateFlow } from '@/server/services/flows';
import { emptyDraftGraph } from '@/core/flow/schema';
import { startHarness, flushQueues, type Harness } from '../integration/harness';
import { createCallers } from '../authz/principals';
import { describeRequest, loadRoutes, problemOf, send, type FuzzRequest, type FuzzResponse, type FuzzRoute } from './lib/fuzz-http';
import { buildRequest, caseSpec, type Pools } from './lib/fuzz-requests';
import { actAs } from '../authz/request-context';

// Routes that read cookies through next/headers (SSO callback, logout) get this request's cookie
// from the same stand-in the authorisation matrix uses; everything below it is real.
vi.mock('next/headers', async () => (await import('../authz/request-context')).nextHeadersMock);

const FULL = process.env.RIPOSTE_FAULTS_FULL === '1';
const CASES = Number(process.env.RIPOSTE_FUZZ_CASES ?? (FULL ? 10_000 : 500));
const SEED = Number(process.env.RIPOSTE_FUZZ_SEED ?? 9009);
// The readiness probe answers 503 by design when no worker beats (its contract, not an error).
const SKIP = new Set(['GET /api/ready']);

let h: Harness;
let routes: FuzzRoute[];
let pools: Pools;
let adminUserId = '';

async function refreshPools(): Promise<void> {
  // The fuzzer deletes flows, tokens and users too: keep a few real targets around.
  if ((await db().flow.count()) < 3) await createFlow(null, { name: `Fuzz target ${randomUUID().slice(0, 6)}`, graph: emptyDraftGraph() });
  // The oldest (fixtures) and the newest (flows the fuzzer made from mutated documents: publish,
  // run and export then meet those graphs).
  const both = (a: { id: string }[], b: { id: string }[]) => [...new Set([...a, ...b].map((r) => r.id))];
  const flows = (dir: 'asc' | 'desc') => db().flow.findMany({ select: { id: true }, take: 10, orderBy: { createdAt: dir } });
  const runs = (dir: 'asc' | 'desc') => db().run.findMany({ select: { id: true }, take: 10, orderBy: { createdAt: dir } });
  pools.ids.flows = both(await flows('asc'), await flows('desc'));
  pools.ids.runs = both(await runs('asc'), await runs('desc'));
  // POST /auth/logout with the session cookie ends it: sign in again.
  pools.adminSession = (await createSession(adminUserId)).token;
  pools.ids.connections = (await db().connection.findMany({ select: { id: true } })).map((c) => c.id);
}

beforeAll(async () => {
  h = await startHarness();
  await flushQueues();
  routes = (await loadRoutes()).filter((r) => !SKIP.has(r.key));
  const callers = await createCallers('fuzz');
  // Users and tokens the fuzzer may edit or revoke: never its own callers'.
  const victims = await Promise.all([1, 2].map((i) => db().user.create({ data: { email: `victim${i}@fuzz.test`, passwordHash: 'x', role: 'viewer' } })));
  for (const v of victims) await createApiToken(v.id, 'victim', 'viewer');
  adminUserId = callers.admin.userId;
  const { token: adminSession } = await createSession(adminUserId);
  pools = {
    ids: { users: victims.map((v) => v.id), tokens: (await db().apiToken.findMany({ where: { userId: { in: victims.map((v) => v.id) } }, select: { id: true } })).map((t) => t.id) },
    admin: callers.admin.apiToken,
    editor: callers.editor.apiToken,
    viewer: callers.viewer.apiToken,
    adminSession,
  };
  // A run to act on (cancel, retry, resubmit, events).
  const version = await db().flowVersion.findFirstOrThrow({ where: { flowId: h.flowId } });
  await db().run.create({ data: { flowId: h.flowId, flowVersionId: version.id, status: 'failed', triggerKind: 'alert', triggerData: { id: 'fuzz-alert' }, alertId: 'fuzz-alert' } });
  await refreshPools();
}, 120_000);

afterAll(async () => {
  await h?.close();
  await flushQueues();
  await db().$disconnect();
});

const draftVersions = new Map<string, number>();

/** What the service would have stored for an accepted create/import, or null if the body is not a valid create. */
function expectedCreate(body: unknown) {
  const parsed = ZCreateFlow.safeParse(body);
  return parsed.success ? parsed.data : null;
}

async function roundTrip(req: FuzzRequest, res: FuzzResponse, body: unknown): Promise<string | null> {
  const key = req.route.key;
  const isCreate = key === 'POST /api/v1/flows' || key === 'POST /api/v1/flows/import';
  const isUpdate = key === 'PUT /api/v1/flows/{id}';
  if (!(isCreate || isUpdate) || res.status !== 200) return null;
  const saved = JSON.parse(res.text) as { id: string; name: string; graph: unknown; draftVersion: number };
  draftVersions.set(saved.id, saved.draftVersion);
  const expected = isCreate ? expectedCreate(body) : ZUpdateFlow.safeParse(body).data;
  if (!expected) return `${key} accepted a body its own schema refuses`;
  const read = await db().flow.findUniqueOrThrow({ where: { id: saved.id } });
  if (expected.graph !== undefined && !isDeepStrictEqualJson(read.graph, expected.graph)) return `${key}: the stored graph differs from what was accepted: ${firstDifference(read.graph, expected.graph)}`;
  if (!isDeepStrictEqualJson(saved.graph, read.graph)) return `${key}: the response graph differs from the stored one`;
  if (expected.name !== undefined && read.name !== expected.name) return `${key}: stored name ${JSON.stringify(read.name)} ≠ ${JSON.stringify(expected.name)}`;
  return null;
}

function firstDifference(a: unknown, b: unknown, path = ''): string {
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const x = (a as Record<string, unknown>)[k];
      const y = (b as Record<string, unknown>)[k];
      if (!isDeepStrictEqualJson(x, y)) return firstDifference(x, y, `${path}.${k}`);
    }
  }
  return `at ${path}: stored ${JSON.stringify(a)?.slice(0, 80)} ≠ sent ${JSON.stringify(b)?.slice(0, 80)}`;
}

/**
 * Equal as JSON documents: key order and -0 do not survive jsonb, and need not. Numbers may differ
 * in the 17th significant digit: Prisma writes Json floats with 16 (prisma/orm#3918, upstream;
 * docs/reliability.md "Fuzzing").
 */
function isDeepStrictEqualJson(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b || Math.abs(a - b) <= 1e-15 * Math.max(Math.abs(a), Math.abs(b));
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => isDeepStrictEqualJson(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = (o: object) => Object.entries(o).filter(([, v]) => v !== undefined).map(([k]) => k).sort();
    const ka = keys(a);
    const kb = keys(b);
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && isDeepStrictEqualJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

describe(`REST API fuzzing (${CASES} cases, seed ${SEED})`, () => {
  it('never answers 5xx; every 4xx is a JSON error with a message; accepted flows round-trip', async () => {
    const specs = fc.sample(caseSpec, { numRuns: CASES, seed: SEED });
    const problems = new Map<string, { count: number; example: string }>();
    const statuses = new Map<number, number>();
    const reached = new Map<string, number>();
    let accepted = 0;
    let fiveXx = 0;
    const started = Date.now();
    for (const [i, spec] of specs.entries()) {
      if (i % 50 === 0) await refreshPools();
      // The first pass visits every route once as admin with a shaped body, so each is reached
      // past its permission check whatever the seed (and whatever routes exist after a merge).
      const visit = i < routes.length ? { ...spec, route: i, who: 'admin' as const, bodyKind: 'shaped' as const } : spec;
      const req = buildRequest(routes, visit, pools, (id) => draftVersions.get(id) ?? 1);
      actAs(req.credential && 'session' in req.credential ? req.credential.session : undefined, req.headers);
      let res: FuzzResponse;
      try {
        res = await send(req);
      } catch (e) {
        // A handler that throws instead of answering is a 500 in Next.
        res = { status: 500, contentType: '', text: `handler threw: ${(e as Error).message}` };
      }
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status !== 401 && res.status !== 403) reached.set(req.route.key, (reached.get(req.route.key) ?? 0) + 1);
      if (res.status >= 500) fiveXx++;
      let problem = problemOf(res);
      if (!problem && res.status < 300) {
        const key = req.route.key;
        if (key.startsWith('POST /api/v1/flows') || key.startsWith('PUT')) accepted++;
        let body: unknown = null;
        try {
          body = req.body ? JSON.parse(new TextDecoder().decode(req.body)) : null;
        } catch {
          body = null;
        }
        problem = await roundTrip(req, res, body);
      }
      if (problem) {
        const sig = `${req.route.key} → ${problem.slice(0, 120)}`;
        const seen = problems.get(sig);
        if (seen) seen.count++;
        else problems.set(sig, { count: 1, example: `case ${i}: ${describeRequest(req)}` });
      }
    }
    const report = [...problems.entries()].map(([sig, p]) => `${p.count}× ${sig}\n    e.g. ${p.example}`).join('\n');
    const summary = `${CASES} cases in ${((Date.now() - started) / 1000).toFixed(1)} s, seed ${SEED}, 5xx: ${fiveXx}, flow writes accepted: ${accepted}, statuses: ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`;
    console.log(`[fuzz-api] ${summary}`);
    console.log(`[fuzz-api] past authentication, per route: ${JSON.stringify(Object.fromEntries(reached))}`);
    // Every route was exercised past its permission check at least once.
    const missed = routes.map((r) => r.key).filter((k) => !reached.has(k));
    if (CASES >= routes.length) expect(missed, `never reached past 401/403: ${missed.join(', ')}`).toEqual([]);
    expect(report, report).toBe('');
    expect(fiveXx).toBe(0);
    // Not vacuous: the cases reached the services (some accepted, many refused for their content).
    expect(accepted).toBeGreaterThan(CASES / 100);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(CASES / 10);
  });
});
