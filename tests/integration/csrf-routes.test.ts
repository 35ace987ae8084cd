// CSRF (issue 7): every mutating REST route (from the file tree), called with a valid admin
// session cookie by a cross-site form — urlencoded, multipart or text/plain — or by a request
// whose fetch metadata says cross-site, is refused (403 CrossOrigin or 415), and nothing in
// the database changes. The ids are real, so a request that got through would show.
import './setup-env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import type { Role } from '@/server/auth/roles';
import { createConnection } from '@/server/services/connections';
import { createFlow, publishFlow } from '@/server/services/flows';
import { buildSeedFlowGraph } from '@/core/testing/builders';
import { resetDatabase } from './harness';
import { MUTATING_METHODS, routeFiles, routeMethods, type HttpMethod } from '../authz/enumerate';
import { createCallers, type Caller } from '../authz/principals';
import { callRoute, type RouteHandler } from '../authz/route-call';
import { databaseFingerprint } from '../authz/db-fingerprint';
import { realParams, type CsrfFixtures } from '../authz/csrf-targets';

const EVIL = 'https://evil.example';

interface Target {
  key: string;
  method: HttpMethod;
  urlPath: string;
  params: Record<string, string>;
  handler: RouteHandler;
}

let callers: Record<Role, Caller>;
const targets: Target[] = [];

function formBodies(): { kind: string; body: BodyInit; contentType?: string }[] {
  const fields = { name: 'csrf', email: 'admin@authz.test', password: 'x', enabled: 'true', severity: 'High', runIds: '1' };
  const multipart = new FormData();
  for (const [k, v] of Object.entries(fields)) multipart.set(k, v);
  return [
    { kind: 'urlencoded form', body: new URLSearchParams(fields) },
    { kind: 'multipart form', body: multipart },
    // <form enctype="text/plain"> carrying a JSON-looking body: the classic trick against JSON APIs.
    { kind: 'text/plain form', body: '{"name":"csrf","graph":{"schemaVersion":1,"nodes":[],"edges":[]}}', contentType: 'text/plain' },
  ];
}

beforeAll(async () => {
  await resetDatabase();
  callers = await createCallers('csrf');
  const defender = await createConnection(null, { kind: 'defender', name: 'CSRF tenant', cloud: 'custom', tenantId: 't', clientId: 'c', clientSecret: 's', apiBaseUrl: 'https://mde.authz.invalid', authorityHost: 'https://login.authz.invalid' });
  const smtp = await createConnection(null, { kind: 'smtp', name: 'CSRF mail', host: '127.0.0.1', port: 25, from: 'r@authz.test' });
  const flow = await createFlow(null, { name: 'CSRF flow', graph: buildSeedFlowGraph({ defenderConnectionId: defender.id, smtpConnectionId: smtp.id, socEmail: 'soc@authz.test' }) });
  const published = await publishFlow(null, flow.id);
  const version = await db().flowVersion.findFirstOrThrow({ where: { flowId: flow.id, version: published.version } });
  const run = await db().run.create({ data: { flowId: flow.id, flowVersionId: version.id, status: 'failed', triggerKind: 'manual', triggerData: {} } });
  const token = await db().apiToken.findFirstOrThrow({ where: { userId: callers.admin.userId } });
  const fx: CsrfFixtures = { connectionId: defender.id, flowId: flow.id, runId: run.id, tokenId: token.id, userId: callers.viewer.userId };

  for (const rf of routeFiles()) {
    const mod = (await import(rf.file)) as Record<string, RouteHandler>;
    for (const method of await routeMethods(rf.file)) {
      if (!MUTATING_METHODS.includes(method)) continue;
      targets.push({ key: `${method} ${rf.urlPath}`, method, urlPath: rf.urlPath, params: realParams(rf.urlPath, rf.params, fx), handler: mod[method] });
    }
  }
});

afterAll(async () => {
  await db().$disconnect();
});

function refusal(status: number, body: string): boolean {
  return (status === 403 && body.includes('"CrossOrigin"')) || status === 415;
}

describe('cross-site requests with the admin session cookie', () => {
  it('covers every mutating route', () => {
    expect(targets.length).toBeGreaterThan(15);
    expect(targets.map((t) => t.key)).toContain('POST /api/v1/auth/logout');
  });

  it('a form post from another origin to each mutation is refused and changes nothing', async () => {
    const before = await databaseFingerprint();
    const failures: string[] = [];
    for (const t of targets) {
      for (const form of formBodies()) {
        const headers: Record<string, string> = { origin: EVIL, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' };
        if (form.contentType) headers['content-type'] = form.contentType;
        const res = await callRoute(t.handler, { method: t.method, urlPath: t.urlPath, params: t.params, credential: { session: callers.admin.sessionToken }, headers, body: form.body });
        if (!refusal(res.status, res.body)) failures.push(`${t.key} (${form.kind}) → ${res.status} ${res.body.slice(0, 120)}`);
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
    expect(await databaseFingerprint()).toEqual(before);
  });

  it('is refused on fetch metadata alone (no Origin, Sec-Fetch-Site: cross-site or same-site), and on an opaque "null" origin', async () => {
    const before = await databaseFingerprint();
    const failures: string[] = [];
    const variants: Record<string, string>[] = [{ 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'null' }];
    for (const t of targets) {
      for (const headers of variants) {
        const res = await callRoute(t.handler, { method: t.method, urlPath: t.urlPath, params: t.params, credential: { session: callers.admin.sessionToken }, headers, body: new URLSearchParams({ name: 'csrf' }) });
        if (!refusal(res.status, res.body)) failures.push(`${t.key} ${JSON.stringify(headers)} → ${res.status} ${res.body.slice(0, 120)}`);
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
    expect(await databaseFingerprint()).toEqual(before);
  });

  it('still lets same-origin calls through (the check is not refusing everything)', async () => {
    const disable = targets.find((t) => t.key === 'POST /api/v1/flows/{id}/disable');
    if (!disable) throw new Error('POST /api/v1/flows/{id}/disable not found');
    const sameOrigin: Record<string, string>[] = [{ origin: 'http://localhost:3100', 'sec-fetch-site': 'same-origin' }, {}];
    for (const headers of sameOrigin) {
      const res = await callRoute(disable.handler, { method: 'POST', urlPath: disable.urlPath, params: disable.params, credential: { session: callers.admin.sessionToken }, headers });
      expect(res.status, res.body).toBe(200);
    }
    // Bearer tokens are not sent by browsers on their own, so they are exempt from the origin check.
    const bearer = await callRoute(disable.handler, { method: 'POST', urlPath: disable.urlPath, params: disable.params, credential: { bearer: callers.admin.apiToken }, headers: { origin: EVIL } });
    expect(bearer.status, bearer.body).toBe(200);
  });
});
