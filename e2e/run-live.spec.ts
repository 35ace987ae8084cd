// Run detail, live: a run whose isolate step answers slowly is watched from its detail page. The
// isolate node turns from running (blue) to succeeded (green) in place, without a reload, the
// edges taken light up, and the inspector shows a step's input, output and errors. A second run,
// whose isolate Defender refuses, shows the failed state.
import { expect, request as playwrightRequest, test, type APIRequestContext, type Page } from '@playwright/test';
import { signIn, snap } from './helpers';
import { buildSeedFlowGraph } from '../core/testing/builders';

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
  // Defender holds the isolate answer for 6 s: long enough to watch the step run.
  expect((await simApi.put('/_sim/config', { data: { actionResponseDelayMs: 6000 } })).ok()).toBe(true);
  try {
    const runId = await runOnNewAlert(page, simApi, flowId);
    await page.goto(`/runs/${runId}`);
    // Marks this document: a reload would lose it.
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    await expect(graphNode(page, 'isolate')).toHaveAttribute('data-status', 'running', { timeout: 20_000 });
    await expect(page.getByTestId('run-live')).toHaveAttribute('data-mode', 'stream');
    await expect(graphNode(page, 'get_alert')).toHaveAttribute('data-status', 'succeeded');
    await expect(edge(page, 'is_high', 'isolate')).toHaveClass(/run-edge-taken/);
    await expect(page.locator('[data-testid="timeline-row"][data-node-id="isolate"] [data-testid="timeline-bar"]')).toHaveAttribute('data-status', 'running');
    await snap(page, 'run-detail-running');

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
