// Teams, Slack and the HTTP request step through the real executor and worker against a local
// HTTPS capture server (allowed by RIPOSTE_OUTBOUND_ALLOW=127.0.0.1 for this file): the exact
// request, the output tokens, a retry after 429 + Retry-After, a permanent failure on 400, and
// secrets (the webhook URL, OAuth credentials) absent from run history.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventually } from './harness';
import { useHarness } from './lifecycle';
import { startHttpCapture, type HttpCapture } from './http-capture';
import { db } from '@/server/db/client';
import { resetEnvCache } from '@/server/env';
import { buildEdge, buildGraph, buildNode } from '@/core/testing/builders';
import type { TFlowNode } from '@/core/flow/schema';
import { createConnection } from '@/server/services/connections';
import { createFlow, publishFlow, setFlowEnabled } from '@/server/services/flows';
import { executeRunById } from '@/worker/execute-run';
import { buildTeamsCard } from '@/core/notifications/teams-card';
import { authFor, clearTokenCache } from '@/server/net/http-auth';
import { encodeMarkdown } from '@/core/tokens/resolve';
import { startWebhookCapture } from '@/server/notifications/webhook-capture';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const life = useHarness({ seedFlowOn: false });
let capture: HttpCapture;

beforeAll(() => {
  process.env.RIPOSTE_OUTBOUND_ALLOW = '127.0.0.1';
  resetEnvCache();
});
afterAll(() => {
  delete process.env.RIPOSTE_OUTBOUND_ALLOW;
  resetEnvCache();
});
beforeEach(async () => {
  capture = await startHttpCapture();
  clearTokenCache();
});
afterEach(async () => {
  await capture.close();
});

/** A flow "new alert → steps in a chain", switched on; returns its finished run once an alert is raised. */
async function runChain(steps: TFlowNode[], severity: 'High' | 'Low' = 'High', title?: string) {
  const nodes = [buildNode('trigger', 'defender.alertCreated', { connectionId: life.h.defenderId }), ...steps];
  const flow = await createFlow(null, { name: 'Outbound', graph: buildGraph(nodes, nodes.slice(1).map((n, i) => buildEdge(nodes[i]!.id, n.id))) });
  await publishFlow(null, flow.id);
  await setFlowEnabled(null, flow.id, true);
  await life.startWorker();
  const res = await fetch(`${life.h.sim.url}/_sim/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ severity, ...(title ? { title } : {}) }) });
  const alert = (await res.json()) as { id: string; machineId: string; title: string; computerDnsName?: string };
  const run = await eventually(async () => {
    const r = await db().run.findFirst({ where: { flowId: flow.id }, include: { steps: true } });
    return r && ['succeeded', 'failed'].includes(r.status) ? r : null;
  }, 40_000);
  return { run, alert };
}

async function webhook(service: 'teams' | 'slack', pathname: string) {
  return createConnection(null, { kind: 'webhook', name: `${service} channel`, service, url: `${capture.url}${pathname}?sig=s3cr3t-signature` });
}

describe('Teams', () => {
  it('posts the Adaptive Card to the sealed webhook URL; token values are data', async () => {
    const conn = await webhook('teams', '/workflows/teams-abc');
    expect(conn.config).toEqual({ service: 'teams', host: capture.url.replace('https://', '') });
    const { run, alert } = await runChain(
      [
        buildNode('card', 'teams.postCard', {
          connectionId: conn.id,
          title: 'Alert: {{ trigger.title }}',
          text: 'Severity **{{ trigger.severity }}**',
          severity: '{{ trigger.severity }}',
          machineName: '{{ trigger.computerDnsName }}',
          alertId: '{{ trigger.id }}',
          facts: 'Machine ID: {{ trigger.machineId }}',
        }),
      ],
      'High',
      '[Reset your password](https://evil.example) "quoted"',
    );
    expect(run.status).toBe('succeeded');
    expect(capture.requests).toHaveLength(1);
    const req = capture.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/workflows/teams-abc?sig=s3cr3t-signature');
    expect(req.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(req.body)).toEqual(
      buildTeamsCard({
        title: 'Alert: \\[Reset your password\\](https://evil.example) "quoted"',
        text: 'Severity **High**',
        severity: 'High',
        machineName: encodeMarkdown(alert.computerDnsName ?? ''),
        alertId: alert.id,
        facts: `Machine ID: ${alert.machineId}`,
      }),
    );
    const step = run.steps.find((s) => s.nodeId === 'card')!;
    expect(step.output).toEqual({ status: 200, ok: true });
    const history = JSON.stringify(run.steps);
    expect(history).not.toContain('s3cr3t-signature');
    expect(history).not.toContain('teams-abc');
  });

  it('"Open in Defender" opens the portal of the cloud the run\'s alert came from (GCC High, DoD), not security.microsoft.com', async () => {
    const conn = await webhook('teams', '/gov');
    const cardUrls: string[] = [];
    for (const [cloud, portal] of [['gcc-high', 'https://security.microsoft.us'], ['dod', 'https://security.apps.mil'], ['commercial', 'https://security.microsoft.com']] as const) {
      const gov = await createConnection(null, { kind: 'defender', name: `Tenant ${cloud}`, cloud, tenantId: 'c0ffee00-0000-4000-8000-0000000000aa', clientId: 'gov-client', clientSecret: 'gov-secret' });
      const flow = await createFlow(null, {
        name: `Gov card ${cloud}`,
        graph: buildGraph(
          [buildNode('trigger', 'defender.alertCreated', { connectionId: gov.id }), buildNode('card', 'teams.postCard', { connectionId: conn.id, title: 'x', alertId: '{{ trigger.id }}' })],
          [buildEdge('trigger', 'card')],
        ),
      });
      await publishFlow(null, flow.id);
      const versionId = (await db().flow.findUniqueOrThrow({ where: { id: flow.id } })).publishedVersionId!;
      // A run of that tenant's alert (its poller is never started: the hosts are not reachable here).
      const run = await db().run.create({ data: { flowId: flow.id, flowVersionId: versionId, triggerKind: 'manual', triggerData: { id: 'da638000000000000000_1', title: 'x' } } });
      await expect(executeRunById(run.id, { finalAttempt: true, resumed: false })).resolves.toBe('succeeded');
      cardUrls.push(portal);
    }
    const buttons = capture.requests.map((r) => (JSON.parse(r.body) as { attachments: { content: { actions: { url: string }[] } }[] }).attachments[0]!.content.actions[0]!.url);
    expect(buttons).toEqual(cardUrls.map((portal) => `${portal}/alerts/da638000000000000000_1`));
  });

  it('retries after 429 with Retry-After, then succeeds', async () => {
    const conn = await webhook('teams', '/hook');
    capture.script('/hook', [{ status: 429, headers: { 'retry-after': '1' }, body: 'slow down' }, { status: 202, body: '' }]);
    const { run } = await runChain([buildNode('card', 'teams.postCard', { connectionId: conn.id, title: 'x' })]);
    expect(run.status).toBe('succeeded');
    expect(capture.requests).toHaveLength(2);
    expect(capture.requests[1]!.at - capture.requests[0]!.at).toBeGreaterThanOrEqual(900);
    expect(run.steps.find((s) => s.nodeId === 'card')).toMatchObject({ status: 'succeeded', output: { status: 202, ok: true } });
  });

  it('a 400 fails the step permanently (one request), naming the host but never the URL', async () => {
    const conn = await webhook('teams', '/hook-secret-path');
    capture.script('/hook-secret-path', [{ status: 400, body: 'Bad payload' }]);
    const { run } = await runChain([buildNode('card', 'teams.postCard', { connectionId: conn.id, title: 'x' })]);
    expect(run.status).toBe('failed');
    expect(capture.requests).toHaveLength(1);
    const error = run.steps.find((s) => s.nodeId === 'card')!.error as { code: string; message: string };
    expect(error.code).toBe('TeamsWebhookFailed');
    expect(error.message).toContain('answered 400: Bad payload');
    expect(error.message).toContain('127.0.0.1');
    expect(error.message).not.toContain('hook-secret-path');
  });
});

describe('demo webhook capture', () => {
  it('a Teams step posts to the demo capture (https://localhost) and the Outbox stores the card', async () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const demo = await startWebhookCapture({ port: 0, tls: { cert: readFileSync(path.join(root, '.riposte/tls/cert.pem')), key: readFileSync(path.join(root, '.riposte/tls/key.pem')) } });
    try {
      await db().capturedWebhook.deleteMany();
      const conn = await createConnection(null, { kind: 'webhook', name: 'Demo Teams', service: 'teams', url: `${demo.url}/teams/soc` });
      const { run } = await runChain([buildNode('card', 'teams.postCard', { connectionId: conn.id, title: 'Alert {{ trigger.id }}', severity: '{{ trigger.severity }}' })]);
      expect(run.steps.find((s) => s.nodeId === 'card')!.output).toEqual({ status: 202, ok: true });
      const stored = await db().capturedWebhook.findFirstOrThrow();
      expect(stored).toMatchObject({ service: 'teams', path: '/teams/soc', contentType: 'application/json; charset=utf-8' });
      expect(JSON.parse(stored.body)).toMatchObject({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive' }] });
    } finally {
      await demo.close();
    }
  });
});

describe('Slack', () => {
  it('posts text and blocks with token values escaped for mrkdwn', async () => {
    const conn = await webhook('slack', '/services/T0/B0/xyz');
    const { run, alert } = await runChain(
      [
        buildNode('slack', 'slack.postMessage', {
          connectionId: conn.id,
          text: '*New alert*: {{ trigger.title }}',
          title: 'Defender alert',
          fields: 'Severity: {{ trigger.severity }}',
          link: 'https://security.microsoft.com/alerts/{{ trigger.id }}',
          linkText: 'Open in Defender',
        }),
      ],
      'High',
      '<!channel> <https://evil.example|login> & co',
    );
    expect(run.status).toBe('succeeded');
    const req = capture.requests[0]!;
    expect([req.method, req.url]).toEqual(['POST', '/services/T0/B0/xyz?sig=s3cr3t-signature']);
    const escaped = '*New alert*: &lt;!channel&gt; &lt;https://evil.example|login&gt; &amp; co';
    expect(JSON.parse(req.body)).toEqual({
      text: escaped,
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Defender alert', emoji: true } },
        { type: 'section', text: { type: 'mrkdwn', text: escaped } },
        { type: 'section', fields: [{ type: 'mrkdwn', text: '*Severity*\nHigh' }] },
        { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in Defender' }, url: `https://security.microsoft.com/alerts/${encodeURIComponent(alert.id)}` }] },
      ],
    });
    expect(run.steps.find((s) => s.nodeId === 'slack')!.output).toEqual({ status: 200, ok: true });
  });

  it('refuses a Teams webhook connection', async () => {
    const conn = await webhook('teams', '/t');
    const { run } = await runChain([buildNode('slack', 'slack.postMessage', { connectionId: conn.id, text: 'x' })]);
    expect(run.steps.find((s) => s.nodeId === 'slack')!.error).toMatchObject({ code: 'WrongWebhookService' });
    expect(capture.requests).toHaveLength(0);
  });
});

describe('HTTP request', () => {
  it('sends method, URL-encoded tokens, query, headers and a JSON body; returns status, headers and parsed body', async () => {
    capture.script('/api/tickets/a%2Fb', () => ({ status: 201, headers: { 'content-type': 'application/json', 'x-ticket': 'T-1' }, body: '{"id":"T-1","created":true}' }));
    const { run, alert } = await runChain([
      buildNode('vars', 'control.compose', { value: { path: 'a/b' } }),
      buildNode('call', 'http.request', {
        method: 'POST',
        url: `${capture.url}/api/tickets/{{ vars.value.path }}`,
        query: 'alert={{ trigger.id }}\nq=a&b c',
        headers: 'X-Source: Riposte\nX-Title: {{ trigger.title }}',
        bodyType: 'json',
        body: '{"title": "{{ trigger.title }}", "severity": "{{ trigger.severity }}", "tags": ["riposte"]}',
      }),
    ], 'High', 'Quote " and backslash \\ here');
    expect(run.status).toBe('succeeded');
    const req = capture.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe(`/api/tickets/a%2Fb?alert=${encodeURIComponent(alert.id)}&q=a%26b+c`);
    expect(req.headers['x-source']).toBe('Riposte');
    expect(req.headers['x-title']).toBe('Quote " and backslash \\ here');
    expect(req.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(req.headers.authorization).toBeUndefined();
    expect(JSON.parse(req.body)).toEqual({ title: 'Quote " and backslash \\ here', severity: 'High', tags: ['riposte'] });
    expect(run.steps.find((s) => s.nodeId === 'call')!.output).toMatchObject({
      status: 201,
      ok: true,
      headers: { 'content-type': 'application/json', 'x-ticket': 'T-1' },
      body: { id: 'T-1', created: true },
      bodyText: '{"id":"T-1","created":true}',
    });
  });

  it('OAuth 2.0 client credentials: one token for two calls, secrets scrubbed from outputs', async () => {
    capture.script('/oauth/token', () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"access_token":"tok-abc-123","expires_in":3600,"token_type":"Bearer"}' }));
    capture.script('/echo', (req) => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: `you sent ${String(req.headers.authorization)}` }));
    const conn = await createConnection(null, { kind: 'http', name: 'SOAR', authType: 'oauth2', tokenUrl: `${capture.url}/oauth/token`, clientId: 'riposte', clientSecret: 'cl13nt-s3cret', scope: 'api.write' });
    expect(conn.config).toEqual({ authType: 'oauth2', tokenUrl: `${capture.url}/oauth/token`, clientId: 'riposte', scope: 'api.write' });
    const { run } = await runChain([
      buildNode('one', 'http.request', { connectionId: conn.id, url: `${capture.url}/echo` }),
      buildNode('two', 'http.request', { connectionId: conn.id, url: `${capture.url}/echo` }),
    ]);
    expect(run.status).toBe('succeeded');
    const tokenCalls = capture.requests.filter((r) => r.url === '/oauth/token');
    expect(tokenCalls).toHaveLength(1);
    expect(Object.fromEntries(new URLSearchParams(tokenCalls[0]!.body))).toEqual({ grant_type: 'client_credentials', client_id: 'riposte', client_secret: 'cl13nt-s3cret', scope: 'api.write' });
    const echoes = capture.requests.filter((r) => r.url === '/echo');
    expect(echoes.map((r) => r.headers.authorization)).toEqual(['Bearer tok-abc-123', 'Bearer tok-abc-123']);
    expect(run.steps.find((s) => s.nodeId === 'one')!.output).toMatchObject({ status: 200, bodyText: 'you sent Bearer [redacted]' });
    const history = JSON.stringify(run.steps);
    expect(history).not.toContain('tok-abc-123');
    expect(history).not.toContain('cl13nt-s3cret');
  });

  it('caches an OAuth token until a minute before it expires, then fetches a new one', async () => {
    let n = 0;
    capture.script('/oauth/token', () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ access_token: `tok-${++n}`, expires_in: 600 }) }));
    const conn = await createConnection(null, { kind: 'http', name: 'SOAR', authType: 'oauth2', tokenUrl: `${capture.url}/oauth/token`, clientId: 'c', clientSecret: 's' });
    const t0 = 1_000_000;
    expect((await authFor(conn.id, () => t0)).authorization).toBe('Bearer tok-1');
    expect((await authFor(conn.id, () => t0 + 530_000)).authorization).toBe('Bearer tok-1');
    expect((await authFor(conn.id, () => t0 + 545_000)).authorization).toBe('Bearer tok-2');
    capture.script('/oauth/token', [{ status: 401, headers: { 'content-type': 'application/json' }, body: '{"error":"invalid_client","error_description":"secret s is wrong"}' }]);
    clearTokenCache();
    const err = await authFor(conn.id).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'OAuthTokenFailed', retryable: false, message: `The token endpoint ${capture.url.replace('https://', '')} answered 401 invalid_client.` });
  });

  it('basic auth; 429 with Retry-After is retried, a 400 fails permanently', async () => {
    const conn = await createConnection(null, { kind: 'http', name: 'Basic', authType: 'basic', username: 'svc', password: 'p@ss' });
    capture.script('/flaky', [{ status: 429, headers: { 'retry-after': '1' } }, { status: 200, headers: { 'content-type': 'application/json' }, body: '[1,2]' }]);
    capture.script('/bad', [{ status: 400, headers: { 'content-type': 'application/json' }, body: '{"error":"nope"}' }]);
    const { run } = await runChain([
      buildNode('flaky', 'http.request', { connectionId: conn.id, url: `${capture.url}/flaky`, method: 'DELETE' }),
      buildNode('bad', 'http.request', { connectionId: conn.id, url: `${capture.url}/bad` }),
    ]);
    expect(run.status).toBe('failed');
    const flaky = capture.requests.filter((r) => r.url === '/flaky');
    expect(flaky).toHaveLength(2);
    expect(flaky[0]!.method).toBe('DELETE');
    expect(flaky[0]!.headers.authorization).toBe(`Basic ${Buffer.from('svc:p@ss').toString('base64')}`);
    expect(flaky[1]!.at - flaky[0]!.at).toBeGreaterThanOrEqual(900);
    expect(run.steps.find((s) => s.nodeId === 'flaky')).toMatchObject({ status: 'succeeded', output: { status: 200, body: [1, 2] } });
    expect(capture.requests.filter((r) => r.url === '/bad')).toHaveLength(1);
    expect(run.steps.find((s) => s.nodeId === 'bad')).toMatchObject({ status: 'failed', error: { code: 'HttpRequestFailed', message: expect.stringContaining('answered 400') } });
  });

  it('with "fail on non-2xx" off a 404 is a result; a header line break from a token is refused', async () => {
    capture.script('/missing', [{ status: 404, body: 'not here' }]);
    const { run } = await runChain([
      buildNode('miss', 'http.request', { url: `${capture.url}/missing`, failOnError: false }),
      buildNode('inject', 'http.request', { url: `${capture.url}/x`, headers: 'X-Title: {{ trigger.title }}' }),
    ], 'High', 'line one\r\nX-Injected: yes');
    expect(run.steps.find((s) => s.nodeId === 'miss')!.output).toMatchObject({ status: 404, ok: false, body: 'not here' });
    expect(run.steps.find((s) => s.nodeId === 'inject')).toMatchObject({ status: 'failed', error: { code: 'InvalidHeader' } });
    expect(capture.requests.map((r) => r.url)).toEqual(['/missing']);
  });

  it('bearer auth sends the token; a text body goes as written with text/plain', async () => {
    const conn = await createConnection(null, { kind: 'http', name: 'Bearer', authType: 'bearer', token: 'b3arer-t0ken' });
    capture.script('/notes', () => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: 'noted' }));
    const { run, alert } = await runChain([
      buildNode('note', 'http.request', { connectionId: conn.id, method: 'PUT', url: `${capture.url}/notes`, bodyType: 'text', textBody: 'Alert {{ trigger.id }} is {{ trigger.severity }}\n"as is" {x}' }),
    ]);
    expect(run.status).toBe('succeeded');
    const [req] = capture.requests;
    expect(req).toMatchObject({ method: 'PUT', url: '/notes', body: `Alert ${alert.id} is High\n"as is" {x}` });
    expect(req!.headers.authorization).toBe('Bearer b3arer-t0ken');
    expect(req!.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(run.steps.find((s) => s.nodeId === 'note')!.output).toMatchObject({ status: 200, body: 'noted', bodyText: 'noted' });
    expect(JSON.stringify(run.steps)).not.toContain('b3arer-t0ken');
  });

  it('a server slower than the step timeout fails it with RequestTimedOut, naming the limit', async () => {
    capture.script('/slow', () => ({ status: 200, body: 'too late', delayMs: 5000 }));
    const { run } = await runChain([
      { ...buildNode('slow', 'http.request', { url: `${capture.url}/slow`, timeoutSeconds: 1 }), settings: { retry: { mode: 'none' } } },
    ]);
    expect(run.steps.find((s) => s.nodeId === 'slow')).toMatchObject({ status: 'failed', error: { code: 'RequestTimedOut', message: expect.stringContaining('did not answer within 1 s') } });
    expect(capture.requests.filter((r) => r.url === '/slow')).toHaveLength(1);
  });

  it('a destination outside the allow list fails with DestinationNotAllowed', async () => {
    const { run } = await runChain([buildNode('meta', 'http.request', { url: 'http://169.254.169.254/latest/meta-data/' })]);
    expect(run.steps.find((s) => s.nodeId === 'meta')).toMatchObject({
      status: 'failed',
      error: { code: 'DestinationNotAllowed', message: expect.stringContaining('RIPOSTE_OUTBOUND_ALLOW') },
    });
  });
});
