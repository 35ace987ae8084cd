// Hunting result columns as tokens: on a schedule → hunting query → for each over its results →
// email flow, "Get columns" runs the query once against the simulator, lists the typed columns,
// and the email inside the loop then picks {{ each_device.item.DeviceName }} from the picker.
import { expect, test } from '@playwright/test';
import { canvasNode, demoConnections, expectSaved, inspectorField, pickToken, signIn, snap, createFlowFromGraph } from './helpers';

test('Get columns, then a loop item column from the token picker', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  const { defender, smtp } = await demoConnections(page);
  const at = (x: number, y: number) => ({ x: x * 300, y });
  const graph = {
    schemaVersion: 1,
    nodes: [
      { id: 'trigger', type: 'schedule.recurrence', label: 'Every morning', position: at(0, 0), params: { mode: 'interval', every: 1, unit: 'days' } },
      {
        id: 'servers',
        type: 'defender.runHuntingQuery',
        label: 'Find servers',
        position: at(1, 0),
        params: { connectionId: defender, query: 'DeviceInfo\n| where MachineGroup == "Servers"\n| project DeviceId, DeviceName, OSPlatform, Timestamp', api: 'graph' },
      },
      { id: 'each_device', type: 'control.forEach', label: 'Each server', position: at(2, 0), params: { items: '{{ servers.results }}' } },
      { id: 'notify', type: 'email.send', label: 'Tell the owner', position: at(3, -60), params: { connectionId: smtp, to: 'soc@example.com', subject: '', body: 'Please check this server.' } },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceHandle: 'out', target: 'servers' },
      { id: 'e2', source: 'servers', sourceHandle: 'out', target: 'each_device' },
      { id: 'e3', source: 'each_device', sourceHandle: 'each', target: 'notify' },
    ],
  };
  const flowId = await createFlowFromGraph(page.request, 'Hunting columns e2e', graph);

  await page.goto(`/flows/${flowId}`);
  await canvasNode(page, 'servers').click();
  const inspector = page.getByTestId('inspector');
  await expect(inspector).toHaveAttribute('data-node-id', 'servers');
  const columns = inspectorField(page, 'columns');
  await expect(columns.getByTestId('columns-status')).toContainText('No columns yet');

  // Before the columns are known, the loop offers only the whole item.
  await columns.getByRole('button', { name: 'Get columns' }).click();
  await expect(columns.getByRole('status')).toContainText('Ran the query once through Graph');
  const list = columns.getByRole('list', { name: 'Result columns' });
  await expect(list.getByRole('listitem')).toHaveCount(4);
  await expect(list.getByRole('listitem').nth(1)).toContainText('DeviceName');
  await expect(list.getByRole('listitem').nth(3)).toContainText('DateTime');
  await expect(columns.getByTestId('columns-status')).toHaveText('4 columns, saved with the step.');
  await expect(columns.getByRole('button', { name: 'Refresh' })).toBeVisible();
  await expectSaved(page);
  await columns.scrollIntoViewIfNeeded();
  await inspector.screenshot({ path: 'e2e/screenshots/hunting-columns-inspector.png' });

  // A KQL error is shown in the widget, in words.
  await inspectorField(page, 'query').locator('textarea').fill('DeviceInfo | frobnicate');
  await columns.getByRole('button', { name: 'Refresh' }).click();
  await expect(columns.getByTestId('columns-error')).toContainText('Defender could not run the query');
  // The stored columns stay until a query succeeds.
  await expect(list.getByRole('listitem')).toHaveCount(4);
  await inspectorField(page, 'query').locator('textarea').fill('DeviceInfo\n| where MachineGroup == "Servers"\n| project DeviceId, DeviceName, OSPlatform, Timestamp');

  // Inside the loop: the email picks the server's name from the loop item's columns. (The side
  // panel covers the right of the canvas: close it to reach the email step.)
  await inspector.getByRole('button', { name: 'Close inspector' }).click();
  await canvasNode(page, 'notify').click();
  await expect(inspector).toHaveAttribute('data-node-id', 'notify');
  await pickToken(inspectorField(page, 'subject'), 'Each server', 'Item: DeviceName');
  await expect(inspector.getByLabel('Subject')).toHaveValue('{{ each_device.item.DeviceName }}');
  await inspector.getByLabel('Notes').click();
  await expect(inspectorField(page, 'subject')).toContainText('Each server › Item: DeviceName');
  await expectSaved(page);
  await snap(page, 'hunting-columns-loop-token');

  // The columns are saved with the flow, and the checker accepts the column token.
  await page.reload();
  await canvasNode(page, 'servers').click();
  await expect(inspector).toHaveAttribute('data-node-id', 'servers');
  await expect(inspectorField(page, 'columns').getByTestId('columns-status')).toHaveText('4 columns, saved with the step.');
  const exported = (await (await page.request.get(`/api/v1/flows/${flowId}/export`)).json()) as { graph: { nodes: { id: string; params: Record<string, unknown> }[] } };
  expect(exported.graph.nodes.find((n) => n.id === 'servers')?.params.columns).toEqual([
    { name: 'DeviceId', type: 'String' },
    { name: 'DeviceName', type: 'String' },
    { name: 'OSPlatform', type: 'String' },
    { name: 'Timestamp', type: 'DateTime' },
  ]);
  const published = await page.request.post(`/api/v1/flows/${flowId}/publish`);
  expect(published.ok()).toBe(true);
});
