// Issue 4's browser test: a flow with a hunting query, an approval and a for-each over the rows.
// It opens in the designer with its named handles; run now, the approver reads the request in the
// Outbox, follows the emailed "Approve" link, confirms, and the run finishes with one email per row.
import { expect, test } from '@playwright/test';
import { canvasNode, publishAndSwitchOn, signIn, snap, demoConnections, switchOffAfterEach, createFlowFromGraph } from './helpers';


const switchOffLater = switchOffAfterEach();

test('hunting rows → approval from the email link → for each row', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page);
  const { defender, smtp } = await demoConnections(page);

  const at = (x: number, y: number) => ({ x: x * 280, y });
  const graph = {
    schemaVersion: 1,
    nodes: [
      { id: 'trigger', type: 'schedule.recurrence', label: 'Every morning', position: at(0, 0), params: { mode: 'interval', every: 1, unit: 'days', at: '08:00', timezone: 'UTC' } },
      { id: 'hunt', type: 'defender.runHuntingQuery', label: 'Find devices', position: at(1, 0), params: { connectionId: defender, query: 'DeviceInfo | project DeviceName, DeviceId | take 3', api: 'graph' } },
      {
        id: 'ask',
        type: 'control.approval',
        label: 'Ask the duty lead',
        position: at(2, 0),
        params: { title: 'Report {{ hunt.rowCount }} devices?', details: 'Found by the morning hunt.', approvers: 'duty@riposte.test', connectionId: smtp, timeoutHours: 2 },
      },
      { id: 'each_row', type: 'control.forEach', label: 'Each device', position: at(3, -80), params: { items: '{{ hunt.results }}', concurrency: 2 } },
      {
        id: 'tell',
        type: 'email.send',
        label: 'Tell the SOC',
        position: at(4, -80),
        params: { connectionId: smtp, to: 'soc@example.com', subject: 'Device {{ each_row.item.DeviceName }} (approved by {{ ask.decidedBy }})', body: '{{ each_row.item.DeviceId }}' },
      },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceHandle: 'out', target: 'hunt' },
      { id: 'e2', source: 'hunt', sourceHandle: 'out', target: 'ask' },
      { id: 'e3', source: 'ask', sourceHandle: 'approved', target: 'each_row' },
      { id: 'e4', source: 'each_row', sourceHandle: 'each', target: 'tell' },
    ],
  };
  const flowId = await createFlowFromGraph(page.request, 'Morning hunt with approval', graph);
  switchOffLater(flowId);

  await page.goto(`/flows/${flowId}`);
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
  for (const name of ['approved', 'rejected']) await expect(canvasNode(page, 'ask').getByLabel(name, { exact: true })).toHaveCount(1);
  await expect(page.locator('[data-testid="node-error-badge"]')).toHaveCount(0);
  await canvasNode(page, 'ask').click();
  await expect(page.getByLabel('Time out after (hours)')).toHaveValue('2');
  await snap(page, 'designer-approval-loop');

  // Step settings: a retry policy and a timeout for the hunting step, saved with the flow.
  await page.getByRole('button', { name: 'Close inspector' }).click();
  await canvasNode(page, 'hunt').click();
  const settings = page.getByTestId('step-settings');
  await expect(settings).toContainText('Default: 4 retries');
  await expect(settings).toContainText('time out after 240 s');
  await settings.locator('summary').click();
  await page.getByLabel('Retry policy').selectOption('fixed');
  await page.getByLabel('Retries').fill('2');
  await expect(settings).toContainText('2 retries, every 7 s');
  await snap(page, 'designer-step-settings');
  // The trigger's run settings: one run at a time.
  await page.getByRole('button', { name: 'Close inspector' }).click();
  await canvasNode(page, 'trigger').click();
  const run = page.getByTestId('trigger-settings');
  await run.locator('summary').click();
  await page.getByLabel('Runs at once (concurrency limit)').fill('1');
  await expect(run).toContainText('at most 1 at once');
  await snap(page, 'designer-trigger-settings');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved', { timeout: 15_000 });
  const saved = (await (await page.request.get(`/api/v1/flows/${flowId}`)).json()) as { graph: { nodes: { id: string; settings?: unknown }[] } };
  expect(saved.graph.nodes.find((n) => n.id === 'hunt')?.settings).toEqual({ retry: { mode: 'fixed', count: 2 } });
  expect(saved.graph.nodes.find((n) => n.id === 'trigger')?.settings).toEqual({ concurrency: 1 });
  await publishAndSwitchOn(page);

  const started = await page.request.post(`/api/v1/flows/${flowId}/run`, { data: {} });
  expect(started.status()).toBe(202);
  const { runId } = (await started.json()) as { runId: string };

  // The run pauses; the request is on the Approvals page and in the approver's mail.
  await page.goto(`/runs/${runId}`);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'waiting', { timeout: 30_000 });
  await page.goto('/approvals');
  await expect(page.getByTestId('approval').filter({ hasText: 'Report 3 devices?' })).toBeVisible();
  await snap(page, 'approvals-pending');

  await page.goto('/outbox');
  const request = page.getByTestId('email').filter({ hasText: 'Approval needed: Report 3 devices?' });
  await expect(request).toBeVisible({ timeout: 20_000 });
  const text = (await request.locator('pre').textContent()) ?? '';
  const approveLink = /Approve: (\S+)/.exec(text)?.[1];
  expect(approveLink).toBeTruthy();

  // The link opens a confirmation page; nothing is decided until the button is pressed.
  await page.goto(approveLink!);
  await expect(page.getByRole('heading', { name: 'Approve this request?' })).toBeVisible();
  await expect(page.getByTestId('approval-link-page')).toHaveAttribute('data-status', 'pending');
  await snap(page, 'approval-link');
  await page.getByLabel('Comment (optional)').fill('Go ahead');
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByTestId('approval-result')).toContainText('Recorded: approved');
  // Single use: opening the link again shows the decision.
  await page.goto(approveLink!);
  await expect(page.getByTestId('approval-link-page')).toHaveAttribute('data-status', 'approved');
  await expect(page.getByRole('heading', { name: 'This request is closed' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('A link decides only once');
  await expect(page.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  await snap(page, 'approval-link-used');

  await page.goto(`/runs/${runId}`);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  const loop = page.locator('[data-testid="step-row"][data-node-id="each_row"]');
  await expect(loop.getByTestId('loop-item')).toHaveCount(3);
  await snap(page, 'run-detail-approval-loop');
  await page.goto('/outbox');
  await expect(page.getByTestId('email').filter({ hasText: '(approved by duty@riposte.test)' })).toHaveCount(3);
});
