// The authorisation matrix (issue 7): every REST route/method and every server action, found
// from the file tree, is called as anonymous, viewer, editor and admin (sessions and API tokens,
// real rows in the test database) and must let through exactly the roles tests/authz/expected-access.ts
// says. A route or action missing from that table fails the first test by name.
import './setup-env';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/server/db/client';
import type { Role } from '@/server/auth/roles';
import { createConnection } from '@/server/services/connections';
import { createFlow, publishFlow, updateDraft } from '@/server/services/flows';
import { buildSeedFlowGraph } from '@/core/testing/builders';
import { resetDatabase } from './harness';
import { createSession } from '@/server/auth/sessions';
import { actionExports, actionFiles, routeFiles, routeMethods } from '../authz/enumerate';
import { ACTIONS, ROUTES, type Fixtures } from '../authz/expected-access';
import { createCallers, RANK, ROLES, type Caller } from '../authz/principals';
import { callRoute, type Credential, type RouteHandler } from '../authz/route-call';
import { actAs, Redirected } from '../authz/request-context';

// Server actions read the request through next/headers; everything below it is real.
vi.mock('next/headers', async () => (await import('../authz/request-context')).nextHeadersMock);
vi.mock('next/navigation', async (original) => ({
  ...(await original<typeof import('next/navigation')>()),
  redirect: (await import('../authz/request-context')).redirectMock,
}));

const SESSION_ENDED = 'Your session has ended. Sign in again.';
const ROLE_REFUSED = 'Your role does not allow this.';

interface FoundRoute {
  key: string;
  urlPath: string;
  params: string[];
  handler: RouteHandler;
}
interface FoundAction {
  key: string;
  fn: (...args: unknown[]) => Promise<unknown>;
}

let callers: Record<Role, Caller>;
let fx: Fixtures;
const routes: FoundRoute[] = [];
const actions: FoundAction[] = [];
const inlineActionFiles: string[] = [];

beforeAll(async () => {
  await resetDatabase();
  callers = await createCallers('matrix');
  // A flow with a published v1 and a changed draft, so the read-only designer actions have
  // something to return when allowed (they return [] / null when refused).
  const defender = await createConnection(null, { kind: 'defender', name: 'Matrix tenant', cloud: 'custom', tenantId: 't', clientId: 'c', clientSecret: 's', apiBaseUrl: 'https://mde.authz.invalid', authorityHost: 'https://login.authz.invalid' });
  const smtp = await createConnection(null, { kind: 'smtp', name: 'Matrix mail', host: '127.0.0.1', port: 25, from: 'r@authz.test' });
  const graph = buildSeedFlowGraph({ defenderConnectionId: defender.id, smtpConnectionId: smtp.id, socEmail: 'soc@authz.test' });
  const flow = await createFlow(null, { name: 'Matrix flow', graph });
  await publishFlow(null, flow.id);
  await updateDraft(null, flow.id, { baseVersion: flow.draftVersion, graph: { ...graph, nodes: graph.nodes.slice(0, -1), edges: graph.edges.slice(0, -1) } });
  fx = { flowId: flow.id, unknownId: () => randomUUID() };
  // A live worker beat, so the readiness probe answers 200 here (it is 503 without a worker).
  await db().workerHeartbeat.create({ data: { id: 'authz-matrix', host: 'test', pid: process.pid } });

  for (const rf of routeFiles()) {
    const mod = (await import(rf.file)) as Record<string, RouteHandler>;
    for (const method of await routeMethods(rf.file)) routes.push({ key: `${method} ${rf.urlPath}`, urlPath: rf.urlPath, params: rf.params, handler: mod[method] });
  }
  const found = actionFiles();
  inlineActionFiles.push(...found.inline);
  for (const file of found.files) actions.push(...(await actionExports(file)));
});

afterAll(async () => {
  await db().$disconnect();
});

describe('the expected-access table covers the file tree', () => {
  it('has an entry for every route/method and every server action, and none for things that no longer exist', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(actions.length).toBeGreaterThan(20);
    const missingRoutes = routes.map((r) => r.key).filter((k) => !(k in ROUTES));
    const missingActions = actions.map((a) => a.key).filter((k) => !(k in ACTIONS));
    const staleRoutes = Object.keys(ROUTES).filter((k) => !routes.some((r) => r.key === k));
    const staleActions = Object.keys(ACTIONS).filter((k) => !actions.some((a) => a.key === k));
    const problems = [
      ...missingRoutes.map((k) => `route "${k}" has no entry in ROUTES (tests/authz/expected-access.ts)`),
      ...missingActions.map((k) => `server action "${k}" has no entry in ACTIONS (tests/authz/expected-access.ts)`),
      ...staleRoutes.map((k) => `ROUTES has "${k}" but no such route/method exists`),
      ...staleActions.map((k) => `ACTIONS has "${k}" but no such server action exists`),
      ...inlineActionFiles.map((f) => `app/${f} declares an inline 'use server' action: move it to a 'use server' file so it is enumerated`),
    ];
    expect(problems, problems.join('\n')).toEqual([]);
  });
});

type Who = 'anonymous' | Role;
const WHO: readonly Who[] = ['anonymous', ...ROLES];

function allowed(who: Who, minimum: Role): boolean {
  return who !== 'anonymous' && RANK[who] >= RANK[minimum];
}

describe('REST routes', () => {
  for (const via of ['session cookie', 'API token'] as const) {
    it(`answer 401 / 403 / let through exactly as the table says (${via})`, async () => {
      const failures: string[] = [];
      for (const r of routes) {
        const rule = ROUTES[r.key];
        if (!rule) continue; // reported by the coverage test
        const [method] = r.key.split(' ');
        for (const who of WHO) {
          if (rule.kind === 'public' && who !== 'anonymous') continue;
          const req = rule.request?.(fx) ?? {};
          const params = Object.fromEntries(r.params.map((p) => [p, req.params?.[p] ?? fx.unknownId()]));
          const body = req.body ?? (['POST', 'PUT', 'PATCH'].includes(method) ? {} : undefined);
          const credential: Credential = who === 'anonymous' ? null : via === 'session cookie' ? { session: callers[who].sessionToken } : { bearer: callers[who].apiToken };
          const res = await callRoute(r.handler, { method, urlPath: r.urlPath, params, query: req.query, credential, body });
          const got = `${r.key} as ${who} → ${res.status} ${res.body.slice(0, 160)}`;
          if (res.status >= 500) failures.push(`${got} (server error)`);
          else if (rule.kind === 'public') {
            if (res.status === 401 || res.status === 403) failures.push(`${got} (public route refused)`);
          } else if (who === 'anonymous') {
            if (res.status !== 401) failures.push(`${got} (expected 401)`);
          } else if (via === 'API token' && rule.sessionOnly) {
            if (res.status !== 403) failures.push(`${got} (expected 403: sessions only, ${rule.sessionOnly})`);
          } else if (!allowed(who, rule.minimum)) {
            if (res.status !== 403) failures.push(`${got} (expected 403: needs ${rule.minimum})`);
          } else if (res.status === 401 || res.status === 403) failures.push(`${got} (expected to be let through)`);
        }
      }
      expect(failures, failures.join('\n')).toEqual([]);
    });
  }

  it('refuses revoked, expired and made-up tokens and sessions like anonymous callers', async () => {
    const handler = routes.find((r) => r.key === 'GET /api/v1/flows')?.handler;
    if (!handler) throw new Error('GET /api/v1/flows not found');
    const admin = callers.admin;
    const revoked = (await db().apiToken.findFirstOrThrow({ where: { userId: admin.userId } })).id;
    const expiredToken = await import('@/server/auth/sessions').then((s) => s.createApiToken(admin.userId, 'expired', 'admin', new Date(Date.now() - 1000)));
    const statusOf = async (credential: Credential) => (await callRoute(handler, { method: 'GET', urlPath: '/api/v1/flows', params: {}, credential })).status;
    expect(await statusOf({ bearer: admin.apiToken })).toBe(200);
    expect(await statusOf({ bearer: expiredToken })).toBe(401);
    expect(await statusOf({ bearer: 'rpt_made-up' })).toBe(401);
    expect(await statusOf({ session: 'rps_made-up' })).toBe(401);
    await db().apiToken.update({ where: { id: revoked }, data: { revokedAt: new Date() } });
    expect(await statusOf({ bearer: admin.apiToken })).toBe(401);
    await db().apiToken.update({ where: { id: revoked }, data: { revokedAt: null } });
  });
});

function describeResult(result: unknown): string {
  return result instanceof Redirected ? `redirect ${result.url}` : JSON.stringify(result)?.slice(0, 160) ?? String(result);
}

async function runAction(fn: FoundAction['fn'], args: unknown[]): Promise<unknown> {
  try {
    return await fn(...args);
  } catch (e) {
    if (e instanceof Redirected) return e;
    throw e;
  }
}

describe('server actions', () => {
  it('refuse or let through exactly as the table says (session cookie via next/headers)', async () => {
    const failures: string[] = [];
    for (const a of actions) {
      const rule = ACTIONS[a.key];
      if (!rule) continue; // reported by the coverage test
      for (const who of WHO) {
        if (rule.kind === 'public' && who !== 'anonymous') continue;
        // A fresh session per call: some allowed actions end the caller's sessions (sign out
        // everywhere, password change), which must not turn the next action into "session ended".
        actAs(who === 'anonymous' ? undefined : (await createSession(callers[who].userId)).token);
        let result: unknown;
        try {
          result = await runAction(a.fn, rule.args(fx));
        } catch (e) {
          failures.push(`${a.key} as ${who} threw ${(e as Error).message}`);
          continue;
        }
        const text = describeResult(result);
        const got = `${a.key} as ${who} → ${text}`;
        if (rule.kind === 'public') {
          if (text.includes(SESSION_ENDED) || text.includes(ROLE_REFUSED)) failures.push(`${got} (public action refused)`);
          continue;
        }
        const refusedEmpty = result === null || (Array.isArray(result) && result.length === 0);
        const expectRefused = !allowed(who, rule.minimum);
        if (rule.refusal === 'empty') {
          if (refusedEmpty !== expectRefused) failures.push(`${got} (expected ${expectRefused ? 'refused: [] or null' : 'a non-empty result'})`);
        } else if (!expectRefused) {
          if (text.includes(SESSION_ENDED) || text.includes(ROLE_REFUSED)) failures.push(`${got} (expected to be let through)`);
        } else {
          const message = who === 'anonymous' ? SESSION_ENDED : ROLE_REFUSED;
          if (!text.includes(message)) failures.push(`${got} (expected refusal "${message}")`);
        }
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });
});
