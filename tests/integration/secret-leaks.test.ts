// Issue 7's leak test: after creating connections with known secrets and running flows that use
// them, no API response, export, log line or run record contains any secret. Real parts: the
// Defender simulator (an app registration with a known client secret), the SMTP capture, an
// HTTPS capture standing in for Teams, Slack, a SOAR and its OAuth endpoint, Postgres and an
// in-process worker. Some endpoints echo the secrets back on purpose (a 400 quoting the webhook
// signature, a body echoing the Authorization header), so the redactor has something to catch.
// Then everything is searched: every column of every table (Connection.secret must be a sealed
// envelope), every GET of the REST API (audit log and its export included), the connection tests,
// server actions (one failing with a secret in its error), the CLI's flow export, and the log
// output: the worker's, and the web process's (pino writes to stdout, console is spied on).
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { randomBytes } from 'node:crypto';
import { NextRequest } from 'next/server';
import { eventually } from './harness';
import { useHarness } from './lifecycle';
import { startHttpCapture, type HttpCapture } from './http-capture';
import { db } from '@/server/db/client';
import { resetEnvCache } from '@/server/env';
import { createApiToken, createSession } from '@/server/auth/sessions';
import { createConnection } from '@/server/services/connections';
import { createFlow, publishFlow, setFlowEnabled } from '@/server/services/flows';
import { ServiceError } from '@/server/services/errors';
import { clearTokenCache } from '@/server/net/http-auth';
import { closeWebQueues } from '@/server/queue/web-queues';
import { envelopeKeyId } from '@/server/crypto/secrets';
import { buildEdge, buildGraph, buildNode } from '@/core/testing/builders';
import type { TFlowNode } from '@/core/flow/schema';
import { errorResponse } from '@/app/api/v1/_lib/handler';
import { GET as listConnectionsRoute } from '@/app/api/v1/connections/route';
import { GET as getConnectionRoute } from '@/app/api/v1/connections/[id]/route';
import { POST as testConnectionRoute } from '@/app/api/v1/connections/[id]/test/route';
import { GET as listFlowsRoute } from '@/app/api/v1/flows/route';
import { GET as getFlowRoute } from '@/app/api/v1/flows/[id]/route';
import { GET as exportFlowRoute } from '@/app/api/v1/flows/[id]/export/route';
import { GET as listRunsRoute } from '@/app/api/v1/runs/route';
import { GET as getRunRoute } from '@/app/api/v1/runs/[id]/route';
import { GET as runCountsRoute } from '@/app/api/v1/runs/counts/route';
import { GET as listAuditRoute } from '@/app/api/v1/audit/route';
import { GET as exportAuditRoute } from '@/app/api/v1/audit/export/route';
import { testConnectionAction, updateConnectionAction } from '@/app/(app)/connections/actions';
import { listAlertsAction } from '@/app/(app)/flows/[id]/manual-run-actions';
import { failure } from '@/app/_lib/action-result';
import { exportFlows } from '@/cli/commands/flows-export';
import { actAs } from '../authz/request-context';

// Server actions read the session cookie through next/headers; everything below it is real.
vi.mock('next/headers', async () => (await import('../authz/request-context')).nextHeadersMock);
// There is no page cache outside a Next server for revalidatePath to mark stale.
vi.mock('next/cache', async (original) => ({ ...(await original<typeof import('next/cache')>()), revalidatePath: () => undefined }));

const life = useHarness({ seedFlowOn: false });
const tag = randomBytes(6).toString('hex');
/** Every secret the connections hold (and the OAuth access token the SOAR hands out). */
const S = {
  defender: `S3CRET-defender-${tag}`,
  smtp: `S3CRET-smtp-${tag}`,
  teamsSig: `S3CRET-teams-sig-${tag}`,
  failingSig: `S3CRET-failing-sig-${tag}`,
  slackKey: `S3CRETslackKey${tag}`,
  bearer: `S3CRET-bearer-${tag}`,
  basic: `S3CRET-basic-${tag}`,
  oauthClient: `S3CRET-oauth-client-${tag}`,
  accessToken: `S3CRET-access-token-${tag}`,
};
const LEAK_CLIENT_ID = `leak-client-${tag}`;

let capture: HttpCapture;
let adminToken: string;
let adminSession: string;
const logs: string[] = [];

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(handler: Handler, method: string, url: string, params: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const req = new NextRequest(`http://localhost${url}`, { method, headers: { authorization: `Bearer ${adminToken}` } });
  const res = await handler(req, { params: Promise.resolve(params) });
  return { status: res.status, text: await res.text() };
}

/** Each secret and its URL-encoded form, wherever it is found, as "where: which secret". */
function hits(where: string, text: string): string[] {
  const out: string[] = [];
  for (const [name, secret] of Object.entries(S)) {
    if (text.includes(secret) || text.includes(encodeURIComponent(secret))) out.push(`${where}: ${name}`);
  }
  return out;
}

async function flow(name: string, steps: TFlowNode[], triggerConnectionId: string, settings?: TFlowNode['settings']): Promise<string> {
  const trigger = buildNode('trigger', 'defender.alertCreated', { connectionId: triggerConnectionId });
  if (settings) trigger.settings = settings;
  const nodes = [trigger, ...steps];
  const created = await createFlow(null, { name, graph: buildGraph(nodes, nodes.slice(1).map((n, i) => buildEdge(nodes[i]!.id, n.id))) });
  await publishFlow(null, created.id);
  await setFlowEnabled(null, created.id, true);
  return created.id;
}

beforeAll(() => {
  process.env.RIPOSTE_OUTBOUND_ALLOW = '127.0.0.1';
  resetEnvCache();
});
afterAll(async () => {
  delete process.env.RIPOSTE_OUTBOUND_ALLOW;
  resetEnvCache();
  await closeWebQueues();
});
beforeEach(async () => {
  capture = await startHttpCapture();
  clearTokenCache();
  const admin = await db().user.create({ data: { email: 'admin@leaks.test', passwordHash: 'x', role: 'admin' } });
  adminToken = await createApiToken(admin.id, 'leak test', 'admin');
  adminSession = (await createSession(admin.id)).token;
});
afterEach(async () => {
  vi.restoreAllMocks();
  await capture.close();
});

describe('secrets never leak', () => {
  it('no API response, export, log line or run record contains a connection secret', async () => {
    // The endpoints. Some echo secrets back, as real services do in error messages.
    capture.script('/oauth/token', () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ access_token: S.accessToken, expires_in: 3600 }) }));
    capture.script('/soar/echo', (req) => ({
      status: 200,
      headers: { 'content-type': 'application/json', 'x-echo-authorization': String(req.headers.authorization) },
      body: JSON.stringify({ youSent: req.headers.authorization, note: `token was ${String(req.headers.authorization).replace(/^Bearer /, '')}` }),
    }));
    capture.script('/soar/basic', (req) => ({ status: 401, headers: { 'content-type': 'text/plain' }, body: `wrong credentials ${String(req.headers.authorization)} for password ${S.basic}` }));
    capture.script('/workflows/failing/triggers/manual/paths/invoke', (req) => ({ status: 400, headers: { 'content-type': 'text/plain' }, body: `Invalid signature ${S.failingSig} for https://127.0.0.1${req.url}` }));

    // The connections, each with a distinctive secret.
    // An app registration in the simulated tenant with a known secret (every role granted).
    const registered = await fetch(`${life.h.sim.url}/_sim/clients/${LEAK_CLIENT_ID}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ clientSecret: S.defender, roles: {} }) });
    expect(registered.status).toBe(200);
    const defender = await createConnection(null, { kind: 'defender', name: 'Leak tenant', tenantId: 'c0ffee00-0000-4000-8000-000000000001', clientId: LEAK_CLIENT_ID, clientSecret: S.defender, apiBaseUrl: life.h.sim.url, authorityHost: life.h.sim.url, graphBaseUrl: life.h.sim.url });
    const smtp = await createConnection(null, { kind: 'smtp', name: 'Leak relay', host: '127.0.0.1', port: life.h.smtp.port, username: 'svc', password: S.smtp, from: 'riposte@leaks.test' });
    const teams = await createConnection(null, { kind: 'webhook', name: 'Leak Teams', service: 'teams', url: `${capture.url}/workflows/ok/triggers/manual/paths/invoke?api-version=2016-06-01&sv=1.0&sig=${S.teamsSig}` });
    const failingTeams = await createConnection(null, { kind: 'webhook', name: 'Leak Teams (rejects)', service: 'teams', url: `${capture.url}/workflows/failing/triggers/manual/paths/invoke?api-version=2016-06-01&sig=${S.failingSig}` });
    const slack = await createConnection(null, { kind: 'webhook', name: 'Leak Slack', service: 'slack', url: `${capture.url}/services/T0LEAK/B0LEAK/${S.slackKey}` });
    const bearer = await createConnection(null, { kind: 'http', name: 'Leak SOAR (bearer)', authType: 'bearer', token: S.bearer });
    const basic = await createConnection(null, { kind: 'http', name: 'Leak SOAR (basic)', authType: 'basic', username: 'svc', password: S.basic });
    const oauth = await createConnection(null, { kind: 'http', name: 'Leak SOAR (OAuth)', authType: 'oauth2', tokenUrl: `${capture.url}/oauth/token`, clientId: 'riposte', clientSecret: S.oauthClient });

    // Flows using each of them: one that succeeds, two whose last step fails (one notifies on failure).
    const okFlow = await flow('Leak: everything works', [
      buildNode('get_alert', 'defender.getAlert', { connectionId: defender.id, alertId: '{{ trigger.id }}' }),
      buildNode('card', 'teams.postCard', { connectionId: teams.id, title: 'Alert {{ get_alert.title }}', severity: '{{ get_alert.severity }}' }),
      buildNode('slack', 'slack.postMessage', { connectionId: slack.id, text: 'Alert {{ get_alert.id }}' }),
      buildNode('soar_bearer', 'http.request', { connectionId: bearer.id, method: 'POST', url: `${capture.url}/soar/echo`, headers: 'X-Source: Riposte', bodyType: 'json', body: '{"alert": "{{ get_alert.id }}"}' }),
      buildNode('soar_oauth', 'http.request', { connectionId: oauth.id, url: `${capture.url}/soar/echo` }),
      buildNode('mail', 'email.send', { connectionId: smtp.id, to: 'soc@leaks.test', subject: 'Handled {{ get_alert.id }}', body: 'The SOAR answered {{ soar_bearer.bodyText }}' }),
    ], defender.id);
    const basicFlow = await flow('Leak: SOAR refuses', [buildNode('soar_basic', 'http.request', { connectionId: basic.id, url: `${capture.url}/soar/basic` })], defender.id);
    const failingFlow = await flow('Leak: Teams refuses', [buildNode('card', 'teams.postCard', { connectionId: failingTeams.id, title: 'Alert {{ trigger.id }}' })], defender.id, {
      onFailure: { emailTo: ['duty@leaks.test'], smtpConnectionId: smtp.id, teamsConnectionId: teams.id },
    });

    // Capture what the worker logs: through its injected logger and anything on the console.
    const sink = (...args: unknown[]) => {
      logs.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    };
    for (const level of ['log', 'warn', 'error', 'info'] as const) vi.spyOn(console, level).mockImplementation(sink);
    // The web process's pino logger (server/log/logger.ts) writes JSON lines straight to stdout.
    for (const stream of [process.stdout, process.stderr]) {
      vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        logs.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
        return true;
      });
    }
    await life.startWorker({ log: (msg, extra) => logs.push(JSON.stringify({ msg, ...extra })) });

    const alert = await life.h.raise('High');
    const runs = await eventually(async () => {
      const rs = await db().run.findMany({ where: { alertId: alert.id }, include: { steps: true } });
      return rs.length === 3 && rs.every((r) => ['succeeded', 'failed'].includes(r.status)) ? rs : null;
    }, 45_000).catch(async (e: Error) => {
      process.stderr.write(`DEBUG ${JSON.stringify(await db().run.findMany({ include: { steps: true } }))}\n${logs.join('\n')}\n`);
      throw e;
    });
    const byFlow = (id: string) => runs.find((r) => r.flowId === id)!;
    expect(byFlow(okFlow).status).toBe('succeeded');
    expect(byFlow(basicFlow).steps.find((s) => s.nodeId === 'soar_basic')).toMatchObject({ status: 'failed', error: { code: 'HttpRequestFailed' } });
    expect(byFlow(failingFlow).steps.find((s) => s.nodeId === 'card')).toMatchObject({ status: 'failed', error: { code: 'TeamsWebhookFailed' } });
    // The error names the host and quotes the service, with the signature replaced.
    expect((byFlow(failingFlow).steps.find((s) => s.nodeId === 'card')!.error as { message: string }).message).toContain('answered 400: Invalid signature [redacted]');
    await eventually(() => db().capturedEmail.findFirst({ where: { to: { has: 'duty@leaks.test' } } }));

    // The secrets were really used (the test is not vacuous): each reached its endpoint.
    const sent = capture.requests.map((r) => `${r.url} ${JSON.stringify(r.headers)} ${r.body}`).join('\n');
    for (const secret of [S.teamsSig, S.failingSig, S.slackKey, S.bearer, S.oauthClient, S.accessToken]) expect(sent).toContain(secret);
    expect(sent).toContain(Buffer.from(`svc:${S.basic}`).toString('base64'));
    expect(byFlow(okFlow).steps.find((s) => s.nodeId === 'get_alert')!.output).toMatchObject({ id: alert.id });

    // API responses: every GET, and "Test connection" on each connection.
    const responses: { where: string; text: string }[] = [];
    const get = async (where: string, handler: Handler, url: string, params: Record<string, string> = {}) => {
      const res = await call(handler, 'GET', url, params);
      expect(res.status, where).toBe(200);
      responses.push({ where, text: res.text });
    };
    await get('GET /connections', listConnectionsRoute as Handler, '/api/v1/connections');
    for (const c of [defender, smtp, teams, failingTeams, slack, bearer, basic, oauth]) {
      await get(`GET /connections/${c.name}`, getConnectionRoute as Handler, `/api/v1/connections/${c.id}`, { id: c.id });
      const tested = await call(testConnectionRoute as Handler, 'POST', `/api/v1/connections/${c.id}/test`, { id: c.id });
      responses.push({ where: `POST /connections/${c.name}/test`, text: tested.text });
    }
    await get('GET /flows', listFlowsRoute as Handler, '/api/v1/flows');
    for (const id of [okFlow, basicFlow, failingFlow]) {
      await get(`GET /flows/${id}`, getFlowRoute as Handler, `/api/v1/flows/${id}`, { id });
      await get(`GET /flows/${id}/export`, exportFlowRoute as Handler, `/api/v1/flows/${id}/export`, { id });
    }
    await get('GET /runs', listRunsRoute as Handler, '/api/v1/runs');
    await get('GET /runs/counts', runCountsRoute as Handler, '/api/v1/runs/counts');
    for (const r of runs) await get(`GET /runs/${r.id}`, getRunRoute as Handler, `/api/v1/runs/${r.id}`, { id: r.id });
    // An API error whose message quotes a secret (a service echoing what it was sent).
    const apiError = errorResponse(new ServiceError(400, 'UpstreamRefused', `The relay said: bad password ${S.smtp}`, { sent: `Bearer ${S.bearer}` }));
    responses.push({ where: 'API error response', text: await apiError.text() });
    expect(responses.find((r) => r.where === 'API error response')!.text).toContain('The relay said: bad password [redacted]');
    // An unexpected error in a route: a 500 without detail, and a log line (searched below).
    const apiCrash = errorResponse(new Error(`connect failed for svc:${S.basic}@relay with Bearer ${S.accessToken}`));
    expect(apiCrash.status).toBe(500);
    responses.push({ where: 'API 500 response', text: await apiCrash.text() });
    // The audit log and its export (details of connection changes, test results, sign-ins).
    await get('GET /audit', listAuditRoute as Handler, '/api/v1/audit?limit=200');
    await get('GET /audit/export', exportAuditRoute as Handler, '/api/v1/audit/export');
    expect(responses.find((r) => r.where === 'GET /audit/export')!.text).toContain('"action":"connection.create"');

    // Server actions, as the pages call them with the admin's session cookie.
    const acted = async (where: string, result: Promise<unknown>) => responses.push({ where, text: JSON.stringify(await result) });
    actAs(adminSession);
    for (const c of [defender, smtp, teams, failingTeams, slack, bearer, basic, oauth]) await acted(`action testConnection ${c.name}`, testConnectionAction(c.id));
    // The Defender test really signed in with the client secret (a token from the simulator).
    expect(JSON.parse(responses.find((r) => r.where === `action testConnection ${defender.name}`)!.text)).toMatchObject({ ok: true, data: { ok: true } });
    await acted('action listAlerts', listAlertsAction({ flowId: okFlow, search: '' }));
    // A failing action: a webhook URL that is not https is refused, quoting nothing of it.
    const refused = updateConnectionAction(failingTeams.id, { url: `http://127.0.0.1/hook?sig=${S.failingSig}&password=${S.smtp}` });
    await acted('action updateConnection (refused)', refused);
    expect(await refused).toMatchObject({ ok: false });
    // failure() itself, as every action's catch calls it: a service error quoting a secret goes to
    // the browser redacted; an unexpected one is logged (redacted) and answered generically.
    const serviceFailure = failure(new ServiceError(502, 'UpstreamRefused', `The relay said: bad password ${S.smtp}`, { sent: `Bearer ${S.bearer}`, echo: S.teamsSig }));
    expect(serviceFailure.error).toBe('The relay said: bad password [redacted]');
    responses.push({ where: 'action failure (service error)', text: JSON.stringify(serviceFailure) });
    const crash = failure(new Error(`SMTP auth failed: password ${S.smtp}, token ${S.bearer}`), 'The connection could not be saved.');
    expect(crash).toEqual({ ok: false, error: 'The connection could not be saved.' });

    // The CLI's `riposte export` folder: every file it writes.
    const folder = mkdtempSync(path.join(tmpdir(), 'riposte-leak-export-'));
    const exported = await exportFlows(folder);
    expect(exported.written).toHaveLength(await db().flow.count());
    expect(exported.written).toContain('leak-everything-works.json');
    for (const file of readdirSync(folder)) responses.push({ where: `riposte export ${file}`, text: readFileSync(path.join(folder, file), 'utf8') });

    // Every table, every column as text; Connection.secret only as the envelope it must be.
    const found: string[] = [];
    const tables = await db().$queryRaw<{ table_name: string }[]>`SELECT table_name::text AS table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`;
    expect(tables.length).toBeGreaterThan(10);
    for (const { table_name: table } of tables) {
      const rows = await db().$queryRawUnsafe<{ row: string }[]>(`SELECT (to_jsonb(t) - 'secret')::text AS "row" FROM "${table}" t`);
      for (const { row } of rows) found.push(...hits(`table ${table}`, row));
    }
    const sealed = await db().connection.findMany({ where: { secret: { not: null } }, select: { name: true, secret: true } });
    for (const c of sealed) {
      expect(envelopeKeyId(c.secret!), c.name).toMatch(/^[0-9a-f]{8}$/);
      found.push(...hits(`Connection.secret of ${c.name}`, c.secret!));
    }
    for (const r of responses) found.push(...hits(r.where, r.text));
    for (const line of logs) found.push(...hits('log', line));
    expect(found).toEqual([]);
    // The web process's lines were captured: the unexpected action and API errors were logged.
    const webLog = logs.join('\n');
    expect(webLog).toContain('a server action failed unexpectedly');
    expect(webLog).toContain('SMTP auth failed: password [redacted]');
    expect(webLog).toContain('unhandled API error');
    // Something was searched: the run history holds real step data, the responses real bodies.
    expect(responses.length).toBeGreaterThan(25);
    expect(responses.find((r) => r.where === `GET /runs/${byFlow(okFlow).id}`)!.text).toContain('"nodeId":"soar_bearer"');
  });
});
