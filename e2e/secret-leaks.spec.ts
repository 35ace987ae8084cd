// The browser half of issue 7's leak test: connections with known secrets (a Defender app
// registration in the simulator, an SMTP password, a Teams webhook signature, an HTTP bearer
// token) are created and used by a flow that runs on a demo alert; then the HTML of every page
// people look at (connections, flows, the designer, runs, run detail, dashboard, outbox, audit log), and the
// API answers behind them, are searched for those secrets. None may appear.
import { expect, request as playwrightRequest, test, type APIRequestContext, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { signIn, snap, switchOffAfterEach } from './helpers';

// The leak flow triggers on every alert: switch it off afterwards so later specs see only theirs.
const track = switchOffAfterEach();

const SIM = 'https://localhost:3543';
const CAPTURE = 'https://localhost:2626';
const DEMO_TENANT_ID = '4f1c0d2e-7a55-4c1b-9d8e-0000000d3e10';

const tag = randomBytes(5).toString('hex');
const S = {
  defender: `S3CRET-e2e-defender-${tag}`,
  smtp: `S3CRET-e2e-smtp-${tag}`,
  teamsSig: `S3CRET-e2e-teams-sig-${tag}`,
  bearer: `S3CRET-e2e-bearer-${tag}`,
};

function leaks(text: string): string[] {
  return Object.entries(S).filter(([, secret]) => text.includes(secret) || text.includes(encodeURIComponent(secret))).map(([name]) => name);
}

async function json<T>(api: APIRequestContext, method: 'get' | 'post', url: string, data?: unknown): Promise<T> {
  const res = await api[method](url, data === undefined ? {} : { data, headers: { 'content-type': 'application/json' } });
  const text = await res.text();
  expect(res.ok(), `${method.toUpperCase()} ${url}: ${text}`).toBe(true);
  expect(leaks(text), `${method.toUpperCase()} ${url}`).toEqual([]);
  return JSON.parse(text) as T;
}

/** The page as the browser got it and as the server rendered it (with the RSC payload). */
async function pageHtml(page: Page, url: string): Promise<string> {
  // 'load', not 'networkidle': run pages keep a live event stream open, so the network never idles.
  await page.goto(url, { waitUntil: 'load' });
  const rendered = await page.content();
  const served = await (await page.request.get(url)).text();
  return `${rendered}\n${served}`;
}

test('no page or API answer shows a connection secret after flows used them', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  const api = page.request;

  // An app registration in the simulated tenant whose secret we know.
  const sim = await playwrightRequest.newContext({ ignoreHTTPSErrors: true });
  const clientId = `e2e-leak-${tag}`;
  expect((await sim.put(`${SIM}/_sim/clients/${clientId}`, { data: { clientSecret: S.defender, roles: {} } })).status()).toBe(200);
  await sim.dispose();

  const create = (body: Record<string, unknown>) => json<{ id: string }>(api, 'post', '/api/v1/connections', body);
  const defender = await create({ kind: 'defender', name: `Leak tenant ${tag}`, cloud: 'custom', tenantId: DEMO_TENANT_ID, clientId, clientSecret: S.defender, apiBaseUrl: SIM, authorityHost: SIM, graphBaseUrl: SIM });
  const smtp = await create({ kind: 'smtp', name: `Leak relay ${tag}`, host: '127.0.0.1', port: 2625, username: 'svc', password: S.smtp, from: 'riposte@localhost' });
  const teams = await create({ kind: 'webhook', name: `Leak Teams ${tag}`, service: 'teams', url: `${CAPTURE}/teams/leak?sig=${S.teamsSig}` });
  const soar = await create({ kind: 'http', name: `Leak SOAR ${tag}`, authType: 'bearer', token: S.bearer });
  for (const c of [defender, smtp, teams, soar]) {
    const tested = await json<{ ok: boolean; message: string }>(api, 'post', `/api/v1/connections/${c.id}/test`, {});
    expect(tested.ok, tested.message).toBe(true);
  }

  // A flow that uses every one of them on the next alert of the leak tenant.
  const node = (id: string, type: string, params: Record<string, unknown>, x: number) => ({ id, type, label: id, position: { x, y: 0 }, params });
  const nodes = [
    node('trigger', 'defender.alertCreated', { connectionId: defender.id }, 0),
    node('get_alert', 'defender.getAlert', { connectionId: defender.id, alertId: '{{ trigger.id }}' }, 280),
    node('card', 'teams.postCard', { connectionId: teams.id, title: 'Leak test {{ get_alert.id }}' }, 560),
    node('soar', 'http.request', { connectionId: soar.id, method: 'POST', url: `${CAPTURE}/generic/leak-soar`, bodyType: 'json', body: '{"alert": "{{ get_alert.id }}"}' }, 840),
    node('mail', 'email.send', { connectionId: smtp.id, to: 'soc@example.com', subject: `Leak test ${tag}`, body: 'SOAR said {{ soar.status }}' }, 1120),
  ];
  const edges = nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i]!.id, sourceHandle: 'out', target: n.id }));
  const flow = await json<{ id: string }>(api, 'post', '/api/v1/flows', { name: `Leak test ${tag}`, graph: { schemaVersion: 1, nodes, edges } });
  await json(api, 'post', `/api/v1/flows/${flow.id}/publish`, {});
  await json(api, 'post', `/api/v1/flows/${flow.id}/enable`, {});
  track(flow.id);

  await json(api, 'post', '/api/v1/demo/alerts', { severity: 'High' });
  let runId = '';
  await expect
    .poll(async () => {
      const runs = await json<{ items: { id: string; status: string }[] }>(api, 'get', `/api/v1/runs?flowId=${flow.id}`);
      const done = runs.items.find((r) => ['succeeded', 'failed'].includes(r.status));
      runId = done?.id ?? '';
      return done?.status ?? 'pending';
    }, { timeout: 60_000, intervals: [1000] })
    .toBe('succeeded');
  // The secrets were used: the run posted the card and the SOAR call, and sent the email.
  const run = await json<{ steps: { nodeId: string; status: string }[] }>(api, 'get', `/api/v1/runs/${runId}`);
  expect(run.steps.filter((s) => s.status === 'succeeded').map((s) => s.nodeId).sort()).toEqual(['card', 'get_alert', 'mail', 'soar', 'trigger']);

  // The API answers behind the pages.
  for (const url of ['/api/v1/connections', `/api/v1/connections/${defender.id}`, '/api/v1/flows', `/api/v1/flows/${flow.id}`, `/api/v1/flows/${flow.id}/export`, '/api/v1/runs', `/api/v1/runs/${runId}`, '/api/v1/audit']) {
    await json(api, 'get', url);
  }

  // Every page people look at.
  for (const url of ['/connections', '/flows', `/flows/${flow.id}`, '/runs', `/runs/${runId}`, '/dashboard', '/outbox', '/audit']) {
    const html = await pageHtml(page, url);
    expect(html.length, url).toBeGreaterThan(1000);
    expect(leaks(html), url).toEqual([]);
    if (url === '/connections') {
      await expect(page.getByText(`Leak relay ${tag}`)).toBeVisible();
      await snap(page, 'secret-leaks-connections');
    }
    if (url === `/runs/${runId}`) {
      await expect(page.getByText('soar', { exact: true }).first()).toBeVisible();
      await snap(page, 'secret-leaks-run-detail');
    }
    if (url === '/outbox') await expect(page.getByText(`Leak test ${tag}`).first()).toBeVisible();
    // The audit log lists the connection changes and tests made above (their details are searched).
    if (url === '/audit') await expect(page.getByText(`Leak relay ${tag}`).first()).toBeVisible();
  }
});
