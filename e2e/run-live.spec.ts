// Run detail, live: a run whose isolate step answers slowly is watched from its detail page. The
// isolate node turns from running (blue) to succeeded (green) in place, without a reload, the
// edges taken light up, and the inspector shows a step's input, output and errors. A second run,
// whose isolate Defender refuses, shows the failed state.
import { expect, request as playwrightRequest, test, type APIRequestContext, type Page } from '@playwright/test';
import { signIn, snap } from './helpers';
import { buildEdge, buildGraph, buildNode, buildSeedFlowGraph } from '../core/testing/builders';

const SIM = 'https://localhost:3543';
const json = { 'content-type': 'application/json' };

async function sim(): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL: SIM, ignoreHTTPSErrors: true });
}

async function connections(page: Page): Promise<{ defender: string; smtp: string }> {
  const res = await page.request.get('/api/v1/connections');
  const items = ((await res.json()) as { items: { id: string; kind: string }[] }).items;
  const id = (kind: string) => items.find((c) => c.kind === kind)?.id ?? '';
  return { defender: id('defender'), smtp: id('smtp') };
}

/** A published (switched off) copy of the seed flow, so only our manual runs run it. */
async function publishedFlow(page: Page, name: string): Promise<string> {
  const c = await connections(page);
  const graph = buildSeedFlowGraph({ defenderConnectionId: c.defender, smtpConnectionId: c.smtp, socEmail: 'soc@riposte.test' });
  const created = await page.request.post('/api/v1/flows', { data: { name, graph }, headers: json });
  expect(created.ok()).toBe(true);
  const flowId = ((await created.json()) as { id: string }).id;
  expect((await page.request.post(`/api/v1/flows/${flowId}/publish`)).ok()).toBe(true);
  return flowId;
}

async function runOnNewAlert(page: Page, simApi: APIRequestContext, flowId: string): Promise<string> {
  const alert = (await (await simApi.post('/_sim/alerts', { data: { severity: 'High' } })).json()) as { id: string };
  const res = await page.request.post(`/api/v1/flows/${flowId}/run`, { data: { alertId: alert.id }, headers: json });
  expect(res.status()).toBe(202);
  return ((await res.json()) as { runId: string }).runId;
}

const graphNode = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"] [data-testid="graph-node"]`);
const edge = (page: Page, source: string, target: string) => page.locator(`.react-flow__edge[aria-label="Edge from ${source} to ${target}"]`);

test('a running run updates in place: the slow isolate step turns from running to succeeded', async ({ page }) => {
  test.setTimeout(120_000);
  const simApi = await sim();
  await signIn(page);
  const flowId = await publishedFlow(page, `Live run view ${Date.now()}`);
  // Defender holds the isolate answer for 8 s: long enough to watch the step run.
  expect((await simApi.put('/_sim/config', { data: { actionResponseDelayMs: 8000 } })).ok()).toBe(true);
  try {
    const runId = await runOnNewAlert(page, simApi, flowId);
    await page.goto(`/runs/${runId}`);
    // Marks this document: a reload would lose it.
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    await expect(graphNode(page, 'isolate')).toHaveAttribute('data-status', 'running', { timeout: 20_000 });
    await snap(page, 'run-detail-running');
    await expect(page.getByTestId('run-live')).toHaveAttribute('data-mode', 'stream');
    await expect(graphNode(page, 'get_alert')).toHaveAttribute('data-status', 'succeeded');
    await expect(edge(page, 'is_high', 'isolate')).toHaveClass(/run-edge-taken/);
    await expect(page.locator('[data-testid="timeline-row"][data-node-id="isolate"] [data-testid="timeline-bar"]')).toHaveAttribute('data-status', 'running');

    await expect(graphNode(page, 'isolate')).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 20_000 });
    await expect(graphNode(page, 'notify_soc')).toHaveAttribute('data-status', 'succeeded');
    await expect(edge(page, 'isolate', 'notify_soc')).toHaveClass(/run-edge-taken/);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await expect(page.getByTestId('run-live')).toHaveCount(0);

    // The alert summary links to the alert in the Defender portal.
    await expect(page.getByTestId('run-alert-link')).toHaveAttribute('href', /^https:\/\/security\.microsoft\.com\/alerts\//);
    await expect(page.getByTestId('run-mitre')).not.toHaveText('—');

    // Click a node: the inspector shows its resolved input and output, and the condition's trace.
    await page.locator('.react-flow__node[data-id="is_high"]').click();
    const inspector = page.getByTestId('step-inspector');
    await expect(inspector).toHaveAttribute('data-node-id', 'is_high');
    await expect(inspector.getByTestId('condition-branch')).toHaveText('yes');
    await page.locator('[data-testid="timeline-row"][data-node-id="isolate"]').click();
    await expect(inspector).toHaveAttribute('data-node-id', 'isolate');
    await expect(inspector.getByTestId('inspector-input')).toContainText('isolationType');
    await expect(inspector.getByTestId('inspector-output')).toContainText('Isolate');
    await snap(page, 'run-detail-succeeded');
  } finally {
    await simApi.put('/_sim/config', { data: { actionResponseDelayMs: 0 } });
    await simApi.dispose();
  }
});

test('a failed run: the failed node, its error code and message, the steps not reached', async ({ page }) => {
  test.setTimeout(90_000);
  const simApi = await sim();
  await signIn(page);
  const flowId = await publishedFlow(page, `Failed run view ${Date.now()}`);
  await simApi.post('/_sim/faults', { data: { path: '/isolate', method: 'POST', status: 400, code: 'InvalidRequestBody', message: 'Machine is already isolated by another request', times: 1 } });
  try {
    const runId = await runOnNewAlert(page, simApi, flowId);
    await page.goto(`/runs/${runId}`);
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
    await expect(graphNode(page, 'isolate')).toHaveAttribute('data-status', 'failed');
    await expect(graphNode(page, 'notify_soc')).toHaveAttribute('data-status', /skipped|not_reached/);
    // The failed step is selected first, its error shown with code and message.
    const inspector = page.getByTestId('step-inspector');
    await expect(inspector).toHaveAttribute('data-node-id', 'isolate');
    await expect(inspector.getByTestId('inspector-error-code')).toHaveText('InvalidRequestBody');
    await expect(inspector.getByTestId('inspector-error')).toContainText('already isolated');
    await snap(page, 'run-detail-failed');
  } finally {
    await simApi.dispose();
  }
});

test('a loop and a retry: for-each counts its items, the retried step shows its attempts', async ({ page }) => {
  test.setTimeout(90_000);
  const simApi = await sim();
  await signIn(page);
  const c = await connections(page);
  const at = (x: number, y = 0) => ({ position: { x: x * 260, y } });
  const graph = buildGraph(
    [
      buildNode('trigger', 'defender.alertCreated', { connectionId: c.defender }, { label: 'When a new alert is created', ...at(0) }),
      buildNode('get_alert', 'defender.getAlert', { connectionId: c.defender, alertId: '{{ trigger.id }}' }, { label: 'Get alert', ...at(1) }),
      buildNode('hosts', 'control.compose', { value: ['ws-01', 'ws-02', 'ws-03', 'ws-04'] }, { label: 'Hosts to check', ...at(2) }),
      buildNode('each_host', 'control.forEach', { items: '{{ hosts.value }}' }, { label: 'For each host', ...at(3) }),
      buildNode('is_other', 'control.condition', { combinator: 'and', rules: [{ left: '{{ each_host.item }}', operator: 'notEquals', right: 'ws-03' }] }, { label: 'Not the alert host', ...at(4, -90) }),
      buildNode('note', 'control.compose', { value: 'Checked {{ each_host.item }}' }, { label: 'Note the host', ...at(5, -90) }),
      buildNode('summary', 'control.compose', { value: '{{ each_host.count }} hosts checked' }, { label: 'Summary', ...at(4, 110) }),
    ],
    [
      buildEdge('trigger', 'get_alert'),
      buildEdge('get_alert', 'hosts'),
      buildEdge('hosts', 'each_host'),
      buildEdge('each_host', 'is_other', 'each'),
      buildEdge('is_other', 'note', 'true'),
      buildEdge('each_host', 'summary', 'done'),
    ],
  );
  const created = await page.request.post('/api/v1/flows', { data: { name: `Loop run view ${Date.now()}`, graph }, headers: json });
  expect(created.ok()).toBe(true);
  const flowId = ((await created.json()) as { id: string }).id;
  expect((await page.request.post(`/api/v1/flows/${flowId}/publish`)).ok()).toBe(true);
  const alert = (await (await simApi.post('/_sim/alerts', { data: { severity: 'Medium' } })).json()) as { id: string; title: string; machineId: string };
  // Defender answers the first 4 reads of this alert with a 503 (the client's own 3 retries use them
  // up): the step fails its first try and is retried.
  await simApi.post('/_sim/faults', { data: { path: `/api/alerts/${alert.id}`, method: 'GET', status: 503, times: 4 } });
  const payload = { id: alert.id, title: alert.title, severity: 'Medium', machineId: alert.machineId, mitreTechniques: ['T1059.001'] };
  const res = await page.request.post(`/api/v1/flows/${flowId}/run`, { data: { payload }, headers: json });
  expect(res.status()).toBe(202);
  const runId = ((await res.json()) as { runId: string }).runId;
  try {
    await page.goto(`/runs/${runId}`);
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 45_000 });
    await expect(graphNode(page, 'each_host').getByTestId('graph-node-badge')).toHaveText('4/4 succeeded');
    await expect(edge(page, 'each_host', 'is_other')).toHaveClass(/run-edge-taken/);
    await expect(edge(page, 'each_host', 'summary')).toHaveClass(/run-edge-taken/);
    await expect(page.locator('[data-testid="timeline-row"][data-node-id="get_alert"] [data-testid="timeline-attempts"]')).toHaveText('×2');
    await page.locator('[data-testid="timeline-row"][data-node-id="note"]').click();
    const inspector = page.getByTestId('step-inspector');
    await expect(inspector).toHaveAttribute('data-node-id', 'note');
    await page.getByLabel('Loop item').selectOption('1');
    await expect(inspector.getByTestId('inspector-output')).toContainText('Checked ws-02');
    await snap(page, 'run-detail-loop');
  } finally {
    await simApi.dispose();
  }
});

test('a delay: the node waits (amber) while the run holds no worker, then succeeds in place', async ({ page }) => {
  test.setTimeout(90_000);
  const simApi = await sim();
  await signIn(page);
  const c = await connections(page);
  const graph = buildGraph(
    [
      buildNode('trigger', 'defender.alertCreated', { connectionId: c.defender }, { label: 'When a new alert is created', position: { x: 0, y: 0 } }),
      buildNode('get_alert', 'defender.getAlert', { connectionId: c.defender, alertId: '{{ trigger.id }}' }, { label: 'Get alert', position: { x: 260, y: 0 } }),
      buildNode('pause', 'control.delay', { amount: 8, unit: 'seconds' }, { label: 'Wait 8 seconds', position: { x: 520, y: 0 } }),
      buildNode('note', 'control.compose', { value: 'Checked {{ get_alert.id }}' }, { label: 'Note', position: { x: 780, y: 0 } }),
    ],
    [buildEdge('trigger', 'get_alert'), buildEdge('get_alert', 'pause'), buildEdge('pause', 'note')],
  );
  const created = await page.request.post('/api/v1/flows', { data: { name: `Delay run view ${Date.now()}`, graph }, headers: json });
  expect(created.ok()).toBe(true);
  const flowId = ((await created.json()) as { id: string }).id;
  expect((await page.request.post(`/api/v1/flows/${flowId}/publish`)).ok()).toBe(true);
  try {
    const runId = await runOnNewAlert(page, simApi, flowId);
    await page.goto(`/runs/${runId}`);
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    await expect(graphNode(page, 'pause')).toHaveAttribute('data-status', 'waiting', { timeout: 20_000 });
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'waiting');
    await expect(graphNode(page, 'note')).toHaveAttribute('data-status', 'not_reached');
    await snap(page, 'run-detail-waiting');
    await expect(graphNode(page, 'pause')).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
    await expect(graphNode(page, 'note')).toHaveAttribute('data-status', 'succeeded');
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded');
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    // Resuming after the delay is a new attempt of the run, not a retry of any step.
    await expect(page.getByTestId('timeline-attempts')).toHaveCount(0);
  } finally {
    await simApi.dispose();
  }
});
