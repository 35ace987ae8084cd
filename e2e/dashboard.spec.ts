// The SOC dashboard and the flows list: an empty range says so; after a demo alert runs through
// one flow that isolates and one that fails, the charts and figures show them, the failing flow
// is named with its error, its failure email reaches the outbox with a link to the run, and the
// flows list finds flows by name and filters.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import pg from 'pg';
import { TEMPLATE_FLOW, demoConnections, raiseAlert, signIn, snap, switchOffAfterEach } from './helpers';

const switchOffLater = switchOffAfterEach();
const json = { 'content-type': 'application/json' };

interface Graph {
  schemaVersion: 1;
  nodes: { id: string; type: string; params: Record<string, unknown>; settings?: Record<string, unknown> }[];
  edges: unknown[];
}

async function templateGraph(request: APIRequestContext): Promise<Graph> {
  const flows = ((await (await request.get('/api/v1/flows')).json()) as { items: { id: string; name: string }[] }).items;
  const template = flows.find((f) => f.name === TEMPLATE_FLOW);
  if (!template) throw new Error('the template flow is missing');
  return ((await (await request.get(`/api/v1/flows/${template.id}`)).json()) as { graph: Graph }).graph;
}

async function publishedFlow(request: APIRequestContext, name: string, graph: Graph): Promise<string> {
  const created = await request.post('/api/v1/flows', { data: { name, graph }, headers: json });
  expect(created.ok()).toBe(true);
  const { id } = (await created.json()) as { id: string };
  expect((await request.post(`/api/v1/flows/${id}/publish`, { headers: json })).ok()).toBe(true);
  expect((await request.post(`/api/v1/flows/${id}/enable`, { headers: json })).ok()).toBe(true);
  switchOffLater(id);
  return id;
}

async function finishedRun(request: APIRequestContext, flowId: string): Promise<{ id: string; status: string }> {
  let run: { id: string; status: string } | undefined;
  await expect
    .poll(
      async () => {
        const items = ((await (await request.get(`/api/v1/runs?flowId=${flowId}`)).json()) as { items: { id: string; status: string }[] }).items;
        run = items[0];
        return run?.status;
      },
      { timeout: 45_000 },
    )
    .toMatch(/^(succeeded|failed|timed_out|cancelled)$/);
  if (!run) throw new Error('no run');
  return run;
}

async function statValue(page: Page, id: string): Promise<string> {
  return (await page.getByTestId(`${id}-value`).textContent())?.trim() ?? '';
}

test('an empty range shows empty states, not blank charts', async ({ page }) => {
  await signIn(page);
  // Earlier specs' runs are moved out of every range (the e2e database only), so this range is empty.
  const client = new pg.Client({ connectionString: 'postgresql://postgres@127.0.0.1:5432/riposte_e2e' });
  await client.connect();
  try {
    await client.query(`UPDATE "Run" SET "createdAt" = "createdAt" - interval '90 days'`);
  } finally {
    await client.end();
  }
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await page.getByTestId('range-selector').getByRole('link', { name: '30 days' }).click();
  await expect(page).toHaveURL(/range=30d$/);
  await expect(page.getByTestId('runs-chart-empty')).toContainText('No runs in the last 30 days');
  await expect(page.getByTestId('runs-chart')).toHaveCount(0);
  expect(await statValue(page, 'stat-runs')).toBe('0');
  expect(await statValue(page, 'stat-mttr')).toBe('—');
  await expect(page.getByText('No failed runs')).toBeVisible();
  await snap(page, 'dashboard-empty');
});

test('runs show up in the chart, the figures, the failing flows and the quota; the failure is emailed once', async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page);
  const { smtp } = await demoConnections(page);
  const graph = await templateGraph(page.request);
  // Always High, so the isolation runs.
  const isolating: Graph = { ...graph, nodes: graph.nodes.map((n) => (n.id === 'is_high' ? { ...n, params: { ...n.params, rules: [{ left: '{{ get_alert.severity }}', operator: 'isNotEmpty' }] } } : n)) };
  const failing: Graph = {
    ...graph,
    nodes: graph.nodes.map((n) =>
      n.id === 'isolate'
        ? { ...n, params: { ...n.params, machineId: 'no-such-machine-0000' } }
        : n.id === 'trigger'
          ? { ...n, settings: { onFailure: { emailTo: ['soc-oncall@contoso.example'], smtpConnectionId: smtp } } }
          : n,
    ),
  };
  const okId = await publishedFlow(page.request, 'Dashboard e2e: isolate', isolating);
  const badId = await publishedFlow(page.request, 'Dashboard e2e: broken isolate', failing);

  await page.goto('/flows');
  await raiseAlert(page, 'High');
  const ok = await finishedRun(page.request, okId);
  const bad = await finishedRun(page.request, badId);
  expect(ok.status).toBe('succeeded');
  expect(bad.status).toBe('failed');

  await page.goto('/dashboard?range=24h');
  const chart = page.getByTestId('runs-chart');
  await expect(chart).toHaveAttribute('data-total', '2');
  // recharts drew the stacked bars: one succeeded and one failed segment.
  await expect(chart.locator('.recharts-bar-rectangle path')).toHaveCount(2);
  await expect(chart.locator('.recharts-legend-item')).toHaveText(['Succeeded', 'Failed']);
  expect(await statValue(page, 'stat-runs')).toBe('2');
  expect(await statValue(page, 'stat-alerts')).toBe('1');
  expect(await statValue(page, 'stat-mttr')).not.toBe('—');
  await expect(page.getByTestId('stat-mttr')).toContainText('1 alert contained');
  const failingRow = page.getByTestId('failing-flow');
  await expect(failingRow).toHaveCount(1);
  await expect(failingRow).toContainText('Dashboard e2e: broken isolate');
  await expect(failingRow).toContainText('ResourceNotFound');
  const machines = page.locator('[data-testid="quota-family"][data-family="machines"]').first();
  await expect(machines.getByRole('meter').first()).not.toHaveAttribute('aria-valuenow', '0');
  await snap(page, 'dashboard');

  // The failure email, once, with the run link.
  await page.goto('/outbox');
  const subject = page.getByTestId('email-subject').filter({ hasText: '[Riposte] Run failed: Dashboard e2e: broken isolate' });
  await expect(subject).toHaveCount(1, { timeout: 15_000 });
  await expect(page.getByText(`/runs/${bad.id}`).first()).toBeVisible();

  // The flows list: search by name, filter by last status and switch; the 7-day bars.
  await page.goto('/flows');
  await page.getByRole('searchbox', { name: 'Search flows by name' }).fill('dashboard e2e');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/q=dashboard\+e2e/);
  const rows = page.getByTestId('flow-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.first().getByTestId('flow-sparkline')).toHaveAttribute('aria-label', /1 run in the last 7 days: 1 succeeded, 0 failed \(100% success\)/);
  await expect(rows.first().getByTestId('flow-owner').locator('span')).toHaveAttribute('title', 'admin@riposte.test');
  await page.getByRole('combobox', { name: 'Last run' }).selectOption('failed');
  await expect(page).toHaveURL(/lastStatus=failed/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Dashboard e2e: broken isolate');
  await expect(rows.first().getByTestId('flow-sparkline')).toHaveAttribute('aria-label', /0% success/);
  await snap(page, 'flows-filtered');
  await page.getByRole('combobox', { name: 'Switch' }).selectOption('off');
  await expect(page.getByText('No flows match these filters')).toBeVisible();
  await page.getByRole('link', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/\/flows$/);
  await expect(rows.filter({ hasText: TEMPLATE_FLOW })).toHaveCount(1);
  await expect(page.getByRole('combobox', { name: 'Last run' })).toHaveValue('');
  await expect(page.getByRole('searchbox', { name: 'Search flows by name' })).toHaveValue('');
  await snap(page, 'flows-list');

  // The designer shows the setting on the trigger.
  await page.goto(`/flows/${badId}`);
  await page.locator('.react-flow__node[data-id="trigger"]').click();
  const settings = page.getByTestId('failure-notification-settings');
  await expect(settings).toContainText('email soc-oncall@contoso.example');
  await settings.locator('summary').click();
  await expect(settings.getByLabel('Email these people')).toHaveValue('soc-oncall@contoso.example');
  await snap(page, 'designer-on-failure');

  // Later specs expect no failed runs in the history: these flows go, with their runs.
  for (const id of [okId, badId]) expect((await page.request.delete(`/api/v1/flows/${id}`)).ok()).toBe(true);
});
