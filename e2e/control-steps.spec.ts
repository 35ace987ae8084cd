// Control steps in the browser: a flow with a switch (one handle per case plus default) and a
// for-each (each/done) opens in the designer with named handles and the cases widget; after
// publishing, a High alert loops over its evidence and run detail shows one group per item.
import { expect, test } from '@playwright/test';
import { canvasNode, raiseAlert, signIn, snap, publishAndSwitchOn, demoConnections, switchOffAfterEach, createFlowFromGraph } from './helpers';


const switchOffLater = switchOffAfterEach();

test('switch and for-each: designer handles, cases widget, per-item run steps', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page);
  const { defender, smtp } = await demoConnections(page);

  const at = (x: number, y: number) => ({ x: x * 280, y });
  const graph = {
    schemaVersion: 1,
    nodes: [
      { id: 'trigger', type: 'defender.alertCreated', label: 'When a new alert is created', position: at(0, 0), params: { connectionId: defender } },
      { id: 'get_alert', type: 'defender.getAlert', label: 'Get alert', position: at(1, 0), params: { connectionId: defender, alertId: '{{ trigger.id }}' } },
      { id: 'by_severity', type: 'control.switch', label: 'By severity', position: at(2, 0), params: { value: '{{ get_alert.severity }}', cases: ['High', 'Low'] } },
      { id: 'each_evidence', type: 'control.forEach', label: 'Each evidence', position: at(3, -160), params: { items: '{{ get_alert.evidence }}', concurrency: 5 } },
      { id: 'describe', type: 'control.compose', label: 'Describe evidence', position: at(4, -240), params: { value: { kind: '{{ each_evidence.item.entityType }}', index: '{{ each_evidence.index }}' } } },
      {
        id: 'report',
        type: 'email.send',
        label: 'Report evidence',
        position: at(4, -80),
        params: { connectionId: smtp, to: 'soc@example.com', subject: '{{ each_evidence.count }} evidence items: {{ get_alert.title }}', body: 'Results: {{ each_evidence.results }}' },
      },
      { id: 'stop_low', type: 'control.terminate', label: 'Nothing to do', position: at(3, 40), params: { status: 'succeeded', message: 'Low severity' } },
      { id: 'remember', type: 'control.setVariable', label: 'Remember severity', position: at(3, 200), params: { name: 'severity', value: '{{ get_alert.severity }}' } },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceHandle: 'out', target: 'get_alert' },
      { id: 'e2', source: 'get_alert', sourceHandle: 'out', target: 'by_severity' },
      { id: 'e3', source: 'by_severity', sourceHandle: 'case:High', target: 'each_evidence' },
      { id: 'e4', source: 'each_evidence', sourceHandle: 'each', target: 'describe' },
      { id: 'e5', source: 'each_evidence', sourceHandle: 'done', target: 'report' },
      { id: 'e6', source: 'by_severity', sourceHandle: 'case:Low', target: 'stop_low' },
      { id: 'e7', source: 'by_severity', sourceHandle: 'default', target: 'remember' },
    ],
  };
  const flowId = await createFlowFromGraph(page.request, 'Evidence loop', graph);
  switchOffLater(flowId);

  // Designer: every handle is on the canvas with its accessible name.
  await page.goto(`/flows/${flowId}`);
  await expect(page.locator('.react-flow__node')).toHaveCount(8);
  for (const name of ['case High', 'case Low', 'default']) {
    await expect(canvasNode(page, 'by_severity').getByLabel(name, { exact: true })).toHaveCount(1);
  }
  for (const name of ['each', 'done']) {
    await expect(canvasNode(page, 'each_evidence').getByLabel(name, { exact: true })).toHaveCount(1);
  }
  await expect(page.locator('[data-testid="node-error-badge"]')).toHaveCount(0);

  // The switch's cases widget: adding a case adds a handle.
  await canvasNode(page, 'by_severity').click();
  await expect(page.getByRole('textbox', { name: 'Case 1' })).toHaveValue('High');
  await page.getByRole('button', { name: 'Add case' }).click();
  await page.getByRole('textbox', { name: 'Case 3' }).fill('Medium');
  await expect(canvasNode(page, 'by_severity').getByLabel('case Medium', { exact: true })).toHaveCount(1);
  await snap(page, 'designer-switch-foreach');
  // The inspector floats over the right of the canvas: close it before picking the next step.
  await page.getByRole('button', { name: 'Close inspector' }).click();
  await canvasNode(page, 'each_evidence').click();
  await expect(page.getByLabel('Concurrency')).toHaveValue('5');
  await snap(page, 'designer-foreach-inspector');

  // Run it on a High alert: the loop runs once per evidence item.
  await publishAndSwitchOn(page);
  await page.goto('/flows');
  const alert = await raiseAlert(page, 'High');
  await page.goto('/runs');
  const row = page.locator(`[data-testid="run-row"][data-alert-id="${alert.id}"]`);
  await expect(row).toHaveAttribute('data-status', 'succeeded', { timeout: 45_000 });
  await row.getByTestId('run-link').click();
  const loop = page.locator('[data-testid="step-row"][data-node-id="each_evidence"]');
  await expect(loop).toHaveAttribute('data-status', 'succeeded');
  // One item per evidence entity of this alert (how many depends on the simulated detection).
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  const run = (await (await page.request.get(`/api/v1/runs/${page.url().split('/').pop()}`)).json()) as { steps: { nodeId: string; output: unknown }[] };
  const evidence = (run.steps.find((st) => st.nodeId === 'get_alert')?.output as { evidence?: unknown[] } | undefined)?.evidence ?? [];
  expect(evidence.length).toBeGreaterThan(1);
  const items = loop.getByTestId('loop-item');
  await expect(items).toHaveCount(evidence.length);
  await expect(items.first()).toHaveAttribute('data-status', 'succeeded');
  await items.first().getByTestId('loop-item-summary').first().click();
  await expect(items.first().locator('[data-testid="step-row"][data-node-id="describe"]')).toHaveAttribute('data-iteration', '0');
  await expect(page.locator('[data-testid="step-row"][data-node-id="stop_low"]')).toHaveAttribute('data-status', 'skipped');
  await snap(page, 'run-detail-foreach');
});
